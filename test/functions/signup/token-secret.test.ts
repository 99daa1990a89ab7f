import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../functions/commons/errors.js';
import { createTokenSecretResolver } from '../../../functions/signup/accounts/token-secret.js';

const secretsManager = mockClient(SecretsManagerClient);
const key = 'generated-key-0123456789abcdefghijklmnop';
let arnSequence = 0;

/** A fresh ARN per test: Powertools keeps its own short cache keyed by name. */
function nextArn(): string {
  arnSequence += 1;
  return `arn:aws:secretsmanager:us-east-1:123456789012:secret:token-${arnSequence}`;
}

beforeEach(() => {
  secretsManager.reset();
  process.env.AWS_REGION = 'us-east-1';
});

describe('token secret resolver', () => {
  it('returns TOKEN_SECRET as it is, without calling Secrets Manager', async () => {
    // Act
    const secret = await createTokenSecretResolver({ kind: 'value', value: key })();

    // Assess
    expect(secret).toBe(key);
    expect(secretsManager).not.toHaveReceivedCommand(GetSecretValueCommand);
  });

  it('reads a plain-string secret once per container', async () => {
    // Prepare
    const arn = nextArn();
    secretsManager.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretString: key });
    const resolve = createTokenSecretResolver({ kind: 'secrets-manager', arn });

    // Act
    const first = await resolve();
    const second = await resolve();

    // Assess
    expect([first, second]).toEqual([key, key]);
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });

  it('reads the key from a JSON secret {"secret": "..."}', async () => {
    // Prepare
    const arn = nextArn();
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ secret: key }) });

    // Act
    const secret = await createTokenSecretResolver({ kind: 'secrets-manager', arn })();

    // Assess
    expect(secret).toBe(key);
  });

  it('tries again after a failed fetch instead of keeping the failure', async () => {
    // Prepare
    const arn = nextArn();
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({ SecretString: key });
    const resolve = createTokenSecretResolver({ kind: 'secrets-manager', arn });

    // Act
    const first = resolve();
    await expect(first).rejects.toThrow();
    const second = await resolve();

    // Assess
    expect(second).toBe(key);
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it.each([
    ['too short', 'short'],
    ['JSON without a secret field', JSON.stringify({ password: key })],
  ])('throws ConfigurationError for a secret that is %s', async (_label, secretString) => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secretString });

    // Act
    const resolving = createTokenSecretResolver({ kind: 'secrets-manager', arn: nextArn() })();

    // Assess
    await expect(resolving).rejects.toBeInstanceOf(ConfigurationError);
    await expect(resolving).rejects.toThrow('TOKEN_SECRET_ARN');
  });
});
