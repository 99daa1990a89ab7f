import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { SignupMailerStack, type SignupMailerStackProps } from '../../lib/signup-mailer-stack.js';
import { baseStackProps } from './stack-fixture.js';

/** Constructs (without synthesizing) a stack with the given props over the base props. */
function buildStack(props: Partial<SignupMailerStackProps>): SignupMailerStack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return new SignupMailerStack(app, 'Validation', { ...baseStackProps, ...props });
}

describe('SignupMailerStack props validation', () => {
  it.each<[string, Partial<SignupMailerStackProps>, RegExp]>([
    ['a sender without an address', { sender: 'Signup Mailer' }, /sender must be an email address/],
    ['a sender with an empty address', { sender: 'Team <>' }, /sender must be an email address/],
    [
      'a senderDomain that is not a domain',
      { sender: 'a@example.com', senderDomain: 'example' },
      /senderDomain must be a domain name/,
    ],
    [
      'a sender outside the senderDomain',
      { sender: 'a@other.example', senderDomain: 'example.com' },
      /must be an address of senderDomain example.com/,
    ],
    ['an http appUrl', { appUrl: 'http://app.example.com' }, /appUrl must be an https URL/],
    ['an appUrl with a query', { appUrl: 'https://app.example.com/?a=1' }, /appUrl must be/],
    ['an appUrl that is no URL', { appUrl: 'app.example.com' }, /appUrl must be/],
    ['an http homeUrl', { homeUrl: 'http://app.example.com' }, /homeUrl must be an https URL/],
    ['a homeUrl that is no URL', { homeUrl: 'app.example.com' }, /homeUrl must be/],
    ['a bad alarmEmail', { alarmEmail: 'ops' }, /alarmEmail must be an email address/],
    [
      'a CORS origin with a path',
      { corsOrigins: ['https://app.example.com/signup'] },
      /corsOrigins entries must be origins/,
    ],
    ['a maxConcurrency below 2', { maxConcurrency: 1 }, /maxConcurrency must be an integer from 2/],
    [
      'a negative signupLimitPerClient',
      { signupLimitPerClient: -1 },
      /signupLimitPerClient must be an integer from 0/,
    ],
    ['a maxConcurrency above 1000', { maxConcurrency: 1001 }, /maxConcurrency/],
    ['a fractional maxConcurrency', { maxConcurrency: 2.5 }, /maxConcurrency/],
    ['a zero throttlingRateLimit', { throttlingRateLimit: 0 }, /throttlingRateLimit/],
    ['a NaN throttlingBurstLimit', { throttlingBurstLimit: Number.NaN }, /throttlingBurstLimit/],
  ])('throws on %s', (_case, props, message) => {
    expect(() => buildStack(props)).toThrow(message);
  });

  it('accepts a sender with a display name inside its own domain', () => {
    const stack = buildStack({
      sender: 'Signup Mailer <no-reply@Example.com>',
      senderDomain: 'example.com',
    });

    expect(stack.sesSender.identity).toBeDefined();
  });

  it('accepts the wildcard origin and a local development origin', () => {
    expect(() => buildStack({ corsOrigins: ['*', 'http://localhost:5173'] })).not.toThrow();
  });
});

describe('SignupMailerStack synthesized for a real deployment', () => {
  const env = { account: '123456789012', region: 'eu-west-1' };

  it.each(['no-reply@example.com', 'Team <hello@mail.example.org>', 'hello@acme.test'])(
    'refuses the example sender %s, naming -c sender',
    (sender) => {
      expect(() => buildStack({ sender, env })).toThrow(/reserved for examples.*-c sender=/);
    },
  );

  it.each(['no-reply@printer.local', 'no-reply@shop.onion'])(
    'refuses the sender %s in a special-use domain, naming -c sender',
    (sender) => {
      expect(() => buildStack({ sender, env })).toThrow(
        /a special-use domain that SES can never send from.*-c sender=/,
      );
    },
  );

  it('accepts a sender in a real domain', () => {
    expect(() => buildStack({ sender: 'no-reply@acme-mail.com', env })).not.toThrow();
  });

  it('keeps the example sender for an offline synth, with no account or region', () => {
    expect(() => buildStack({ sender: 'no-reply@example.com', env: {} })).not.toThrow();
    expect(() =>
      buildStack({ sender: 'no-reply@example.com', env: { region: 'eu-west-1' } }),
    ).not.toThrow();
  });
});
