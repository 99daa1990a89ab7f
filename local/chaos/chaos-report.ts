import type { FaultReport } from '../worker-runtime/start-worker-runtime.js';
import type { ChaosResult } from './run-chaos.js';

/** One chaos scenario's outcome, as `npm run chaos -- --json` prints it. */
export interface ScenarioOutcome {
  /** `after-record` or `residual-window`. */
  readonly scenario: string;
  readonly signups: number;
  readonly seed: number;
  readonly result: ChaosResult;
  readonly faults: FaultReport;
}

/**
 * What a chaos run broke, empty when it kept the guarantees: nothing lost, every permanent
 * failure in the DLQ and nothing else there, and duplicates only where a kill hit the
 * residual window (at most one per send left unrecorded by a dying container).
 *
 * @param outcome - a scenario's outcome
 * @returns the broken guarantees, in words
 */
export function judgeChaos(outcome: ScenarioOutcome): string[] {
  const { result, faults } = outcome;
  const problems: string[] = [];
  if (!result.drained) problems.push('the queue did not drain');
  if (result.lost > 0) problems.push(`${result.lost} email(s) lost`);
  if (result.unexpectedEmails > 0) problems.push(`${result.unexpectedEmails} unexpected email(s)`);
  if (result.missingFromDlq > 0)
    problems.push(`${result.missingFromDlq} failure(s) not in the DLQ`);
  if (result.unexpectedInDlq > 0)
    problems.push(`${result.unexpectedInDlq} unexpected DLQ message(s)`);
  if (result.duplicates > faults.crashes.unrecordedSendsAtDeath) {
    problems.push(
      `${result.duplicates} duplicate(s) for ${faults.crashes.unrecordedSendsAtDeath} send(s) left unrecorded by a crash`,
    );
  }
  return problems;
}

/**
 * Formats a scenario's outcome for the terminal.
 *
 * @param outcome - a scenario's outcome
 */
export function formatChaosReport(outcome: ScenarioOutcome): string {
  const { result, faults } = outcome;
  const seconds = (result.drainMs / 1000).toFixed(1);
  const problems = judgeChaos(outcome);
  return [
    `Chaos run "${outcome.scenario}": ${outcome.signups} signups, seed ${outcome.seed}`,
    `  accepted            ${result.accepted} (refused ${result.refused})`,
    `  delivered           ${result.delivered} of ${result.expectedDeliveries} expected`,
    `  duplicates          ${result.duplicates}${result.duplicatedRecipients.length > 0 ? ` (${result.duplicatedRecipients.length} recipient(s))` : ''}`,
    `  in DLQ              ${result.inDlq} (${result.dlqByReason.map(([reason, count]) => `${reason} ${count}`).join(', ') || 'none'}; copies ${result.dlqCopies})`,
    `  lost                ${result.lost}`,
    `  time to drain       ${seconds} s${result.drained ? '' : ' (NOT drained)'}`,
    `  SES calls           accepted ${faults.ses.accepted}, throttled ${faults.ses.throttle}, 5xx ${faults.ses['server-error']}, rejected ${faults.ses.reject}, held ${faults.ses.held}`,
    `  worker kills        after record ${faults.crashes.killsAfterRecord}, in residual window ${faults.crashes.killsInResidualWindow}, timeouts ${faults.containers.deaths.timeout ?? 0}`,
    `  sends unrecorded at a container's death  ${faults.crashes.unrecordedSendsAtDeath} (the most duplicates possible)`,
    `  cold starts         ${faults.containers.coldStarts}`,
    problems.length === 0
      ? '  verdict             guarantees kept'
      : `  verdict             BROKEN: ${problems.join('; ')}`,
    '',
  ].join('\n');
}
