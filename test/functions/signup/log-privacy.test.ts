import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { signConfirmationToken } from '../../../functions/signup/accounts/confirmation-token.js';
import { makeHttpApiEvent, makeSignupEvent } from '../../factories/api-gateway-events.js';
import { testTokenOptions } from './signup-env.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { sqs, handler } = prepareSignupHandler({
  env: { POWERTOOLS_LOG_LEVEL: 'DEBUG' },
  queueAccepts: false,
});
let written: string[];
let spies: MockInstance[];

beforeEach(() => {
  written = [];
  // Powertools Logger writes JSON lines to stdout (info) and stderr (warn, error).
  spies = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    }),
  );
});

afterEach(() => {
  for (const spy of spies) spy.mockRestore();
});

describe('signup logs', () => {
  it('carry the job id and a masked domain, never the address or the name', async () => {
    // Prepare
    sqs
      .on(SendMessageCommand)
      .rejectsOnce(new Error('refused'))
      .resolves({ MessageId: 'message-1' });
    const event = () =>
      makeSignupEvent({ email: 'secret.person@private-domain.example', name: 'Zebulon' });

    // Act
    const refused = await handler(event());
    const queued = await handler(event());

    // Assess
    expect([refused.statusCode, queued.statusCode]).toEqual([503, 202]);
    // Every line: the log entries and the metrics' EMF lines (which carry no `message`).
    const lines = written.join('').trim().split('\n');
    const messages = lines.map((line) => JSON.parse(line).message).filter(Boolean);
    expect(messages).toEqual(['SQS refused the email job', 'Email job queued']);
    const log = lines.join('\n');
    expect(log).toContain(`"jobId":"${JSON.parse(queued.body ?? '').id}"`);
    expect(log).toContain('"domain":"p***.example"');
    expect(log).not.toMatch(/secret\.person|private-domain|Zebulon/);
  });

  it('of a confirmation carry its outcome and a masked domain, never the token or the address', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
    const token = signConfirmationToken('secret.person@private-domain.example', testTokenOptions);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    // Act
    const opened = await handler(makeHttpApiEvent({ path: '/confirm', query: { token } }));
    const posted = await handler(
      makeHttpApiEvent({ method: 'POST', path: '/confirm', headers: form, body: `token=${token}` }),
    );

    // Assess
    expect([opened.statusCode, posted.statusCode]).toEqual([200, 200]);
    const entries = written
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      entries.filter((entry) => entry.message).map(({ message, outcome }) => [message, outcome]),
    ).toEqual([
      ['Confirmation link opened', 'pending'],
      ['Confirmation posted', 'confirmed'],
    ]);
    const log = written.join('');
    expect(log).toContain('"domain":"p***.example"');
    for (const secret of [token, token.split('.')[0] ?? '', token.split('.')[1] ?? '']) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/secret\.person|private-domain/);
  });
});
