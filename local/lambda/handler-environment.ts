import { randomBytes } from 'node:crypto';

/** Sender of local emails unless `MAIL_SENDER` is set. */
export const defaultLocalSender = 'Signup Mailer <no-reply@signup-mailer.local>';

/** Where the handlers' AWS services and the API live locally. */
export interface LocalEndpoints {
  /** Region of the emulated services. */
  readonly region: string;
  /** SQS endpoint (`http://sqs.<region>.localhost:<port>`). */
  readonly sqsEndpoint: string;
  /** SES v2 endpoint. */
  readonly sesEndpoint: string;
  /** URL of the email job queue. */
  readonly queueUrl: string;
  /** URL of its DLQ, where the worker sends jobs no retry can help. */
  readonly dlqUrl: string;
  /** DynamoDB endpoint. */
  readonly dynamoDbEndpoint: string;
  /** The worker's idempotency table. */
  readonly idempotencyTable: string;
  /** The signup function's accounts table. */
  readonly accountsTable: string;
  /** Base URL of the local API, for the confirmation links. */
  readonly apiUrl: string;
  /** Subject prefix of the emails; unset keeps the worker's own default, as the deployed stack does. */
  readonly mailSubjectPrefix?: string;
}

/**
 * Points the handlers at the emulators through the AWS SDK's standard variables
 * (`AWS_ENDPOINT_URL_SQS`, `AWS_ENDPOINT_URL_SESV2`, `AWS_ENDPOINT_URL_DYNAMODB`,
 * `AWS_REGION`, credentials) and sets
 * their own configuration, so the unmodified handlers run with no local-only code path;
 * `ALLOW_EXAMPLE_RECIPIENTS=true`, which no deployed stack sets, lets them mail the domains
 * reserved for examples (`ann@example.com`).
 *
 * Must run before the handlers are imported: they create their SDK clients and read their
 * configuration at import, as at a Lambda cold start. Dummy credentials replace any real
 * ones, so a local run can never sign a request for a real account. `TOKEN_SECRET` and
 * `MAIL_SENDER` keep the values the environment gives; without one, the token key is 32
 * random bytes per run (links die with the process, which is fine locally).
 *
 * The worker gets this environment too: in process it is this one, and worker containers
 * (child processes) are forked with a copy of it.
 *
 * Logs and metrics are set for a person reading the terminal, see
 * {@link configureLocalObservability}.
 *
 * @param endpoints - the emulators' endpoints, the queue and the API URL
 * @param env - the environment to change; defaults to `process.env`
 * @param terminal - whether the logs go to a terminal; defaults to whether stdout is a TTY
 */
export function configureHandlerEnvironment(
  endpoints: LocalEndpoints,
  env: NodeJS.ProcessEnv = process.env,
  terminal: boolean = process.stdout.isTTY === true,
): void {
  Object.assign(env, {
    AWS_REGION: endpoints.region,
    AWS_ENDPOINT_URL_SQS: endpoints.sqsEndpoint,
    AWS_ENDPOINT_URL_SESV2: endpoints.sesEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDbEndpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    QUEUE_URL: endpoints.queueUrl,
    DLQ_URL: endpoints.dlqUrl,
    IDEMPOTENCY_TABLE: endpoints.idempotencyTable,
    ACCOUNTS_TABLE: endpoints.accountsTable,
    APP_URL: endpoints.apiUrl,
    TOKEN_SECRET: env.TOKEN_SECRET || randomBytes(32).toString('base64url'),
    MAIL_SENDER: env.MAIL_SENDER || defaultLocalSender,
    // The quick start, tests and demo mail ann@example.com; a deployed stack refuses it.
    ALLOW_EXAMPLE_RECIPIENTS: 'true',
  });
  if (endpoints.mailSubjectPrefix !== undefined) {
    env.MAIL_SUBJECT_PREFIX = endpoints.mailSubjectPrefix;
  }
  configureLocalObservability(env, terminal);
  // Anything else in the default credential chain could pick real credentials back up.
  for (const name of ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL']) delete env[name];
}

/**
 * Sets how the handlers' Powertools Logger and Metrics write locally, leaving any value the
 * environment already gives:
 *
 * - `POWERTOOLS_DEV`: `true` when the logs go to a terminal (each log entry pretty-printed,
 *   indented over several lines), else `false` (one JSON object per line, as in CloudWatch,
 *   for tools that read the output line by line, such as `npm run demo`).
 * - `POWERTOOLS_METRICS_DISABLED`: `true`. In AWS, CloudWatch turns the embedded metric
 *   format (EMF) lines into metrics; here they would be a JSON blob per count in the
 *   terminal. `POWERTOOLS_METRICS_DISABLED=false` prints them, e.g. to check a metric.
 *
 * @param env - the environment to change
 * @param terminal - whether the logs go to a terminal
 */
export function configureLocalObservability(env: NodeJS.ProcessEnv, terminal: boolean): void {
  if (!env.POWERTOOLS_DEV) env.POWERTOOLS_DEV = String(terminal);
  if (!env.POWERTOOLS_METRICS_DISABLED) env.POWERTOOLS_METRICS_DISABLED = 'true';
}
