import { describe, expect, it } from 'vitest';
import { sharedBundlingOptions } from '../../lib/node-function.js';
import { settings } from '../../lib/settings.js';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack();
const functions = [
  ['API function', stack.signupApi.handler, settings.api],
  ['worker', stack.emailQueue.worker, settings.worker],
] as const;

function functionProperties(fn: (typeof functions)[number][1]): Record<string, unknown> {
  const resource = template.toJSON().Resources[logicalIdOf(fn)] as {
    Properties: Record<string, unknown>;
  };
  return resource.Properties;
}

describe('Lambda functions', () => {
  it.each(functions)('runs the %s on nodejs22.x and arm64', (_name, fn) => {
    expect(functionProperties(fn)).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it.each(functions)('takes the %s timeout and memory from the settings', (_name, fn, own) => {
    expect(functionProperties(fn)).toMatchObject({
      Timeout: own.timeoutSeconds,
      MemorySize: own.memorySizeMb,
    });
  });

  it.each(functions)('logs the %s to its own log group with a retention period', (_name, fn) => {
    const logGroupId = logicalIdOf(fn.logGroup);

    expect(functionProperties(fn)).toMatchObject({
      LoggingConfig: { LogGroup: { Ref: logGroupId } },
    });
    expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(
      settings.logs.retentionDays,
    );
  });

  it('gives the API function the queue URL, the secret ARN and the API URL', () => {
    expect(functionProperties(stack.signupApi.handler)).toMatchObject({
      Environment: {
        Variables: {
          QUEUE_URL: { Ref: logicalIdOf(stack.emailQueue.queue) },
          TOKEN_SECRET_ARN: { Ref: logicalIdOf(stack.tokenSecret) },
          APP_URL: { 'Fn::GetAtt': [logicalIdOf(stack.signupApi.httpApi), 'ApiEndpoint'] },
        },
      },
    });
  });

  it("leaves the app's home unset by default, so the emails' buttons lead to the API's URL", () => {
    const environment = functionProperties(stack.signupApi.handler).Environment as {
      Variables: Record<string, unknown>;
    };

    expect(environment.Variables).not.toHaveProperty('HOME_URL');
  });

  it('never gives the API function the token secret value itself', () => {
    const variables = JSON.stringify(functionProperties(stack.signupApi.handler).Environment);

    expect(variables).not.toContain('TOKEN_SECRET"');
    expect(variables).not.toContain('resolve:secretsmanager');
  });

  it('gives the worker the sender and the configuration set name', () => {
    expect(functionProperties(stack.emailQueue.worker)).toMatchObject({
      Environment: {
        Variables: {
          MAIL_SENDER: 'Signup Mailer <no-reply@example.com>',
          SES_CONFIGURATION_SET: { Ref: logicalIdOf(stack.sesSender.configurationSet) },
        },
      },
    });
  });

  it('lets no function mail the domains reserved for examples, as only the local stack may', () => {
    const lambdas = template.findResources('AWS::Lambda::Function');

    expect(Object.keys(lambdas).length).toBeGreaterThanOrEqual(3);
    for (const resource of Object.values(lambdas)) {
      expect(JSON.stringify(resource.Properties?.Environment ?? {})).not.toContain(
        'ALLOW_EXAMPLE_RECIPIENTS',
      );
    }
  });

  it('bundles with the local esbuild, minified, for production, with source maps', () => {
    expect(sharedBundlingOptions).toMatchObject({
      forceDockerBundling: false,
      minify: true,
      sourceMap: true,
      format: 'cjs',
      target: 'node22',
      define: { 'process.env.NODE_ENV': '"production"' },
      externalModules: ['@aws-sdk/*', 'prettier'],
    });
  });
});
