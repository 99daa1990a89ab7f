import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { placeholderSender, readStackPropsFromContext } from '../../lib/stack-context.js';

function appWithContext(context: Record<string, unknown>): App {
  return new App({ context });
}

describe('readStackPropsFromContext', () => {
  it('falls back to the placeholder sender and leaves every other choice unset', () => {
    const props = readStackPropsFromContext(appWithContext({}).node);

    expect(props.sender).toBe(placeholderSender);
    expect(Object.entries(props).filter(([, value]) => value !== undefined)).toEqual([
      ['sender', placeholderSender],
    ]);
  });

  it('reads numbers given on the command line as strings', () => {
    const app = appWithContext({
      throttlingRateLimit: '20',
      throttlingBurstLimit: 40,
      maxConcurrency: '5',
    });

    const props = readStackPropsFromContext(app.node);

    expect(props).toMatchObject({
      throttlingRateLimit: 20,
      throttlingBurstLimit: 40,
      maxConcurrency: 5,
    });
  });

  it('splits comma-separated CORS origins and drops empty entries', () => {
    const app = appWithContext({ corsOrigins: 'https://a.example, https://b.example,' });

    const props = readStackPropsFromContext(app.node);

    expect(props.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('passes the string choices through as given', () => {
    const app = appWithContext({
      sender: 'Acme <hello@acme.test>',
      senderDomain: 'acme.test',
      appUrl: 'https://signup.acme.test',
      alarmEmail: 'ops@acme.test',
      mailSubjectPrefix: '[Acme] ',
    });

    const props = readStackPropsFromContext(app.node);

    expect(props).toMatchObject({
      sender: 'Acme <hello@acme.test>',
      senderDomain: 'acme.test',
      appUrl: 'https://signup.acme.test',
      alarmEmail: 'ops@acme.test',
      mailSubjectPrefix: '[Acme] ',
    });
  });

  it('reads the flags given as strings on the command line or as booleans in cdk.json', () => {
    const app = appWithContext({ sesSandbox: 'true', existingIdentity: false });

    const props = readStackPropsFromContext(app.node);

    expect(props).toMatchObject({ sesSandbox: true, existingIdentity: false });
  });

  it('throws naming the flag when it is neither true nor false', () => {
    const app = appWithContext({ sesSandbox: 'yes' });

    expect(() => readStackPropsFromContext(app.node)).toThrow(
      'Context sesSandbox must be true or false, got "yes"',
    );
  });

  it('throws naming the key when a number is not a number', () => {
    const app = appWithContext({ maxConcurrency: 'many' });

    expect(() => readStackPropsFromContext(app.node)).toThrow(
      'Context maxConcurrency must be a number, got "many"',
    );
  });
});
