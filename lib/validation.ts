import { Token } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { findSpecialUseDomain } from '../functions/commons/helpers/email-address.js';
import { settings } from './settings.js';
import type { SignupMailerStackProps } from './signup-mailer-stack.js';

// A pragmatic address check (local@domain.tld, no spaces), not RFC 5322: SES verifies the
// identity anyway; this catches typos before a deployment.
const emailAddressPattern = /^[^\s@<>]+@([a-z0-9-]+\.)+[a-z]{2,}$/i;
// RFC 1035 host names: labels of letters, digits and hyphens, at least one dot.
const domainPattern = /^(?!-)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i;
// `Display Name <address>` (RFC 5322 name-addr) or a bare address.
const mailboxPattern = /^\s*(?:(.*?)\s*<([^<>]+)>|([^<>]+))\s*$/;

/**
 * Validates the deployment choices at the top of the stack's constructor, so a bad
 * `-c key=value` fails `cdk synth` with the key's name rather than a deployment.
 *
 * @throws Error naming the first prop that breaks its rule
 */
export function validateStackProps(props: SignupMailerStackProps): void {
  const senderAddress = parseMailboxAddress('sender', props.sender);
  const senderAddressDomain = senderAddress.split('@')[1]?.toLowerCase() ?? '';
  // Synthesized for a real account (the CLI resolved credentials): the placeholder cannot send.
  const { account, region } = props.env ?? {};
  const deploying = [account, region].every(
    (value) => typeof value === 'string' && value !== '' && !Token.isUnresolved(value),
  );
  // A special-use domain (RFC 6761: example.com, .test, .local…): no one can verify it in SES.
  const specialUse = findSpecialUseDomain(senderAddressDomain);
  if (deploying && specialUse !== undefined) {
    const what = specialUse.forExamples ? 'a domain reserved for examples' : 'a special-use domain';
    throw new Error(
      `sender ${senderAddress} is in ${specialUse.name}, ${what} that SES can never ` +
        'send from. Deploy with -c sender="Your Name <no-reply@your-domain>", an address or ' +
        'domain you can verify in SES.',
    );
  }
  if (props.senderDomain !== undefined) {
    if (!domainPattern.test(props.senderDomain)) {
      throw new Error(
        `senderDomain must be a domain name such as example.com, got "${props.senderDomain}"`,
      );
    }
    if (senderAddressDomain !== props.senderDomain.toLowerCase()) {
      throw new Error(
        `sender ${senderAddress} must be an address of senderDomain ${props.senderDomain}`,
      );
    }
  }
  if (props.appUrl !== undefined) {
    const url = URL.canParse(props.appUrl) ? new URL(props.appUrl) : undefined;
    // Links are `${appUrl}/confirm?token=...`: no query or fragment.
    if (url?.protocol !== 'https:' || url.search !== '' || url.hash !== '') {
      throw new Error(
        `appUrl must be an https URL without query or fragment, got "${props.appUrl}"`,
      );
    }
  }
  if (props.homeUrl !== undefined) {
    const home = URL.canParse(props.homeUrl) ? new URL(props.homeUrl) : undefined;
    // An email's button: the templates take no whitespace or control character in a link.
    if (home?.protocol !== 'https:' || /[\s\p{Cc}]/u.test(props.homeUrl)) {
      throw new Error(`homeUrl must be an https URL, got "${props.homeUrl}"`);
    }
  }
  if (props.alarmEmail !== undefined) assertEmailAddress('alarmEmail', props.alarmEmail);
  for (const origin of props.corsOrigins ?? []) assertOrigin('corsOrigins', origin);
  // API Gateway's default account quotas: 10,000 requests per second, burst 5,000.
  assertIntegerInRange('throttlingRateLimit', props.throttlingRateLimit, 1, 10_000);
  assertIntegerInRange('throttlingBurstLimit', props.throttlingBurstLimit, 1, 5_000);
  assertIntegerInRange('signupLimitPerClient', props.signupLimitPerClient, 0, 1_000_000);
  // AWS Lambda docs, "Configuring maximum concurrency for Amazon SQS event sources".
  assertIntegerInRange('maxConcurrency', props.maxConcurrency, 2, 1_000);
  if (!Object.values(RetentionDays).includes(settings.logs.retentionDays)) {
    throw new Error(
      `settings.logs.retentionDays (${settings.logs.retentionDays}) is not a CloudWatch Logs retention`,
    );
  }
}

/**
 * Extracts the address from a mailbox, `Name <address>` or a bare `address`.
 *
 * @param field - the field's name, for the error message
 * @throws Error when no valid address is found
 */
export function parseMailboxAddress(field: string, mailbox: string): string {
  const match = mailboxPattern.exec(mailbox);
  const address = (match?.[2] ?? match?.[3] ?? '').trim();
  assertEmailAddress(field, address);
  return address;
}

/**
 * @throws Error unless `value` is `*` or a serialized origin, `scheme://host[:port]` (RFC 6454
 *   §6.2; what browsers send in `Origin`)
 */
export function assertOrigin(field: string, value: string): void {
  if (value === '*') return;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || url.origin !== value || !/^https?:$/.test(url.protocol)) {
    throw new Error(
      `${field} entries must be origins like https://app.example.com, got "${value}"`,
    );
  }
}

function assertEmailAddress(field: string, value: string): void {
  if (!emailAddressPattern.test(value)) {
    throw new Error(`${field} must be an email address, got "${value}"`);
  }
}

function assertIntegerInRange(field: string, value: number | undefined, min: number, max: number) {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new Error(`${field} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
