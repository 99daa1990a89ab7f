import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { makeHttpApiEvent, makeRestApiEvent } from '../../factories/api-gateway-events.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { sqs, handler } = prepareSignupHandler({ queueAccepts: false });

describe('routing', () => {
  it('answers GET /health with 200 {"status":"ok"}', async () => {
    // Act
    const result = await handler(makeHttpApiEvent({ method: 'GET', path: '/health' }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({ status: 'ok' });
  });

  it('answers an unknown path with a 404 problem', async () => {
    // Act
    const result = await handler(makeHttpApiEvent({ method: 'GET', path: '/admin' }));

    // Assess
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? '')).toMatchObject({
      type: 'urn:signup-mailer:problem:not-found',
    });
  });

  it('answers a wrong method with a 405 problem and Allow', async () => {
    // Act
    const result = await handler(makeHttpApiEvent({ method: 'GET', path: '/signup' }));

    // Assess
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toContain('POST');
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('routes a named stage path like its $default path', async () => {
    // Act
    const result = await handler(
      makeHttpApiEvent({ method: 'GET', path: '/health', stage: 'prod' }),
    );

    // Assess
    expect(result.statusCode).toBe(200);
  });

  it('answers a REST API (1.0) event in the same result shape, with a string body', async () => {
    // Act
    const result = await handler(makeRestApiEvent({ method: 'GET', path: '/health' }));

    // Assess
    expect(result).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
  });
});
