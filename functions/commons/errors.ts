/** Thrown at cold start for a missing or malformed variable, named, never with its value. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Thrown by the worker for a message that can never be sent as it is: no retry can help. */
export class InvalidEmailJobError extends Error {
  override readonly name = 'InvalidEmailJobError';
  /**
   * A stable code for the DLQ and the logs: `invalid-json`, `invalid-job`, `unknown-template`,
   * `invalid-props`, `render-failed`, `recipient-undeliverable`.
   */
  readonly reason: string;

  constructor(reason: string, message: string) {
    super(message);
    this.reason = reason;
  }
}
