import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ProblemKind } from '../../../../functions/signup/http/problem.js';
import { makeHttpApiEvent } from '../../../factories/api-gateway-events.js';

/** One row of the input table: a request and what the API must do with it. */
export type InputCase =
  | {
      label: string;
      event: APIGatewayProxyEventV2;
      status: 202;
      queued: { email: string; name?: string };
    }
  | { label: string; event: APIGatewayProxyEventV2; status: number; problem: ProblemKind };

/** A request that must be refused with the given status and problem kind, queueing nothing. */
export function refused(
  label: string,
  event: APIGatewayProxyEventV2,
  status: number,
  problem: ProblemKind,
): InputCase {
  return { label, event, status, problem };
}

/** A request that must be accepted (202), queueing exactly one job to this recipient. */
export function accepted(
  label: string,
  event: APIGatewayProxyEventV2,
  email: string,
  name?: string,
): InputCase {
  return { label, event, status: 202, queued: name === undefined ? { email } : { email, name } };
}

/** `POST /signup` with a JSON body (payload format 2.0); a non-string body is serialized. */
export function postJson(
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyEventV2 {
  return makeHttpApiEvent({
    method: 'POST',
    path: '/signup',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** `POST /signup` with an HTML form body (payload format 2.0). */
export function postForm(body: string): APIGatewayProxyEventV2 {
  return makeHttpApiEvent({
    method: 'POST',
    path: '/signup',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

/** `POST /signup` whose body is base64-encoded, as HTTP APIs pass non-text bodies. */
export function postBase64(
  bytes: Buffer,
  contentType = 'application/json',
): APIGatewayProxyEventV2 {
  return makeHttpApiEvent({
    method: 'POST',
    path: '/signup',
    headers: { 'content-type': contentType },
    body: bytes.toString('base64'),
    isBase64Encoded: true,
  });
}

/** A JSON signup with this email and, if given, this name. */
export function signup(email: unknown, name?: unknown): APIGatewayProxyEventV2 {
  return postJson(name === undefined ? { email } : { email, name });
}
