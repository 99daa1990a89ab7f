import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { dependencyClientConfig } from './client-config.js';
import { tracer } from './tracer.js';

/**
 * The Secrets Manager provider (Powertools Parameters), once per container, over a client with
 * the dependencies' timeouts; `getSecret` alone would create a client with none. The SDK's
 * chain gives its endpoint (`AWS_ENDPOINT_URL_SECRETS_MANAGER` locally).
 */
export const secretsProvider = new SecretsProvider({
  awsSdkV3Client: tracer.captureAWSv3Client(new SecretsManagerClient(dependencyClientConfig)),
});
