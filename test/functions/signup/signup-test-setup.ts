import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { acceptEveryAccountWrite, type DocumentClientStub } from './accounts-table-mock.js';
import { importSignupHandler } from './signup-env.js';

/** The signup function's handler, as `importSignupHandler` loads it. */
export type SignupHandler = Awaited<ReturnType<typeof importSignupHandler>>['handler'];

/** What a signup test file asks of the shared setup. */
export interface SignupMockOptions {
  /**
   * Answers every `SendMessage` with `MessageId: 'message-1'`; off for tests that script the
   * queue's answers themselves.
   * @default true
   */
  readonly queueAccepts?: boolean;
  /**
   * Answers every `UpdateItem` as for a new address (`acceptEveryAccountWrite`); off for tests
   * about the accounts table.
   * @default true
   */
  readonly acceptAccountWrites?: boolean;
  /** Fakes `Date` at this instant (ms since the epoch) in every test, real timers after. */
  readonly now?: number;
}

/** The client stubs of one test file. */
export interface SignupMocks {
  /** The SQS client stub (the queue of email jobs). */
  readonly sqs: AwsClientStub<SQSClient>;
  /** The document client stub (the accounts table). */
  readonly ddb: DocumentClientStub;
}

/**
 * Mocks the SQS and DynamoDB document clients for the calling test file and registers the
 * hooks that reset them before each test and drop the stubbed environment after the file.
 * Call it once, at module scope: vitest gives each test file its own module registry, so the
 * stubs are the file's own. mockClient stubs the client class, so clients the handler creates
 * at module scope are covered whenever it is imported.
 *
 * @param options - the default answers and clock
 */
export function mockSignupClients(options: SignupMockOptions = {}): SignupMocks {
  const { queueAccepts = true, acceptAccountWrites = true, now } = options;
  const sqs = mockClient(SQSClient);
  const ddb = mockClient(DynamoDBDocumentClient);

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  beforeEach(() => {
    if (now !== undefined) vi.useFakeTimers({ toFake: ['Date'], now });
    sqs.reset();
    if (queueAccepts) sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
    ddb.reset();
    if (acceptAccountWrites) acceptEveryAccountWrite(ddb);
  });

  if (now !== undefined) {
    afterEach(() => {
      vi.useRealTimers();
    });
  }

  return { sqs, ddb };
}

/**
 * Does `mockSignupClients` and imports the signup handler once, before the file's tests, with
 * the environment set first (the handler reads its configuration at import).
 *
 * @param options - the default answers and clock, and `env`: variables to set (or, with
 *   `undefined`, to remove) on top of the defaults of `importSignupHandler`
 * @returns the stubs, and a handler that calls the one imported (usable once `beforeAll` ran)
 */
export function prepareSignupHandler(
  options: SignupMockOptions & { readonly env?: Record<string, string | undefined> } = {},
): SignupMocks & { readonly handler: SignupHandler } {
  const mocks = mockSignupClients(options);
  let imported: SignupHandler | undefined;

  beforeAll(async () => {
    ({ handler: imported } = await importSignupHandler(options.env));
  });

  const handler: SignupHandler = (...args) => {
    if (!imported) throw new Error('the signup handler is imported in beforeAll');
    return imported(...args);
  };
  return { ...mocks, handler };
}
