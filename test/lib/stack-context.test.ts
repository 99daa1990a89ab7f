import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  contextKeys,
  placeholderSender,
  readStackPropsFromContext,
  stackNameOf,
} from '../../lib/stack-context.js';

function appWithContext(context: Record<string, unknown>): App {
  return new App({ context });
}

describe('readStackPropsFromContext', () => {
  it('falls back to the dev stage and the placeholder sender and leaves every other choice unset', () => {
    const props = readStackPropsFromContext(appWithContext({}).node);

    expect(props.sender).toBe(placeholderSender);
    expect(Object.entries(props).filter(([, value]) => value !== undefined)).toEqual([
      ['stage', 'dev'],
      ['sender', placeholderSender],
    ]);
  });

  it.each([['alarmemail'], ['sendr', 'senderdomain']])(
    'throws on a key it does not read (%s), naming every key it does',
    (...keys) => {
      const app = appWithContext(Object.fromEntries(keys.map((key) => [key, 'x'])));

      expect(() => readStackPropsFromContext(app.node)).toThrow(
        `Unknown context ${keys.map((key) => `"${key}"`).join(', ')} (-c or cdk.json); the keys signup-mailer reads are ${contextKeys.join(', ')}`,
      );
    },
  );

  it("leaves the CDK's own keys to it: feature flags, its switches, lookups, acknowledged notices", () => {
    const app = appWithContext({
      '@aws-cdk/core:checkSecretUsage': true,
      'aws:cdk:bundling-stacks': [],
      'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a'],
      'acknowledged-issue-numbers': [32775],
    });

    expect(readStackPropsFromContext(app.node).stage).toBe('dev');
  });

  it('reads every key the deploy guide lists', () => {
    const guide = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
    const listed = [...guide.matchAll(/^\| `(\w+)`(?: \/ `(\w+)`)? \|/gm)].flatMap((match) =>
      match.slice(1).filter((key) => key !== undefined),
    );

    expect(listed.sort()).toEqual([...contextKeys].sort());
  });

  it('reads the stage and names its stack after it', () => {
    const props = readStackPropsFromContext(appWithContext({ stage: 'prod' }).node);

    expect(props.stage).toBe('prod');
    expect(stackNameOf(props.stage)).toBe('SignupMailer-prod');
  });

  it('throws naming the stages when the stage is another one', () => {
    const app = appWithContext({ stage: 'staging' });

    expect(() => readStackPropsFromContext(app.node)).toThrow(
      'Context stage must be one of dev, prod, got "staging"',
    );
  });

  it('reads numbers given on the command line as strings', () => {
    const app = appWithContext({
      throttlingRateLimit: '20',
      throttlingBurstLimit: 40,
      maxConcurrency: '5',
      signupLimitPerClient: '0',
    });

    const props = readStackPropsFromContext(app.node);

    expect(props).toMatchObject({
      throttlingRateLimit: 20,
      throttlingBurstLimit: 40,
      maxConcurrency: 5,
      signupLimitPerClient: 0,
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
      homeUrl: 'https://app.acme.test/',
      alarmEmail: 'ops@acme.test',
      mailSubjectPrefix: '[Acme] ',
    });

    const props = readStackPropsFromContext(app.node);

    expect(props).toMatchObject({
      sender: 'Acme <hello@acme.test>',
      senderDomain: 'acme.test',
      appUrl: 'https://signup.acme.test',
      homeUrl: 'https://app.acme.test/',
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
