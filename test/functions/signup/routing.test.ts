import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHttpApiEvent } from '../../factories/api-gateway-events.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { sqs, handler } = prepareSignupHandler({ queueAccepts: false });
const notFound = {
  type: 'urn:signup-mailer:problem:not-found',
  title: 'No such resource',
  status: 404,
  detail: 'No resource at this path.',
};

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
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body ?? '')).toEqual(notFound);
  });

  it('answers a method the path does not route with a 404 problem, queueing nothing', async () => {
    // Act
    const result = await handler(makeHttpApiEvent({ method: 'GET', path: '/signup' }));

    // Assess
    expect(result.statusCode).toBe(404);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('serves a GET that carries a body, as API Gateway passes it on', async () => {
    // Act
    const result = await handler(
      makeHttpApiEvent({ method: 'GET', path: '/health', body: '{"x":1}' }),
    );

    // Assess
    expect(result.statusCode).toBe(200);
  });

  it.each([
    ['a REST API (payload format 1.0) event', { httpMethod: 'GET', path: '/health' }],
    [
      'an event the router cannot read',
      { ...makeHttpApiEvent({ path: '/health' }), headers: { 'bad name': 'x' } },
    ],
  ])('answers %s with a 404 problem', async (_label, event) => {
    // Act
    const result = await handler(event as unknown as APIGatewayProxyEventV2);

    // Assess
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? '')).toEqual(notFound);
  });
});
