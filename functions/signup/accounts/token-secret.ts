import { secretsProvider } from '../../commons/clients/secrets-manager.js';
import { ConfigurationError } from '../../commons/errors.js';
import { minTokenSecretChars, type TokenSecretSource } from '../config.js';

/**
 * Creates the resolver of the token key, called at first use rather than at cold start, so
 * `/health` answers while Secrets Manager cannot. A secret is fetched once per container
 * (Powertools' `SecretsProvider`) and kept; a failed fetch is not. It holds the key itself or JSON
 * `{ "secret": "..." }`.
 *
 * @throws (from the returned function) ConfigurationError when the secret holds no usable key,
 *   or the SDK's error when Secrets Manager fails
 */
export function createTokenSecretResolver(source: TokenSecretSource): () => Promise<string> {
  if (source.kind === 'value') {
    const value = source.value;
    return async () => value;
  }
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= fetchTokenSecret(source.arn).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

async function fetchTokenSecret(arn: string): Promise<string> {
  // Powertools' own cache expires after 5 s; `pending` above keeps the key for the container's life.
  const raw: unknown = await secretsProvider.get(arn);
  const key = extractKey(raw);
  if (key === undefined || key.length < minTokenSecretChars) {
    throw new ConfigurationError(
      `Invalid configuration: the secret named by TOKEN_SECRET_ARN must hold a key of at least ${minTokenSecretChars} characters, as a string or JSON { "secret": "..." }`,
    );
  }
  return key;
}

function extractKey(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  if (!raw.trimStart().startsWith('{')) return raw;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && 'secret' in parsed) {
      return typeof parsed.secret === 'string' ? parsed.secret : undefined;
    }
    return undefined;
  } catch {
    // A generated key may happen to start with '{' without being JSON.
    return raw;
  }
}
