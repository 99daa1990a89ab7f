import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { makeHttpApiEvent } from '../../factories/api-gateway-events.js';
import { makeConditionFailure } from './accounts-table-mock.js';
import { testAppUrl } from './signup-env.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { sqs, ddb, handler } = prepareSignupHandler();
const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A form post as a browser sends it. */
function makeFormPost(fields: Record<string, string>, accept = browserAccept) {
  return makeHttpApiEvent({
    method: 'POST',
    path: '/signup',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('GET /', () => {
  it('serves a self-contained signup form that posts to /signup', async () => {
    // Act
    const result = await handler(makeHttpApiEvent({ method: 'GET', path: '/' }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain(`<form method="post" action="${testAppUrl}/signup">`);
    expect(result.body).toMatch(/<input id="email" name="email" type="email"[^>]* required/);
    expect(result.body).toContain('<input id="name" name="name" type="text"');
    expect(result.body).not.toMatch(/<script|<link|src=/);
    expect(result.headers?.['content-security-policy']).toContain(
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action https://signup.example.com;",
    );
  });
});

describe('POST /signup from a browser form', () => {
  it('answers 202 with a "check your inbox" page showing the address', async () => {
    // Act
    const result = await handler(makeFormPost({ email: 'ann@example.com', name: 'Ann' }));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('Check your inbox');
    expect(result.body).toContain('<strong>ann@example.com</strong>');
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
  });

  it('answers the same page when the address is within its cooldown', async () => {
    // Prepare
    const sent = await handler(makeFormPost({ email: 'ann@example.com' }));
    ddb.reset();
    ddb.on(UpdateCommand).rejects(makeConditionFailure());

    // Act
    const suppressed = await handler(makeFormPost({ email: 'ann@example.com' }));

    // Assess
    expect(suppressed).toEqual(sent);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
  });

  it('shows a field error on a page with the form and what was typed, escaped', async () => {
    // Act
    const result = await handler(makeFormPost({ email: '<b>ann@', name: 'Ann' }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(result.body).toContain('<li>Email must have a domain after the @.</li>');
    expect(result.body).toContain('value="&#60;b&#62;ann@"');
    expect(result.body).not.toContain('<b>ann@');
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('keeps answering JSON to a client that does not prefer HTML', async () => {
    // Act
    const result = await handler(makeFormPost({ email: 'ann@example.com' }, '*/*'));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(result.headers?.['content-type']).toBe('application/json');
  });
});
