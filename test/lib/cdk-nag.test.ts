import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from './stack-fixture.js';

const { stack } = synthesizeStack({ alarmEmail: 'ops@example.com', corsOrigins: ['*'] });

/** Rule id → reasons, from every `Validations.of(...).acknowledge(...)` in the stack. */
function acknowledgedRules(): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
        const id = key.replace(/^annotation::/i, '');
        rules.set(id, [...(rules.get(id) ?? []), reason]);
      }
    }
  }
  return rules;
}

describe('AWS Solutions checks (cdk-nag)', () => {
  it('report no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);

    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledge only rules the pack reports when acknowledgments are ignored', () => {
    const pack = new AwsSolutionsChecks();
    // Reaches into cdk-nag to see the raw findings; if cdk-nag renames this, the test fails.
    Object.assign(pack, { isAcknowledged: () => false });

    const reported = new Set(pack.validateScope(stack).violations.map((v) => v.ruleName));

    expect([...reported].sort()).toEqual([...acknowledgedRules().keys()].sort());
  });

  it('give every acknowledgment a written reason', () => {
    for (const [id, reasons] of acknowledgedRules()) {
      for (const reason of reasons) {
        expect(reason.length, `reason of ${id}`).toBeGreaterThan(80);
      }
    }
    expect([...acknowledgedRules().keys()].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
  });
});
