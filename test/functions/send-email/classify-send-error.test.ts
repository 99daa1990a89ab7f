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
      error: makeUnmodelledSesError('SomethingNewException', 400, 'client'),
      name: 'SomethingNewException',
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

  it.each([
    {
      shape: 'the SES v2 API (IAM message with colons)',
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123456789012:assumed-role/Worker/send-email is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:eu-west-1:123456789012:identity/ann@example.com because no identity-based policy allows the ses:SendEmail action',
    },
    {
      shape: 'the SES v1 API (quoted with backticks)',
      name: 'AccessDenied',
      message:
        "User `arn:aws:sts::123456789012:assumed-role/Worker/send-email' is not authorized to perform `ses:SendEmail' on resource `arn:aws:ses:eu-west-1:123456789012:identity/ann@example.com'",
    },
  ])(
    'sends an IAM refusal in $shape to the DLQ at once, naming the permission and not the recipient',
    ({ name, message }) => {
      // Prepare
      const error = makeUnmodelledSesError(name, 403, 'client');
      error.message = message;

      // Act
      const result = classifySendError(error);

      // Assess
      expect(result).toEqual({
        handling: 'dead-letter',
        errorName: name,
        rule: 'access-denied',
        reason: 'missing-permission',
        detail: expect.stringContaining(
          'may not ses:SendEmail on arn:aws:ses:eu-west-1:123456789012:identity/[identity]',
        ),
      });
      expect(result.detail).toContain('-c sesSandbox=true');
      expect(result.detail).not.toMatch(/ann|example\.com|Worker/);
    },
  );

  it("hides a recipient's domain identity as well as an address", () => {
    // Prepare
    const error = makeUnmodelledSesError('AccessDeniedException', 403, 'client');
    error.message =
      'User: arn:aws:sts::1:assumed-role/W/f is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:us-east-1:1:identity/recipient-company.example';

    // Act
    const { detail } = classifySendError(error);

    // Assess
    expect(detail).toContain('arn:aws:ses:us-east-1:1:identity/[identity]');
    expect(detail).not.toContain('recipient-company');
  });

  it("names a refused configuration set in full, since its name is no one's address", () => {
    // Prepare
    const error = makeUnmodelledSesError('AccessDeniedException', 403, 'client');
    error.message =
      'User: arn:aws:sts::1:assumed-role/W/f is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:us-east-1:1:configuration-set/ConfigSet-abc';

    // Act
    const result = classifySendError(error);

    // Assess
    expect(result).toMatchObject({ handling: 'dead-letter', rule: 'access-denied' });
    expect(result.detail).toBe(
      "The worker's role may not ses:SendEmail on arn:aws:ses:us-east-1:1:configuration-set/ConfigSet-abc. Grant it there, then redrive.",
    );
  });

  it('still dead-letters an IAM refusal whose message names no permission, and says so', () => {
    // Prepare
    const error = makeUnmodelledSesError('AccessDeniedException', 403, 'client');
    error.message = 'Access denied: ann@example.com';

    // Act
    const result = classifySendError(error);

    // Assess
    expect(result).toMatchObject({ handling: 'dead-letter', reason: 'missing-permission' });
    expect(result.detail).toMatch(/named none/);
    expect(result.detail).not.toContain('ann@example.com');
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
