import { type MessageTag, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesClient } from '../commons/clients/sesv2.js';
import type { EmailJob } from '../commons/email-job.js';
import { formatAddress } from './format-address.js';
import type { RenderedEmail } from './render-email.js';

/** How this deployment sends: sender, subject prefix and configuration set. */
export interface SendSettings {
  /** `FromEmailAddress`: a bare address or `Name <address>`. */
  readonly sender: string;
  /** Put before every subject, e.g. `[Signup Mailer] `. */
  readonly subjectPrefix: string;
  /** The SES configuration set that publishes sending events, if any. */
  readonly configurationSet?: string | undefined;
}

/**
 * Sends one rendered email job through SES v2 `SendEmail` (simple content: SES builds the
 * MIME message from subject, HTML and text).
 *
 * @param job - the validated job (recipient and id)
 * @param email - the rendered subject and bodies
 * @param settings - sender, subject prefix, configuration set
 * @returns the SES message id
 * @throws the SES client's error when SES rejects the send (throttling, rejected address...)
 */
export async function sendEmailJob(
  job: EmailJob,
  email: RenderedEmail,
  settings: SendSettings,
): Promise<string | undefined> {
  const output = await sesClient.send(
    new SendEmailCommand({
      FromEmailAddress: settings.sender,
      Destination: { ToAddresses: [formatAddress(job.to.email, job.to.name)] },
      Content: {
        Simple: {
          Subject: { Data: `${settings.subjectPrefix}${email.subject}`, Charset: 'UTF-8' },
          Body: {
            Html: { Data: email.html, Charset: 'UTF-8' },
            Text: { Data: email.text, Charset: 'UTF-8' },
          },
        },
      },
      ConfigurationSetName: settings.configurationSet,
      EmailTags: [toMessageTag('template', job.template), toMessageTag('job_id', job.id)],
    }),
  );
  return output.MessageId;
}

/**
 * Builds an SES message tag, replacing characters SES refuses.
 *
 * Why: SES rejects the whole send when a tag name or value holds anything but ASCII letters,
 * digits, `_` and `-`, or is longer than 256 characters (SES v2 API Reference, "MessageTag").
 * The template name comes from the queue, so it is not trusted to fit.
 *
 * @param name - tag name
 * @param value - tag value
 * @returns the tag, each disallowed character replaced by `_`, each part cut to 256 characters
 */
export function toMessageTag(name: string, value: string): MessageTag {
  const sanitize = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
  return { Name: sanitize(name), Value: sanitize(value) };
}
