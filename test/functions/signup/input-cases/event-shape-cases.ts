import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { makeHttpApiEvent } from '../../../factories/api-gateway-events.js';
import { accepted, type InputCase, postBase64, postJson, refused } from './input-case.js';

const ann = JSON.stringify({ email: 'ann@example.com' });

/** Event shapes: base64, missing bodies, header case, paths and methods, other payloads. */
export const eventShapeCases: InputCase[] = [
  accepted('payload 2.0 JSON', postJson(ann), 'ann@example.com'),
  accepted(
    'a capitalized Content-Type value',
    postJson(ann, { 'content-type': 'Application/JSON' }),
    'ann@example.com',
  ),
  accepted('a base64-encoded JSON body', postBase64(Buffer.from(ann)), 'ann@example.com'),
  accepted(
    'a base64-encoded form body',
    postBase64(Buffer.from('email=ann%40example.com'), 'application/x-www-form-urlencoded'),
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
    'no body',
    makeHttpApiEvent({
      method: 'POST',
      path: '/signup',
      headers: { 'content-type': 'application/json' },
    }),
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
    { ...postJson(ann), isBase64Encoded: true },
    400,
    'malformed-body',
  ),
  refused(
    'GET /signup (a direct invoke: API Gateway routes only POST)',
    makeHttpApiEvent({ method: 'GET', path: '/signup' }),
    404,
    'not-found',
  ),
  refused(
    'DELETE /confirm (a direct invoke)',
    makeHttpApiEvent({ method: 'DELETE', path: '/confirm', body: ann }),
    404,
    'not-found',
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
  refused(
    'a named stage in the path (only the $default stage is deployed)',
    makeHttpApiEvent({ method: 'POST', path: '/prod/signup', body: ann }),
    404,
    'not-found',
  ),
  refused('an empty event (direct invoke)', {} as APIGatewayProxyEventV2, 404, 'not-found'),
  refused(
    'a REST API (payload format 1.0) event',
    { httpMethod: 'POST', path: '/signup', body: ann } as unknown as APIGatewayProxyEventV2,
    404,
    'not-found',
  ),
  refused(
    'two Content-Type headers, joined by API Gateway',
    postJson(ann, { 'content-type': 'application/json,text/plain' }),
    415,
    'unsupported-media-type',
  ),
];
