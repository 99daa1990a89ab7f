import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack({
  sender: 'Acme <hello@mail.acme.test>',
  senderDomain: 'mail.acme.test',
  appUrl: 'https://signup.acme.test/',
  homeUrl: 'https://app.acme.test/start',
  alarmEmail: 'ops@acme.test',
  corsOrigins: ['https://www.acme.test', 'http://localhost:5173'],
  throttlingRateLimit: 5,
  throttlingBurstLimit: 10,
  maxConcurrency: 7,
  mailSubjectPrefix: '[Acme] ',
  signupLimitPerClient: 0,
});

function variablesOf(fn: typeof stack.emailQueue.worker): Record<string, unknown> {
  return template.toJSON().Resources[logicalIdOf(fn)].Properties.Environment.Variables;
}

describe('SignupMailerStack with every deployment choice set', () => {
  it('verifies the sender domain with Easy DKIM instead of the address', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mail.acme.test',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
  });

  it('outputs the three DKIM records to publish', () => {
    const outputs = Object.keys(template.findOutputs('*')).filter((id) => id.startsWith('Dkim'));

    expect(outputs.sort()).toEqual(['DkimRecord1', 'DkimRecord2', 'DkimRecord3']);
  });

  it('passes the whole sender mailbox and the subject prefix to the worker', () => {
    expect(variablesOf(stack.emailQueue.worker)).toMatchObject({
      MAIL_SENDER: 'Acme <hello@mail.acme.test>',
      MAIL_SUBJECT_PREFIX: '[Acme] ',
    });
  });

  it('builds confirmation links on the app URL, without its trailing slash', () => {
    expect(variablesOf(stack.signupApi.handler)).toMatchObject({
      APP_URL: 'https://signup.acme.test',
    });
  });

  it("leads the emails' buttons to the app's home, as given", () => {
    expect(variablesOf(stack.signupApi.handler)).toMatchObject({
      HOME_URL: 'https://app.acme.test/start',
    });
  });

  it('allows the given origins in the API CORS configuration, which answers for the function', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://www.acme.test', 'http://localhost:5173'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: ['content-type'],
        ExposeHeaders: ['retry-after'],
        MaxAge: 600,
      },
    });
    expect(variablesOf(stack.signupApi.handler)).not.toHaveProperty('CORS_ORIGINS');
  });

  it('hands the signup function the per-client limit, 0 turning it off', () => {
    expect(variablesOf(stack.signupApi.handler)).toMatchObject({ SIGNUP_LIMIT_PER_CLIENT: '0' });
  });

  it('throttles the stage with the given rate and burst', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
  });

  it('limits the event source mapping to the given maximum concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 7 },
    });
  });

  it('subscribes the alarm email to the alarm topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@acme.test',
      TopicArn: { Ref: logicalIdOf(stack.alarmTopic.topic) },
    });
  });
});
