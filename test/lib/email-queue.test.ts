import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { EmailQueue } from '../../lib/email-queue.js';
import { settings } from '../../lib/settings.js';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack();
const queueId = logicalIdOf(stack.emailQueue.queue);
const deadLetterQueueId = logicalIdOf(stack.emailQueue.deadLetterQueue);
const workerId = logicalIdOf(stack.emailQueue.worker);

function resourceProperties(logicalId: string): Record<string, unknown> {
  const resource = template.toJSON().Resources[logicalId] as {
    Properties: Record<string, unknown>;
  };
  return resource.Properties;
}

describe('EmailQueue', () => {
  it('maps the queue to the worker with batch item failures reported and a maximum concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionName: { Ref: workerId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: settings.worker.maxConcurrency },
    });
  });

  it('takes batch size and batching window from the settings', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: settings.worker.batchSize,
      MaximumBatchingWindowInSeconds: settings.worker.maxBatchingWindowSeconds,
    });
  });

  it('gives the queue a visibility timeout of at least 6 times the worker timeout', () => {
    const visibilityTimeout = resourceProperties(queueId).VisibilityTimeout;
    const workerTimeout = resourceProperties(workerId).Timeout;

    expect(visibilityTimeout).toBe(settings.queue.visibilityTimeoutSeconds);
    expect(workerTimeout).toBe(settings.worker.timeoutSeconds);
    expect(Number(visibilityTimeout)).toBeGreaterThanOrEqual(6 * Number(workerTimeout));
  });

  it('refuses a visibility timeout shorter than 6 times the worker timeout', () => {
    const scope = new Stack(new App(), 'Scope');

    const build = () =>
      new EmailQueue(scope, 'Queue', {
        workerEnvironment: { MAIL_SENDER: 'no-reply@example.com' },
        logRetention: RetentionDays.ONE_DAY,
        queueSettings: { ...settings.queue, visibilityTimeoutSeconds: 179 },
        workerSettings: { ...settings.worker, timeoutSeconds: 30 },
      });

    expect(build).toThrow(/visibility timeout \(179 s\) must be at least 6 × the worker timeout/);
  });

  it('moves a job to the DLQ after 5 failed receives', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueueId, 'Arn'] },
        maxReceiveCount: 5,
      },
    });
    expect(settings.queue.maxReceiveCount).toBe(5);
  });

  it('keeps messages in the DLQ longer than in the queue', () => {
    const queueRetention = Number(resourceProperties(queueId).MessageRetentionPeriod);
    const deadLetterRetention = Number(
      resourceProperties(deadLetterQueueId).MessageRetentionPeriod,
    );

    expect(queueRetention).toBe(settings.queue.retentionPeriodSeconds);
    expect(deadLetterRetention).toBeGreaterThan(queueRetention);
  });

  it.each([
    ['queue', queueId],
    ['DLQ', deadLetterQueueId],
  ])('encrypts the %s with SQS managed keys', (_name, logicalId) => {
    expect(resourceProperties(logicalId)).toMatchObject({ SqsManagedSseEnabled: true });
  });

  it.each([
    ['queue', queueId],
    ['DLQ', deadLetterQueueId],
  ])('denies every request to the %s that is not over TLS', (_name, logicalId) => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });
});
