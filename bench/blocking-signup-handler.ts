import { randomUUID } from 'node:crypto';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { defaultLocale } from '../emails/locales.js';
import { formatSender } from '../functions/send-email/format-address.js';
import { renderEmail } from '../functions/send-email/render-email.js';
import { buildSendEmailInput } from '../functions/send-email/send-email-job.js';
import { signConfirmationToken } from '../functions/signup/accounts/confirmation-token.js';
import { createEmailJob } from '../functions/signup/accounts/email-jobs.js';
import { claimConfirmationEmail } from '../functions/signup/accounts/registration.js';
import { ProblemError } from '../functions/signup/http/problem.js';
import { readRequestBody } from '../functions/signup/http/request-body.js';
import { parseSignupRequest } from '../functions/signup/routes/signup-request.js';
import { settings } from '../lib/settings.js';
import { localClientConfig } from '../local/emulators/client-config.js';

/** Where and how the blocking handler sends. */
export interface BlockingSignupOptions {
  /** The SES v2 endpoint (the local stack's emulator). */
  readonly sesEndpoint: string;
  readonly region: string;
  /** The accounts table (the signup function's `ACCOUNTS_TABLE`). */
  readonly accountsTable: string;
  /** Base URL of the confirmation links. */
  readonly appUrl: string;
  /** HMAC key of the confirmation tokens, at least 32 characters. */
  readonly tokenSecret: string;
  /** `FromEmailAddress`, e.g. `Signup Mailer <no-reply@example.com>`. */
  readonly sender: string;
}

/**
 * The tutorial's way, as the comparison for the queued `POST /signup`: the request itself
 * renders the email and waits for SES to accept it before it answers.
 *
 * It runs the product's own steps for a new address (body reading, signup validation, the
 * accounts table's cooldown claim, the signed link, the worker's `buildSendEmailInput`), so
 * the difference from the queued path is that rendering and sending replace the
 * `SendMessage`. It renders as the worker does (`renderEmail`: one awaited `render()` and
 * `toPlainText` of its HTML), so the comparison is of where the email is rendered and sent,
 * not how. It leaves out what the worker adds (idempotency record, pacing, retries, the
 * deliverability check), which can only flatter it.
 *
 * @param options - SES endpoint, region, accounts table, link base, token key, sender
 * @returns an API Gateway (payload format 2.0) handler answering 200 once SES accepted (or
 *   at once within the cooldown), 400 for an invalid body, 502 when SES refused
 */
export function createBlockingSignupHandler(
  options: BlockingSignupOptions,
): (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2> {
  const ses = new SESv2Client(localClientConfig(options.sesEndpoint, options.region));
  const sendSettings = { sender: formatSender(options.sender), subjectPrefix: '[Signup Mailer] ' };
  return async (event) => {
    let signup: ReturnType<typeof parseSignupRequest>;
    try {
      const contentType = event.headers['content-type'];
      signup = parseSignupRequest(readRequestBody(event, contentType, settings.api.maxBodyBytes));
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      return { statusCode: error.problem.status, body: error.problem.detail };
    }
    const { email, name, locale = defaultLocale } = signup;
    const id = randomUUID();
    const now = Date.now();
    const person = { email, ...(name === undefined ? {} : { name }), locale };
    const context = { ...settings.accounts, accountsTable: options.accountsTable, now };
    if (!(await claimConfirmationEmail({ ...person, jobId: id }, context))) {
      return { statusCode: 200, body: JSON.stringify({ id, status: 'nothing-sent' }) };
    }
    const ttlSeconds = settings.token.ttlSeconds;
    const token = signConfirmationToken(email, { secret: options.tokenSecret, ttlSeconds, now });
    const job = createEmailJob(
      'verify-email',
      { ...person, id },
      {
        confirmUrl: `${options.appUrl}/confirm?token=${token}`,
        expiresInMinutes: Math.round(ttlSeconds / 60),
      },
      now,
    );
    const rendered = await renderEmail(job);
    try {
      await ses.send(new SendEmailCommand(buildSendEmailInput(job, rendered, sendSettings)));
    } catch {
      return { statusCode: 502, body: 'SES refused the email' };
    }
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, status: 'sent' }),
    };
  };
}
