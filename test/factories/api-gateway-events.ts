import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

/** The parts of a request a test sets; the factories fill in the rest. */
export interface HttpRequestSpec {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly stage?: string;
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
  const path = spec.path ?? '/';
  const stage = spec.stage ?? '$default';
  const rawPath = stage === '$default' ? path : `/${stage}${path}`;
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
      stage,
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1767225600000,
    },
    ...(spec.body === undefined || spec.body === null ? {} : { body: spec.body }),
    isBase64Encoded: spec.isBase64Encoded ?? false,
  };
}

/**
 * Builds an API Gateway REST API proxy event (payload format 1.0). Header names keep the
 * case the test gives, as REST APIs pass them.
 *
 * @param spec - method (default GET), path (default /), headers, query, body (default null)
 */
export function makeRestApiEvent(spec: HttpRequestSpec = {}): APIGatewayProxyEvent {
  sequence += 1;
  const headers = { Host: 'api.example.com', ...spec.headers };
  const multiValueHeaders = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, [value]]),
  );
  const query = spec.query ?? null;
  const stage = spec.stage ?? 'prod';
  return {
    httpMethod: spec.method ?? 'GET',
    path: spec.path ?? '/',
    resource: '/{proxy+}',
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: query
      ? Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]]))
      : null,
    pathParameters: null,
    stageVariables: null,
    body: spec.body ?? null,
    isBase64Encoded: spec.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'rest-api-id',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: spec.method ?? 'GET',
      identity: makeIdentity(),
      path: `/${stage}${spec.path ?? '/'}`,
      stage,
      requestId: `request-${sequence}`,
      requestTimeEpoch: 1767225600000,
      resourceId: 'resource-id',
      resourcePath: '/{proxy+}',
    },
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

function makeIdentity(): APIGatewayProxyEvent['requestContext']['identity'] {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: '203.0.113.7',
    user: null,
    userAgent: 'vitest',
    userArn: null,
  };
}
