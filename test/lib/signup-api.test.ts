import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { settings, signupSettingsEnvironment } from '../../lib/settings.js';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack();
const apiId = logicalIdOf(stack.signupApi.httpApi);

describe('SignupApi', () => {
  it('is an HTTP API without CORS when no origins are given', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.absent(),
    });
  });

  it.each([
    'GET /',
    'POST /signup',
    'GET /confirm',
    'HEAD /confirm',
    'POST /confirm',
    'GET /health',
  ])('routes %s to the API function with payload format 2.0', (routeKey) => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route', {
      Properties: { RouteKey: routeKey },
    });
    const target = Object.values(routes)[0]?.Properties.Target as {
      'Fn::Join': [string, unknown[]];
    };
    const integrationId = (target['Fn::Join'][1][1] as { Ref: string }).Ref;

    expect(Object.keys(routes)).toHaveLength(1);
    expect(template.toJSON().Resources[integrationId].Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [logicalIdOf(stack.signupApi.handler), 'Arn'] },
    });
  });

  it('hands the function its settings from lib/settings.ts and its service name', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          ...signupSettingsEnvironment(),
          POWERTOOLS_SERVICE_NAME: 'signup',
        }),
      },
    });
  });

  it('throttles the stage with the default rate and burst from the settings', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: apiId },
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: settings.api.throttlingRateLimit,
        ThrottlingBurstLimit: settings.api.throttlingBurstLimit,
      },
    });
  });

  it('writes access logs to a log group with a retention period', () => {
    const logGroupId = logicalIdOf(stack.signupApi.accessLogGroup);

    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
    });
    expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(
      settings.logs.retentionDays,
    );
  });

  it('keeps the query string, which carries the confirmation token, out of the access logs', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format = String(stage?.Properties.AccessLogSettings.Format);

    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId' });
    expect(format).not.toMatch(/querystring|requestUri|\$context\.path/i);
  });

  it('outputs the API URL, the queue URL and the DLQ URL', () => {
    template.hasOutput('ApiUrl', {
      Value: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] },
    });
    template.hasOutput('QueueUrl', { Value: { Ref: logicalIdOf(stack.emailQueue.queue) } });
    template.hasOutput('DeadLetterQueueUrl', {
      Value: { Ref: logicalIdOf(stack.emailQueue.deadLetterQueue) },
    });
  });
});
