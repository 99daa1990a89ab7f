import type { SignupConfig } from './config.js';
import type { TokenSecretResolver } from './token-secret.js';

/** What the routes need from the container: configuration and the token key. */
export interface RouteDependencies {
  readonly config: SignupConfig;
  readonly resolveTokenSecret: TokenSecretResolver;
}
