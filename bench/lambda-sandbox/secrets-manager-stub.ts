import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running Secrets Manager stand-in. */
export interface SecretsManagerStub {
  /** Base URL, for `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  readonly endpoint: string;
  /** The `SecretId` of each GetSecretValue call, in order. */
  readonly requestedSecretIds: readonly string[];
  stop(): Promise<void>;
}

/**
 * Starts a stand-in for the one Secrets Manager call the API function makes,
 * `GetSecretValue`, over the service's AWS JSON 1.1 protocol (`X-Amz-Target:
 * secretsmanager.GetSecretValue`). Any other call, or an unknown secret, gets the
 * service's `ResourceNotFoundException` shape.
 *
 * @param secrets - secret ARN → secret string
 */
export async function startSecretsManagerStub(
  secrets: Readonly<Record<string, string>>,
): Promise<SecretsManagerStub> {
  const requestedSecretIds: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      const input: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const secretId =
        typeof input === 'object' && input !== null && 'SecretId' in input
          ? String(input.SecretId)
          : '';
      const secretString = secrets[secretId];
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'secretsmanager.GetSecretValue' || secretString === undefined) {
        response.statusCode = 400;
        response.end(
          JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Secret not found' }),
        );
        return;
      }
      requestedSecretIds.push(secretId);
      response.end(
        JSON.stringify({
          ARN: secretId,
          Name: 'TokenSecret',
          SecretString: secretString,
          VersionId: '00000000-0000-4000-8000-000000000001',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: 1767225600,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requestedSecretIds,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
