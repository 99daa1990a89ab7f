import {
  IdempotencyAlreadyInProgressError,
  IdempotencyInconsistentStateError,
  IdempotencyPersistenceLayerError,
} from '@aws-lambda-powertools/idempotency';
import {
  AccountSuspendedException,
  BadRequestException,
  ConcurrentModificationException,
  InternalServiceErrorException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  SESv2ServiceException,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { InvalidEmailJobError } from '../../../functions/commons/errors.js';
import { classifySendError } from '../../../functions/send-email/classify-send-error.js';

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

/** An SES error as the SDK throws it for an error code this SDK version does not model. */
function makeUnmodelledSesError(name: string, httpStatusCode: number, fault: 'client' | 'server') {
  return new SESv2ServiceException({
    name,
    message: `${name} happened`,
    $fault: fault,
    ...metadata(httpStatusCode),
  });
}

/** A Node.js system error, as the HTTP handler rejects with when the connection fails. */
function makeNetworkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
}

describe('classifySendError', () => {
  it.each([
    { error: new MessageRejected({ message: 'Email address is not verified', ...metadata(400) }) },
    {
      error: new MailFromDomainNotVerifiedException({ message: 'not verified', ...metadata(400) }),
    },
    { error: new BadRequestException({ message: 'Illegal address', ...metadata(400) }) },
    { error: new NotFoundException({ message: 'No configuration set', ...metadata(404) }) },
    { error: new AccountSuspendedException({ message: 'suspended', ...metadata(400) }) },
    { error: new SendingPausedException({ message: 'paused', ...metadata(400) }) },
    { error: new InvalidEmailJobError('invalid-json', 'The message body is not JSON') },
  ])('sends $error.name to the DLQ at once', ({ error }) => {
    // Act
    const result = classifySendError(error);

    // Assess
    expect(result).toEqual({
      handling: 'dead-letter',
      errorName: error.name,
      rule: 'permanent-name',
    });
  });

  it.each([
    { error: new TooManyRequestsException({ message: 'Too many requests', ...metadata(429) }) },
    { error: new LimitExceededException({ message: 'Daily quota exceeded', ...metadata(400) }) },
    { error: makeUnmodelledSesError('ThrottlingException', 400, 'client') },
    { error: makeUnmodelledSesError('Throttling', 400, 'client') },
    { error: new InternalServiceErrorException({ message: 'oops', ...metadata(500) }) },
    { error: new ConcurrentModificationException({ message: 'busy', ...metadata(500) }) },
    { error: Object.assign(new Error('Request timed out'), { name: 'TimeoutError' }) },
    { error: new IdempotencyAlreadyInProgressError('in progress') },
    { error: new IdempotencyPersistenceLayerError('table unavailable') },
    { error: new IdempotencyInconsistentStateError('expired while in progress') },
  ])('retries $error.name by its name', ({ error }) => {
    // Act
    const result = classifySendError(error);

    // Assess
    expect(result).toEqual({ handling: 'retry', errorName: error.name, rule: 'transient-name' });
  });

  it.each([502, 503, 504])('retries an unmodelled error answered with HTTP %i', (status) => {
    // Prepare
    const error = makeUnmodelledSesError('ServiceUnavailable', status, 'client');

    // Act
    const result = classifySendError(error);

    // Assess
    expect(result).toMatchObject({ handling: 'retry', rule: 'server-fault' });
  });

  it('retries an unmodelled error the SDK marks as a server fault', () => {
    // Act
    const result = classifySendError(makeUnmodelledSesError('InternalFailure', 400, 'server'));

    // Assess
    expect(result).toMatchObject({ handling: 'retry', rule: 'server-fault' });
  });

  it('retries an unmodelled error the SDK marks $retryable', () => {
    // Prepare
    const error = Object.assign(makeUnmodelledSesError('SlowDown', 400, 'client'), {
      $retryable: { throttling: true },
    });

    // Act
    const result = classifySendError(error);

    // Assess
    expect(result).toMatchObject({ handling: 'retry', rule: 'sdk-retryable' });
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN'])(
    'retries the network error %s',
    (code) => {
      // Act
      const result = classifySendError(makeNetworkError(code));

      // Assess
      expect(result).toEqual({ handling: 'retry', errorName: 'Error', rule: 'network' });
    },
  );

  it.each([
    { description: 'a plain Error', error: new TypeError('x is undefined'), name: 'TypeError' },
    {
      description: 'an unmodelled 4xx SES error',
      error: makeUnmodelledSesError('AccessDeniedException', 403, 'client'),
      name: 'AccessDeniedException',
    },
    { description: 'a thrown string', error: 'boom', name: 'string' },
    { description: 'a thrown null', error: null, name: 'object' },
    { description: 'an object with a name', error: { name: 'Weird' }, name: 'Weird' },
  ])('retries $description, which it does not know', ({ error, name }) => {
    // Act
    const result = classifySendError(error);

    // Assess
    expect(result).toEqual({ handling: 'retry', errorName: name, rule: 'unknown' });
  });

  it('judges by the name before the status, so a throttled 400 is not a bad request', () => {
    // Act
    const result = classifySendError(
      new LimitExceededException({ message: 'x', ...metadata(400) }),
    );

    // Assess
    expect(result.handling).toBe('retry');
  });
});
