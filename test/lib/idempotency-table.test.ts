import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { settings } from '../../lib/settings.js';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack();
const tableId = logicalIdOf(stack.emailQueue.idempotencyTable);
const workerRole = [{ Ref: logicalIdOf(stack.emailQueue.worker.role ?? stack.emailQueue.worker) }];

/** Every Allow statement attached to the worker's role. */
function workerStatements(): Array<{ Action: string | string[]; Resource: unknown }> {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify(workerRole))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe('the idempotency table', () => {
  it('has the key schema and TTL attribute Powertools uses, on demand, encrypted, with PITR', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('lets the worker only get, put, update and delete items, on this table alone', () => {
    // The worker's other DynamoDB statement is GetItem on the accounts table (issue 8).
    const statements = workerStatements().filter(
      (statement) =>
        [statement.Action].flat().some((action) => action.startsWith('dynamodb:')) &&
        JSON.stringify(statement.Resource).includes(tableId),
    );

    expect(statements).toHaveLength(1);
    expect([statements[0]?.Action].flat().sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect([statements[0]?.Resource].flat()).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }]);
  });

  it('lets the worker change the visibility of the messages it receives', () => {
    const statements = workerStatements().filter((statement) =>
      [statement.Action].flat().includes('sqs:ChangeMessageVisibility'),
    );

    expect(statements.map((statement) => statement.Resource)).toEqual([
      { 'Fn::GetAtt': [logicalIdOf(stack.emailQueue.queue), 'Arn'] },
    ]);
  });
});

describe('the worker environment', () => {
  it('names the queue, the DLQ and the table, and sets its settings from lib/settings.ts', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          QUEUE_URL: { Ref: logicalIdOf(stack.emailQueue.queue) },
          DLQ_URL: { Ref: logicalIdOf(stack.emailQueue.deadLetterQueue) },
          IDEMPOTENCY_TABLE: { Ref: tableId },
          RETRY_BASE_DELAY_SECONDS: String(settings.retry.baseDelaySeconds),
          RETRY_MAX_DELAY_SECONDS: String(settings.retry.maxDelaySeconds),
          SEND_RATE_PER_SECOND: String(
            settings.ses.maxSendRatePerSecond / settings.worker.maxConcurrency,
          ),
          MAX_RECEIVE_COUNT: String(settings.queue.maxReceiveCount),
          IDEMPOTENCY_EXPIRES_AFTER_SECONDS: String(settings.idempotency.expiresAfterSeconds),
          POWERTOOLS_SERVICE_NAME: 'send-email',
        }),
      },
    });
  });

  it('shares the SES rate among the concurrency the stack is given', () => {
    const { stack: custom, template: customTemplate } = synthesizeStack({ maxConcurrency: 4 });

    customTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          IDEMPOTENCY_TABLE: { Ref: logicalIdOf(custom.emailQueue.idempotencyTable) },
          SEND_RATE_PER_SECOND: String(settings.ses.maxSendRatePerSecond / 4),
        }),
      },
    });
  });
});
