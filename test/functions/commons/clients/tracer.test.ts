import { hasSubscribers } from 'node:diagnostics_channel';
import http from 'node:http';
import https from 'node:https';
import { afterEach, describe, expect, it, vi } from 'vitest';

const lambdaEnvironment = {
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_NAME: 'signup',
  _X_AMZN_TRACE_ID: 'Root=1-67a0b0c0-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1',
  POWERTOOLS_SERVICE_NAME: 'signup',
};

async function loadTracerAsInLambda() {
  for (const [name, value] of Object.entries(lambdaEnvironment)) vi.stubEnv(name, value);
  vi.resetModules();
  return (await import('../../../../functions/commons/clients/tracer.js')).tracer;
}

describe('the shared tracer', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('traces in the Lambda environment', async () => {
    const tracer = await loadTracerAsInLambda();

    expect(tracer.isTracingEnabled()).toBe(true);
  });

  it('leaves http, https and fetch unpatched, since every AWS call is traced by its client', async () => {
    // Prepare
    const { request: httpRequest, get: httpGet } = http;
    const { request: httpsRequest } = https;

    // Act
    await loadTracerAsInLambda();

    // Assess
    expect(http.request).toBe(httpRequest);
    expect(http.get).toBe(httpGet);
    expect(https.request).toBe(httpsRequest);
    expect(hasSubscribers('undici:request:create')).toBe(false);
  });
});
