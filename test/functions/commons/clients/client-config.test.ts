import { describe, expect, it } from 'vitest';
import {
  dependencyClientConfig,
  sesClientConfig,
} from '../../../../functions/commons/clients/client-config.js';
import { settings } from '../../../../lib/settings.js';

/**
 * The longest a stalled call takes: every attempt timed out, and the SDK's backoff between
 * them at its longest (full jitter below `base × 2^retry`, with the throttling base of 500 ms).
 */
const stalledCallMs = ({ maxAttempts, requestHandler }: typeof dependencyClientConfig) =>
  maxAttempts * requestHandler.requestTimeout + 500 * (2 ** (maxAttempts - 1) - 1);

describe('the SDK clients’ timeouts', () => {
  it('leave a stalled enqueue and the release of its claim within the API function timeout', () => {
    // Assess
    expect(2 * stalledCallMs(dependencyClientConfig)).toBeLessThan(
      settings.api.timeoutSeconds * 1000,
    );
  });

  it('leave a stalled send and the retry or DLQ call after it within the worker timeout', () => {
    // Assess
    expect(stalledCallMs(sesClientConfig) + stalledCallMs(dependencyClientConfig)).toBeLessThan(
      settings.worker.timeoutSeconds * 1000,
    );
  });
});
