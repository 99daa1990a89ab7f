import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyEmail } from '../../../emails/verify-email.js';
import { emailJobSchema } from '../../../functions/commons/email-job.js';
import { toHeaderText } from '../../../functions/send-email/format-address.js';
import { makeEmailJob } from '../../factories/sqs-email-job.js';
import { makeLambdaContext, makeSqsEvent, makeSqsRecord } from '../../factories/sqs-event.js';
import { fakeIdempotencyTable } from './fake-idempotency-table.js';
import { readMailbox } from './mailbox-reader.js';
import { setWorkerQueueEnvironment } from './worker-events.js';

process.env.MAIL_SENDER = 'no-reply@example.com';
delete process.env.MAIL_SUBJECT_PREFIX;
delete process.env.SES_CONFIGURATION_SET;
// Logs go to the global console in dev mode, where the spies below keep them quiet.
process.env.POWERTOOLS_DEV = 'true';
setWorkerQueueEnvironment();
const { handler } = await import('../../../functions/send-email/index.js');

const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);
const dynamoDb = mockClient(DynamoDBClient);

/** Runs one batch of bodies through the worker with fresh SES, SQS and DynamoDB fakes. */
async function runBatch(bodies: string[]) {
  ses.reset();
  sqs.reset();
  dynamoDb.reset();
  fakeIdempotencyTable(dynamoDb);
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message' });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-message' });
  const records = bodies.map((body) => makeSqsRecord(body));
  const result = await handler(makeSqsEvent(records), makeLambdaContext());
  const sent = ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
  const deadLetterInputs = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
  const deadLettered = deadLetterInputs.map((input) => input.MessageBody);
  return { records, result, sent, deadLettered, deadLetterInputs };
}

/** Whether the worker may send this body: a v1 job for verify-email with valid props. */
function isSendable(body: string): boolean {
  try {
    const job = emailJobSchema.safeParse(JSON.parse(body));
    return (
      job.success &&
      job.data.template === 'verify-email' &&
      verifyEmail.propsSchema.safeParse(job.data.props).success
    );
  } catch {
    return false;
  }
}

const validProps = makeEmailJob().props;
const nameArbitrary = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('Ann\r\nBcc: eve@example.com', 'Doe, "Ann" <x@y>', '\u202eevil', 'Zoë <b>&amp;'),
);
// Jobs near the contract: valid, or with one field replaced by something arbitrary.
const jobArbitrary = fc
  .record({
    v: fc.oneof({ arbitrary: fc.constant(1), weight: 4 }, fc.anything()),
    template: fc.oneof({ arbitrary: fc.constant('verify-email'), weight: 4 }, fc.string()),
    email: fc.oneof(
      fc.constantFrom('ann@example.com', 'ann+tag@bücher.example', 'zoë@example.com'),
      fc.emailAddress(),
      fc.string(),
    ),
    name: fc.option(nameArbitrary, { nil: undefined }),
    props: fc.oneof(
      { arbitrary: nameArbitrary.map((name) => ({ ...validProps, name })), weight: 3 },
      fc.dictionary(fc.string(), fc.jsonValue()),
    ),
  })
  .map(({ v, template, email, name, props }) =>
    JSON.stringify({ ...makeEmailJob(), v, template, to: { email, name }, props }),
  );

describe('send-email worker, for arbitrary message bodies', () => {
  beforeAll(() => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('moves every arbitrary string to the DLQ at once and sends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }),
        async (bodies) => {
          // Act
          const { result, sent, deadLettered } = await runBatch(bodies);

          // Assess
          expect(sent).toEqual([]);
          expect(result.batchItemFailures).toEqual([]);
          expect(deadLettered.toSorted()).toEqual(bodies.toSorted());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never sends arbitrary JSON that is not a job', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.json(), { minLength: 1, maxLength: 5 }), async (bodies) => {
        // Act
        const { result, sent, deadLettered } = await runBatch(bodies);

        // Assess
        expect(sent).toEqual([]);
        expect(result.batchItemFailures).toEqual([]);
        expect(deadLettered).toHaveLength(bodies.length);
      }),
      { numRuns: 200 },
    );
  });

  it('sends each job near the contract once when it is valid, else dead-letters it, with a safe To', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jobArbitrary, { minLength: 1, maxLength: 5 }), async (bodies) => {
        // Act
        const { records, result, sent, deadLettered, deadLetterInputs } = await runBatch(bodies);

        // Assess
        const bodyByJobId = new Map(bodies.map((body) => [JSON.parse(body).id, body]));
        const sentJobIds = sent.map(
          (input) => input.EmailTags?.find((tag) => tag.Name === 'job_id')?.Value,
        );
        expect(new Set(sentJobIds).size).toBe(sent.length);
        expect(result.batchItemFailures).toEqual([]);
        expect(sent.length + deadLettered.length).toBe(records.length);
        // The contract holds the recipient to the API's address rule, so a job it and the
        // template accept can always be written to SES: it is never dead-lettered.
        for (const { MessageBody } of deadLetterInputs) {
          expect(isSendable(MessageBody ?? '')).toBe(false);
        }
        for (const [index, input] of sent.entries()) {
          const body = bodyByJobId.get(sentJobIds[index]) ?? '';
          expect(isSendable(body)).toBe(true);
          const [to = ''] = input.Destination?.ToAddresses ?? [];
          expect(to).toMatch(/^[\x20-\x7e]+$/);
          expect(readMailbox(to).name).toBe(toHeaderText(JSON.parse(body).to.name ?? ''));
        }
      }),
      { numRuns: 150 },
    );
  });
});
