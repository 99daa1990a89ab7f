/**
 * Thrown at cold start when a required environment variable is missing or malformed.
 * The message names the variable, never its value (it may be a secret).
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * Thrown by the worker for a queue message that can never be sent as it is: not JSON,
 * not an email job of a known version, an unknown template, props the template rejects, or
 * props the template throws on while rendering. Retrying it cannot help; `reason` says why,
 * for the DLQ and the logs.
 */
export class InvalidEmailJobError extends Error {
  override readonly name = 'InvalidEmailJobError';
  /**
   * A short, stable reason code: `invalid-json`, `invalid-job`, `unknown-template`,
   * `invalid-props`, `render-failed`, `recipient-undeliverable`.
   */
  readonly reason: string;

  constructor(reason: string, message: string) {
    super(message);
    this.reason = reason;
  }
}
