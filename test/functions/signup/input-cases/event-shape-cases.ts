import type { ApiGatewayProxyEvent } from '../../../../functions/signup/http-request.js';
import { makeHttpApiEvent, makeRestApiEvent } from '../../../factories/api-gateway-events.js';
import { accepted, type InputCase, postBase64, postJson, postRest, refused } from './input-case.js';

const ann = JSON.stringify({ email: 'ann@example.com' });

/** Event shapes: payload formats, base64, missing bodies, header case, paths and methods. */
export const eventShapeCases: InputCase[] = [
  accepted('payload 2.0 JSON', postJson(ann), 'ann@example.com'),
  accepted(
    'REST API (1.0) JSON with a capitalized Content-Type',
    postRest(ann, { 'Content-Type': 'application/json' }),
    'ann@example.com',
  ),
  accepted(
    'REST API (1.0) with an upper-case header name',
    postRest(ann, { 'CONTENT-TYPE': 'application/json' }),
    'ann@example.com',
  ),
  accepted(
    'REST API (1.0) with a lower-case method',
    { ...postRest(ann, { 'content-type': 'application/json' }), httpMethod: 'post' },
    'ann@example.com',
  ),
  accepted(
    'payload 2.0 with a base64-encoded JSON body',
    postBase64(Buffer.from(ann)),
    'ann@example.com',
  ),
  accepted(
    'REST API (1.0) with a base64-encoded form body',
    postRest(
      Buffer.from('email=ann%40example.com').toString('base64'),
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      true,
    ),
    'ann@example.com',
  ),
  accepted(
    'payload 2.0 with an upper-case header name (direct invoke)',
    makeHttpApiEvent({
      method: 'POST',
      path: '/signup',
      headers: { 'Content-Type': 'application/json' },
      body: ann,
    }),
    'ann@example.com',
  ),
  accepted(
    'a named stage in the path',
    makeHttpApiEvent({
      method: 'POST',
      path: '/signup',
      stage: 'prod',
      headers: { 'content-type': 'application/json' },
      body: ann,
    }),
    'ann@example.com',
  ),
  accepted(
    'a trailing slash in the path',
    makeHttpApiEvent({
      method: 'POST',
      path: '/signup/',
      headers: { 'content-type': 'application/json' },
      body: ann,
    }),
    'ann@example.com',
  ),
  refused(
    'payload 2.0 with no body',
    makeHttpApiEvent({
      method: 'POST',
      path: '/signup',
      headers: { 'content-type': 'application/json' },
    }),
    400,
    'empty-body',
  ),
  refused(
    'REST API (1.0) with a null body',
    postRest(null, { 'Content-Type': 'application/json' }),
    400,
    'empty-body',
  ),
  refused('an empty body', postJson(''), 400, 'empty-body'),
  refused(
    'a base64 body that is empty once decoded',
    postBase64(Buffer.alloc(0)),
    400,
    'empty-body',
  ),
  refused(
    'a body flagged base64 that is not base64',
    { ...postJson(ann), isBase64Encoded: true } as ApiGatewayProxyEvent,
    400,
    'malformed-body',
  ),
  refused(
    'GET /signup',
    makeHttpApiEvent({ method: 'GET', path: '/signup' }),
    405,
    'method-not-allowed',
  ),
  refused(
    'PUT /signup through a REST API',
    makeRestApiEvent({ method: 'PUT', path: '/signup', body: ann }),
    405,
    'method-not-allowed',
  ),
  refused(
    'POST /confirm',
    makeHttpApiEvent({ method: 'POST', path: '/confirm', body: ann }),
    405,
    'method-not-allowed',
  ),
  refused(
    'an unknown path',
    makeHttpApiEvent({ method: 'POST', path: '/signups', body: ann }),
    404,
    'not-found',
  ),
  refused(
    'a path that names an Object prototype member',
    makeHttpApiEvent({ method: 'GET', path: '/constructor' }),
    404,
    'not-found',
  ),
  refused('an empty event (direct invoke)', {} as ApiGatewayProxyEvent, 404, 'not-found'),
  refused(
    'a CORS preflight from an origin not allowed',
    makeHttpApiEvent({
      method: 'OPTIONS',
      path: '/signup',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    }),
    403,
    'origin-not-allowed',
  ),
  refused(
    'two Content-Type headers',
    postRest(ann, { 'Content-Type': 'application/json', 'content-type': 'text/plain' }),
    415,
    'unsupported-media-type',
  ),
];
