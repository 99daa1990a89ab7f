import type { RandomSource } from './random-source.js';

/** Where a worker container was killed. */
export type CrashPoint = 'after-record' | 'in-residual-window';

/** A send the SES proxy let through; it learns its message id when SES answers. */
export interface SendTicket {
  messageId: string | undefined;
  /** The container it belongs to; a ticket outliving its container changes nothing. */
  readonly container: object;
}

/** What the coordinator has done so far. */
export interface CrashStats {
  /** Kills after an idempotency record was written COMPLETED, before the batch response. */
  readonly killsAfterRecord: number;
  /** Kills after SES accepted an email, before the worker heard of it. */
  readonly killsInResidualWindow: number;
  /**
   * Sends that were on their way to SES or accepted but not yet recorded when their
   * container died, whatever killed it (a fault or a timeout): each may be sent a second
   * time. A kill after record waits for the container's other sends to be recorded, so
   * only kills in the residual window and timeouts add to this.
   */
  readonly unrecordedSendsAtDeath: number;
}

/** Options of {@link createCrashCoordinator}. */
export interface CrashCoordinatorOptions {
  /** Fraction of COMPLETED writes followed by a kill. */
  readonly killAfterRecord: number;
  /** Fraction of accepted sends followed by a kill before the worker hears the answer. */
  readonly killInResidualWindow: number;
  readonly random: RandomSource;
  /** Kills the container of a slot now (`SIGKILL`). */
  readonly kill: (slot: number, point: CrashPoint) => void;
  /** Longest wait for a dying container's other sends to be recorded, in ms. @default 2000 */
  readonly drainTimeoutMs?: number;
}

/** Decides and times the kills of worker containers, from what the proxies see. */
export interface CrashCoordinator {
  /** Whether the container of a slot is to die: its new sends must be held, its results ignored. */
  isDoomed(slot: number): boolean;
  /** A send leaves for SES. */
  beginSend(slot: number): SendTicket;
  /** SES refused the send or it failed: it will not need a record. */
  endSend(slot: number, ticket: SendTicket): void;
  /** SES accepted the send; `'crash'` means the container dies now, before the answer reaches it. */
  acceptSend(slot: number, ticket: SendTicket, messageId: string): 'answer' | 'crash';
  /** DynamoDB acknowledged a COMPLETED write; `requestText` is the write's JSON body. */
  recordCompleted(slot: number, requestText: string): void;
  /** The container of a slot is gone; its unrecorded sends are counted and the slot reset. */
  containerExited(slot: number): void;
  stats(): CrashStats;
}

interface SlotState {
  readonly tickets: Set<SendTicket>;
  doomed: boolean;
  /** Set while a kill after record waits for the other sends to be recorded. */
  drainTimer: NodeJS.Timeout | undefined;
}

/**
 * Creates the coordinator of the kill faults. It tracks, per worker container ("slot"),
 * the sends SES may have accepted whose idempotency record is not yet COMPLETED: the
 * container's residual window.
 *
 * A kill after record is meant to show that the common crash window causes no duplicate,
 * so it must not also hit another record of the batch inside its residual window: once
 * decided, the container's new sends are held (never reach SES) and the kill waits until
 * every send already at SES is recorded (at most `drainTimeoutMs`). A kill in the
 * residual window happens at once, the accepted answer never delivered.
 *
 * @param options - fractions, random source and the kill function
 * @returns the coordinator the proxies and the container pool share
 */
export function createCrashCoordinator(options: CrashCoordinatorOptions): CrashCoordinator {
  const slots = new Map<number, SlotState>();
  const counts = { killsAfterRecord: 0, killsInResidualWindow: 0, unrecordedSendsAtDeath: 0 };
  const drainTimeoutMs = options.drainTimeoutMs ?? 2000;
  const slotState = (slot: number): SlotState => {
    let state = slots.get(slot);
    if (state === undefined) {
      state = { tickets: new Set(), doomed: false, drainTimer: undefined };
      slots.set(slot, state);
    }
    return state;
  };
  const killAfterDrain = (slot: number, state: SlotState) => {
    if (state.drainTimer === undefined || state.tickets.size > 0) return;
    clearTimeout(state.drainTimer);
    state.drainTimer = undefined;
    options.kill(slot, 'after-record');
  };

  return {
    isDoomed: (slot) => slotState(slot).doomed,
    beginSend(slot) {
      const state = slotState(slot);
      const ticket: SendTicket = { messageId: undefined, container: state };
      state.tickets.add(ticket);
      return ticket;
    },
    endSend(slot, ticket) {
      const state = slotState(slot);
      if (ticket.container !== state) return;
      state.tickets.delete(ticket);
      killAfterDrain(slot, state);
    },
    acceptSend(slot, ticket, messageId) {
      const state = slotState(slot);
      ticket.messageId = messageId;
      // The container that sent it is gone: nobody is left to hear the answer.
      if (ticket.container !== state) return 'crash';
      if (state.doomed || options.random() >= options.killInResidualWindow) return 'answer';
      state.doomed = true;
      counts.killsInResidualWindow += 1;
      options.kill(slot, 'in-residual-window');
      return 'crash';
    },
    recordCompleted(slot, requestText) {
      const state = slotState(slot);
      for (const ticket of state.tickets) {
        if (ticket.messageId !== undefined && requestText.includes(ticket.messageId)) {
          state.tickets.delete(ticket);
        }
      }
      if (state.doomed) {
        killAfterDrain(slot, state);
        return;
      }
      if (options.random() >= options.killAfterRecord) return;
      state.doomed = true;
      counts.killsAfterRecord += 1;
      state.drainTimer = setTimeout(() => {
        state.drainTimer = undefined;
        options.kill(slot, 'after-record');
      }, drainTimeoutMs);
      killAfterDrain(slot, state);
    },
    containerExited(slot) {
      const state = slotState(slot);
      clearTimeout(state.drainTimer);
      counts.unrecordedSendsAtDeath += state.tickets.size;
      slots.delete(slot);
    },
    stats: () => ({ ...counts }),
  };
}
