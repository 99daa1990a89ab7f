import type { Logger } from '@aws-lambda-powertools/logger';
import { InvalidEmailJobError } from '../commons/errors.js';
import type { SendErrorClass } from './classify-send-error.js';

// Anything shaped like an address: SES error messages may quote the recipient
// ("...identities failed the check in region ...: ann@example.com").
const addressPattern = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

/**
 * Logs why a record failed, without the recipient's address or name.
 *
 * @param logger - the record's logger (carries messageId and jobId)
 * @param error - what the record handler caught
 * @param verdict - what the worker does about it (retry or DLQ), when decided
 */
export function logRecordFailure(logger: Logger, error: unknown, verdict?: SendErrorClass): void {
  const handling = verdict === undefined ? {} : { handling: verdict.handling, rule: verdict.rule };
  if (error instanceof InvalidEmailJobError) {
    logger.error('Invalid email job', {
      reason: error.reason,
      detail: redactAddresses(error.message),
      ...handling,
    });
    return;
  }
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    logger.error('Sending failed', {
      errorName: error.name,
      httpStatusCode: status,
      detail: redactAddresses(verdict?.detail ?? error.message),
      ...handling,
    });
    return;
  }
  logger.error('Sending failed', { errorName: typeof error, ...handling });
}

/**
 * Replaces every address-shaped substring of a text with `[address]`.
 *
 * @param text - e.g. an SES error message
 * @returns the text with addresses hidden
 */
export function redactAddresses(text: string): string {
  return text.replace(addressPattern, '[address]');
}
