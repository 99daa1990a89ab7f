import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The parts of a request a test sets; the factories fill in the rest. */
export interface HttpRequestSpec {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

let sequence = 0;

/**
 * Builds an API Gateway HTTP API event, payload format 2.0, as the `$default` stage sends it.
 *
 * @param spec - method (default GET), path (default /), headers, query, body
 */
export function makeHttpApiEvent(spec: HttpRequestSpec = {}): APIGatewayProxyEventV2 {
  sequence += 1;
  const method = spec.method ?? 'GET';
  const rawPath = spec.path ?? '/';
  const rawQueryString = new URLSearchParams(spec.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'api.example.com', ...spec.headers },
    ...(spec.query ? { queryStringParameters: { ...spec.query } } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api-id',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'vitest',
      },
      requestId: `request-${sequence}`,
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1767225600000,
    },
    ...(spec.body === undefined || spec.body === null ? {} : { body: spec.body }),
    isBase64Encoded: spec.isBase64Encoded ?? false,
  };
}

/** A JSON `POST /signup` in payload format 2.0. */
export function makeSignupEvent(
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
