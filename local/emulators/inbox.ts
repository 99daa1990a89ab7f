import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';

/** An email as the SES v2 emulator's `GET /store` lists it (the fields read here). */
export const inboxEmailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  destination: z.object({ to: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }),
  /** When the emulator stored it, in seconds since the epoch. */
  at: z.number(),
});

/** One email in the local inbox. */
export type InboxEmail = z.infer<typeof inboxEmailSchema>;

const storeSchema = z.object({ emails: z.array(inboxEmailSchema) });

/**
 * Lists the emails the SES v2 emulator has received, oldest first.
 *
 * @param inboxUrl - base URL of the emulator, e.g. `http://localhost:8005`
 * @returns the emails
 * @throws Error when the inbox does not answer 200 with its store
 */
export async function listInboxEmails(inboxUrl: string): Promise<InboxEmail[]> {
  const response = await fetch(`${inboxUrl}/store`);
  if (!response.ok) throw new Error(`GET ${inboxUrl}/store answered ${response.status}`);
  return storeSchema.parse(await response.json()).emails;
}

/**
 * Polls the inbox until an email to `recipient` arrives.
 *
 * @param inboxUrl - base URL of the emulator
 * @param recipient - the bare address; matches `ann@example.com` and `Ann <ann@example.com>`
 * @param options - how long to wait (ms, default 10 000) and how often to look (ms, default 25)
 * @returns the first email to the recipient, or `undefined` after the timeout
 */
export async function waitForEmail(
  inboxUrl: string,
  recipient: string,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<InboxEmail | undefined> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const email = (await listInboxEmails(inboxUrl)).find((candidate) =>
      isAddressedTo(candidate, recipient),
    );
    if (email !== undefined || Date.now() >= deadline) return email;
    await delay(options.intervalMs ?? 25);
  }
}

/**
 * Tells whether an email is addressed to a recipient.
 *
 * @param email - an inbox email
 * @param recipient - the bare address, compared case-insensitively
 */
export function isAddressedTo(email: InboxEmail, recipient: string): boolean {
  const wanted = recipient.toLowerCase();
  return email.destination.to.some((to) => toBareAddress(to) === wanted);
}

/**
 * The address of a recipient as written in a header, lower-cased: `Ann <Ann@Example.com>`
 * and `ann@example.com` both give `ann@example.com`.
 *
 * @param recipient - a bare address or `Name <address>`
 */
export function toBareAddress(recipient: string): string {
  return (/<([^<>]+)>\s*$/.exec(recipient)?.[1] ?? recipient).trim().toLowerCase();
}

/**
 * Finds the confirmation link in an email body.
 *
 * @param body - the text (or HTML) body
 * @returns the first `…/confirm?token=…` URL, or `undefined`
 */
export function findConfirmationLink(body: string): string | undefined {
  return /https?:\/\/[^\s"'<>()]+\/confirm\?token=[^\s"'<>()]+/.exec(body)?.[0];
}
