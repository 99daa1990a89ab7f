import { setTimeout as delay } from 'node:timers/promises';
import type { CrashCoordinator } from './crash-coordinator.js';
import type { FaultSettings } from './fault-settings.js';
import {
  type ForwardingProxy,
  type ProxiedRequest,
  type ProxiedResponse,
  startForwardingProxy,
} from './forwarding-proxy.js';
import type { RandomSource } from './random-source.js';
import {
  createSesErrorResponse,
  decideSesFault,
  readRecipients,
  type SesFault,
} from './ses-faults.js';

/** What became of one `SendEmail` call at the proxy. */
export type SesCallOutcome = Exclude<SesFault, undefined> | 'accepted' | 'held';

/** Options of {@link startSesFaultProxy}. */
export interface SesFaultProxyOptions {
  /** Base URL of the SES v2 emulator. */
  readonly target: string;
  readonly faults: FaultSettings;
  /** Draws the per-call faults; shared by every proxy of a run. */
  readonly random: RandomSource;
  /** The worker container this proxy serves, for the crash coordinator. @default 0 */
  readonly slot?: number;
  /** Kills containers around accepted sends; without it, no kill. */
  readonly crashes?: CrashCoordinator;
  /** Told the outcome of each `SendEmail` call, for the run's figures. */
  readonly onSendEmail?: (outcome: SesCallOutcome) => void;
}

/** Path of SES v2 `SendEmail` (SES API v2 Reference: `POST /v2/email/outbound-emails`). */
const sendEmailPath = '/v2/email/outbound-emails';

/**
 * Starts a proxy in front of the SES v2 emulator that answers a fraction of `SendEmail`
 * calls with SES's own errors (throttling, internal failure, rejection), delays some, and
 * tells the crash coordinator which sends SES accepted. Every other call, and the inbox,
 * pass through untouched.
 *
 * @param options - the emulator, faults, random source and crash coordinator
 * @returns the proxy; point `AWS_ENDPOINT_URL_SESV2` at its `url`
 */
export function startSesFaultProxy(options: SesFaultProxyOptions): Promise<ForwardingProxy> {
  const slot = options.slot ?? 0;
  const report = options.onSendEmail ?? (() => {});
  return startForwardingProxy({
    target: options.target,
    async intercept(request, forward) {
      if (request.method !== 'POST' || request.url.split('?')[0] !== sendEmailPath) {
        return forward();
      }
      if (options.crashes?.isDoomed(slot)) {
        report('held');
        return 'hold';
      }
      const recipients = readRecipients(request.body);
      const decision = decideSesFault(recipients, options.faults, options.random);
      if (decision.latencyMs > 0) await delay(decision.latencyMs);
      if (decision.fault !== undefined) {
        report(decision.fault);
        return createSesErrorResponse(decision.fault, recipients);
      }
      return sendThrough(request, forward, options.crashes, slot, report);
    },
  });
}

/** Lets a send through to SES and tells the crash coordinator what SES answered. */
async function sendThrough(
  request: ProxiedRequest,
  forward: () => Promise<ProxiedResponse>,
  crashes: CrashCoordinator | undefined,
  slot: number,
  report: (outcome: SesCallOutcome) => void,
): Promise<ProxiedResponse | 'hold'> {
  const ticket = crashes?.beginSend(slot);
  let response: ProxiedResponse;
  try {
    response = await forward();
  } catch (error) {
    if (ticket !== undefined) crashes?.endSend(slot, ticket);
    throw error;
  }
  const messageId = response.statusCode === 200 ? readMessageId(response.body) : undefined;
  if (messageId === undefined) {
    if (ticket !== undefined) crashes?.endSend(slot, ticket);
    return response;
  }
  report('accepted');
  // The container died while SES worked: the email is sent, nobody hears of it.
  if (request.isAbandoned()) return 'hold';
  if (ticket !== undefined && crashes?.acceptSend(slot, ticket, messageId) === 'crash') {
    return 'hold';
  }
  return response;
}

function readMessageId(body: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const id =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as { MessageId?: unknown }).MessageId
        : undefined;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
