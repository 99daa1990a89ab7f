import {
  type MessageTag,
  SendEmailCommand,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import { sesClient } from '../commons/clients/sesv2.js';
import type { EmailJob } from '../commons/email-job.js';
import { InvalidEmailJobError } from '../commons/errors.js';
import { formatAddress, toHeaderText } from './format-address.js';
import type { RenderedEmail } from './render-email.js';
import { recordSesCallTime } from './worker-metrics.js';

/** How this deployment sends: the formatted sender, subject prefix and configuration set. */
export interface SendSettings {
  readonly sender: string;
  readonly subjectPrefix: string;
  readonly configurationSet?: string | undefined;
}

/**
 * Sends one rendered job through SES v2 `SendEmail` (simple content: SES builds the MIME
 * message).
 *
 * @returns the SES message id
 * @throws InvalidEmailJobError (`invalid-job`) when the recipient cannot be written in an
 *   address field; otherwise the SES client's error
 */
export async function sendEmailJob(
  job: EmailJob,
  email: RenderedEmail,
  settings: SendSettings,
): Promise<string | undefined> {
  const command = new SendEmailCommand(buildSendEmailInput(job, email, settings));
  const started = performance.now();
  try {
    const output = await sesClient.send(command);
    return output.MessageId;
  } finally {
    recordSesCallTime(performance.now() - started);
  }
}

/**
 * Builds the `SendEmail` request for a job; every header value passes through
 * {@link toHeaderText} or {@link formatAddress}, so no line break from the job reaches a header.
 *
 * @throws InvalidEmailJobError (`invalid-job`) when the recipient cannot be written safely
 */
export function buildSendEmailInput(
  job: EmailJob,
  email: RenderedEmail,
  settings: SendSettings,
): SendEmailCommandInput {
  return {
    FromEmailAddress: settings.sender,
    Destination: { ToAddresses: [formatRecipient(job)] },
    Content: {
      Simple: {
        Subject: { Data: toHeaderText(settings.subjectPrefix + email.subject), Charset: 'UTF-8' },
        Body: {
          Html: { Data: email.html, Charset: 'UTF-8' },
          Text: { Data: email.text, Charset: 'UTF-8' },
        },
      },
    },
    ConfigurationSetName: settings.configurationSet,
    EmailTags: [toMessageTag('template', job.template), toMessageTag('job_id', job.id)],
  };
}

function formatRecipient(job: EmailJob): string {
  try {
    return formatAddress(job.to.email, job.to.name);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new InvalidEmailJobError('invalid-job', `The recipient is unusable: ${error.message}`);
  }
}

/**
 * Builds an SES message tag, each character SES refuses replaced by `_` and each part cut to
 * 256 characters: SES rejects the whole send otherwise (SES v2 API Reference, "MessageTag"),
 * and the template name comes from the queue.
 */
export function toMessageTag(name: string, value: string): MessageTag {
  const sanitize = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
  return { Name: sanitize(name), Value: sanitize(value) };
}
