import { countWithDimension, createMetrics } from '../commons/helpers/metrics.js';
import { metricDimensions, metricNames, serviceNames } from '../commons/metric-names.js';
import type { SignupOutcome } from './accounts/registration.js';
import type { ProblemKind } from './http/problem.js';

/**
 * The signup function's metrics (namespace `SignupMailer`, `service: signup`), one instance
 * per container. Every count here carries a dimension of its own, so each is written at once
 * as its own EMF line and nothing needs publishing at the end of an invocation.
 */
export const signupMetrics = createMetrics(serviceNames.signup);

/**
 * Counts an accepted signup (a 202 answer) by what it queued.
 *
 * @param outcome - `confirmation-queued`, `notice-queued` or `nothing-sent` (within the
 *   cooldown): the answer is the same for all, the metric tells them apart
 */
export function recordSignupAccepted(outcome: SignupOutcome): void {
  countWithDimension(signupMetrics, metricNames.signupsAccepted, [
    metricDimensions.outcome,
    outcome,
  ]);
}

/**
 * Counts a refused signup by the kind of its problem.
 *
 * @param kind - the problem's kind, e.g. `invalid-field`
 */
export function recordSignupRejected(kind: ProblemKind): void {
  countWithDimension(signupMetrics, metricNames.signupsRejected, [metricDimensions.problem, kind]);
}
