import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack();
const queueId = logicalIdOf(stack.emailQueue.queue);
const secretId = logicalIdOf(stack.tokenSecret);
const identityId = logicalIdOf(stack.sesSender.identity);
const configurationSetId = logicalIdOf(stack.sesSender.configurationSet);

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every Allow statement of every identity-based policy, with the roles it is attached to. */
function allowStatements(): Array<Statement & { roles: unknown }> {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap((policy) => {
    const { PolicyDocument, Roles } = policy.Properties as {
      PolicyDocument: { Statement: Statement[] };
      Roles: unknown;
    };
    return PolicyDocument.Statement.filter((statement) => statement.Effect === 'Allow').map(
      (statement) => ({ ...statement, roles: Roles }),
    );
  });
}

function statementsWithAction(action: string) {
  return allowStatements().filter((statement) => [statement.Action].flat().includes(action));
}

function roleOf(fn: typeof stack.emailQueue.worker) {
  return [{ Ref: logicalIdOf(fn.role ?? fn) }];
}

describe('IAM policies', () => {
  it('lets only the worker call ses:SendEmail, on the identity and configuration set ARNs', () => {
    const statements = statementsWithAction('ses:SendEmail');

    expect(statements).toHaveLength(1);
    expect(statements[0]?.roles).toEqual(roleOf(stack.emailQueue.worker));
    expect(JSON.stringify(statements[0]?.Resource)).toContain(
      `":identity/",{"Ref":"${identityId}"}`,
    );
    expect(JSON.stringify(statements[0]?.Resource)).toContain(
      `":configuration-set/",{"Ref":"${configurationSetId}"}`,
    );
    expect(statements[0]?.Resource).toHaveLength(2);
  });

  it('grants no ses:SendRawEmail and no SES action on a wildcard resource', () => {
    const sesStatements = allowStatements().filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith('ses:')),
    );

    expect(statementsWithAction('ses:SendRawEmail')).toEqual([]);
    for (const statement of sesStatements) {
      expect([statement.Resource].flat()).not.toContain('*');
    }
  });

  it('lets the API function send only to the email job queue, and the worker only to the DLQ', () => {
    const statements = statementsWithAction('sqs:SendMessage');
    const byRole = (fn: typeof stack.emailQueue.worker) =>
      statements.filter(
        (statement) => JSON.stringify(statement.roles) === JSON.stringify(roleOf(fn)),
      );

    // The third: the SES feedback function to its own dead-letter queue.
    expect(statements).toHaveLength(3);
    expect(byRole(stack.sesFeedback.handler).map((statement) => statement.Resource)).toEqual([
      { 'Fn::GetAtt': [logicalIdOf(stack.sesFeedback.deadLetterQueue), 'Arn'] },
    ]);
    expect(byRole(stack.signupApi.handler).map((statement) => statement.Resource)).toEqual([
      { 'Fn::GetAtt': [queueId, 'Arn'] },
    ]);
    expect(byRole(stack.emailQueue.worker).map((statement) => statement.Resource)).toEqual([
      { 'Fn::GetAtt': [logicalIdOf(stack.emailQueue.deadLetterQueue), 'Arn'] },
    ]);
  });

  it('lets only the worker consume messages, and only from the email job queue', () => {
    const statements = statementsWithAction('sqs:ReceiveMessage');

    expect(statements).toHaveLength(1);
    expect(statements[0]?.roles).toEqual(roleOf(stack.emailQueue.worker));
    expect(statements[0]?.Action).toEqual(expect.arrayContaining(['sqs:DeleteMessage']));
    expect(statements[0]?.Resource).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
  });

  it('lets only the API function read the token secret', () => {
    const statements = statementsWithAction('secretsmanager:GetSecretValue');

    expect(statements).toHaveLength(1);
    expect(statements[0]?.roles).toEqual(roleOf(stack.signupApi.handler));
    expect(statements[0]?.Resource).toEqual({ Ref: secretId });
  });

  it('gives no Allow statement a wildcard resource but the X-Ray trace upload', () => {
    const wildcards = allowStatements().filter((statement) =>
      [statement.Resource].flat().some((resource) => resource === '*'),
    );

    expect(wildcards.length).toBeGreaterThan(0);
    for (const statement of wildcards) {
      expect([statement.Action].flat().sort()).toEqual([
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ]);
    }
  });

  it('attaches no managed policies to the function roles', () => {
    const roles = template.findResources('AWS::IAM::Role');

    for (const role of Object.values(roles)) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('lets each function write only to its own log group', () => {
    for (const fn of [stack.emailQueue.worker, stack.signupApi.handler]) {
      const logStatements = statementsWithAction('logs:PutLogEvents').filter(
        (statement) => JSON.stringify(statement.roles) === JSON.stringify(roleOf(fn)),
      );

      expect(logStatements).toHaveLength(1);
      expect(logStatements[0]?.Resource).toEqual({
        'Fn::GetAtt': [logicalIdOf(fn.logGroup), 'Arn'],
      });
    }
  });
});
