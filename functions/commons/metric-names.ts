/**
 * The namespace of the custom metrics the functions emit and the dashboard in `lib/` reads:
 * named once, so a renamed metric cannot leave a widget empty. Pure data, for the CDK code too.
 */
export const metricsNamespace = 'SignupMailer';

/** Each function's service name: its logger's, and the `service` dimension of its metrics. */
export const serviceNames = {
  signup: 'signup',
  sendEmail: 'send-email',
  sesFeedback: 'ses-feedback',
} as const;

/** Metric names, with their unit and dimensions (besides `service`). */
export const metricNames = {
  /** Count; `outcome`: what was queued (`confirmation-queued`, `notice-queued`, `nothing-sent`). */
  signupsAccepted: 'SignupsAccepted',
  /** Count; `problem`: the problem kind of the refusal (`invalid-field`, `payload-too-large`...). */
  signupsRejected: 'SignupsRejected',
  /** Count of jobs SES accepted. */
  jobsSent: 'JobsSent',
  /** Count of jobs failed for a retry with backoff. */
  jobsRetried: 'JobsRetried',
  /** Count; `reason`: the DLQ's `errorReason`, else its `errorName`. */
  jobsDeadLettered: 'JobsDeadLettered',
  /** Count of redelivered jobs the idempotency record kept from a second send. */
  duplicatesSkipped: 'DuplicatesSkipped',
  /** Milliseconds to render a job's template to HTML and text. */
  renderTime: 'RenderTime',
  /** Milliseconds of the SES `SendEmail` call, the SDK's own retries included. */
  sesCallTime: 'SesCallTime',
  /** Milliseconds from the job's `createdAt` (signup accepted) to SES accepting the email. */
  jobAgeAtSend: 'JobAgeAtSend',
  /** Count; `eventType`: the SES event (`Bounce`, `Complaint`, `Delivery`, ...). */
  sesEvents: 'SesEvents',
  /** Count; `bounceType`: `Permanent`, `Transient` or `Undetermined`. */
  sesBounces: 'SesBounces',
  /** Count; `reason`: `hard-bounce` or `complaint`. */
  accountsMarkedUndeliverable: 'AccountsMarkedUndeliverable',
} as const;

/** Dimension names of the metrics above. */
export const metricDimensions = {
  outcome: 'outcome',
  problem: 'problem',
  reason: 'reason',
  eventType: 'eventType',
  bounceType: 'bounceType',
} as const;
