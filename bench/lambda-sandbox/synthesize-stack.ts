import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { projectRoot } from '../../lib/node-function.js';
import { SignupMailerStack, type SignupMailerStackProps } from '../../lib/signup-mailer-stack.js';

/** Props every test stack starts from; a test overrides what it is about. */
export const baseStackProps: SignupMailerStackProps = {
  sender: 'Signup Mailer <no-reply@example.com>',
};

/** Options of {@link synthesizeStack}. */
export interface SynthesizeOptions {
  /** Run esbuild for the functions (slow); template tests leave it off. */
  readonly bundle?: boolean;
  /** Where the cloud assembly goes. @default - a temporary directory CDK picks */
  readonly outdir?: string;
}

/** A synthesized test stack and its template. */
export interface SynthesizedStack {
  readonly app: App;
  readonly stack: SignupMailerStack;
  readonly template: Template;
}

/**
 * Builds the stack the way `bin/app.ts` does (same `cdk.json` context, so the same feature
 * flags) and synthesizes its template. Call once per test file: synthesis is the slow part.
 *
 * @param props - overrides of {@link baseStackProps}
 * @param options - see {@link SynthesizeOptions}
 */
export function synthesizeStack(
  props: Partial<SignupMailerStackProps> = {},
  options: SynthesizeOptions = {},
): SynthesizedStack {
  const app = new App({
    outdir: options.outdir,
    context: {
      ...readCdkJsonContext(),
      // An empty list skips asset bundling for every stack: templates need no bundle.
      ...(options.bundle === true ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stack = new SignupMailerStack(app, 'SignupMailerTest', { ...baseStackProps, ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical id a construct's CloudFormation resource has in its stack's template. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(resource as CfnElement);
}

function readCdkJsonContext(): Record<string, unknown> {
  const cdkJson: unknown = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8'));
  if (typeof cdkJson === 'object' && cdkJson !== null && 'context' in cdkJson) {
    const { context } = cdkJson;
    if (typeof context === 'object' && context !== null) return { ...context };
  }
  return {};
}
