import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeSignupEvent } from '../../factories/api-gateway-events.js';
import { type ConsoleCapture, captureConsole } from '../ses-feedback/emitted-output.js';
import {
  acceptEveryAccountWrite,
  makeAccount,
  makeConditionFailure,
} from './accounts-table-mock.js';
import { prepareSignupHandler } from './signup-test-setup.js';

// POST /signup's metrics, read from the embedded metric format (EMF) lines the handler
// writes, as CloudWatch reads them. Dev mode sends Powertools' output to the console, where
// the capture reads it; metrics must be switched on explicitly there.
const { sqs, ddb, handler } = prepareSignupHandler({
  env: {
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_METRICS_DISABLED: 'false',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  },
  acceptAccountWrites: false,
});
const address = 'zebulon.quist@tiny-firm.example';
const personName = 'Zebulon';
let output: ConsoleCapture;

beforeEach(() => {
  output = captureConsole();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Asserts that no line written (logs and metrics) holds the address, its parts or the name. */
function expectNoPersonalData(): void {
  const written = output.lines().join('\n');
  expect(written).not.toMatch(/zebulon|quist|tiny-firm/i);
}

describe('POST /signup metrics', () => {
  it('count a new address as accepted with its confirmation queued, in one EMF line', async () => {
    // Prepare
    acceptEveryAccountWrite(ddb);

    // Act
    const result = await handler(makeSignupEvent({ email: address, name: personName }));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(output.metrics()).toEqual([
      {
        namespace: 'SignupMailer',
        name: 'SignupsAccepted',
        unit: 'Count',
        dimensions: { service: 'signup', outcome: 'confirmation-queued' },
        value: 1,
      },
    ]);
    expect(output.logEntries().map((entry) => entry.message)).toEqual(['Email job queued']);
    expectNoPersonalData();
  });

  it('count a confirmed address as accepted with its notice queued', async () => {
    // Prepare: the link's claim fails (confirmed account), the notice's claim passes.
    ddb
      .on(UpdateCommand)
      .rejectsOnce(makeConditionFailure())
      .resolves({ Attributes: makeAccount({ email: address, status: 'confirmed' }) });

    // Act
    const result = await handler(makeSignupEvent({ email: address }));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(output.metrics().map((metric) => metric.dimensions)).toEqual([
      { service: 'signup', outcome: 'notice-queued' },
    ]);
    expectNoPersonalData();
  });

  it('count a signup within the cooldown as accepted with nothing sent', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(makeConditionFailure());

    // Act
    const result = await handler(makeSignupEvent({ email: address, name: personName }));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(output.metrics().map((metric) => [metric.name, metric.dimensions])).toEqual([
      ['SignupsAccepted', { service: 'signup', outcome: 'nothing-sent' }],
    ]);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('count an invalid address as rejected by its problem kind, without the address', async () => {
    // Act
    const result = await handler(makeSignupEvent({ email: 'zebulon.quist@', name: personName }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(output.metrics()).toEqual([
      {
        namespace: 'SignupMailer',
        name: 'SignupsRejected',
        unit: 'Count',
        dimensions: { service: 'signup', problem: 'invalid-field' },
        value: 1,
      },
    ]);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expectNoPersonalData();
  });

  it.each([
    ['text/plain', 'unsupported-media-type'],
    ['application/json', 'malformed-body'],
  ])('count a %s body that cannot be read as rejected: %s', async (contentType, kind) => {
    // Act
    await handler(makeSignupEvent('{"email": "zebulon', { 'content-type': contentType }));

    // Assess
    expect(output.metrics().map((metric) => [metric.name, metric.dimensions])).toEqual([
      ['SignupsRejected', { service: 'signup', problem: kind }],
    ]);
  });

  it('count a signup SQS refused as rejected for service-unavailable, logging no address', async () => {
    // Prepare
    acceptEveryAccountWrite(ddb);
    sqs.on(SendMessageCommand).rejects(new Error('refused'));

    // Act
    const result = await handler(makeSignupEvent({ email: address, name: personName }));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(output.metrics().map((metric) => [metric.name, metric.dimensions])).toEqual([
      ['SignupsRejected', { service: 'signup', problem: 'service-unavailable' }],
    ]);
    expect(output.logEntries().map((entry) => entry.message)).toEqual([
      'SQS refused the email job',
    ]);
    expectNoPersonalData();
  });
});
