import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AlarmTopic } from './alarm-topic.js';
import { EmailQueue } from './email-queue.js';
import { addNagSuppressions } from './nag-suppressions.js';
import { ObservabilityDashboard } from './observability-dashboard.js';
import { ServiceAlarms } from './service-alarms.js';
import { SesFeedback } from './ses-feedback.js';
import { SesSender } from './ses-sender.js';
import { settings } from './settings.js';
import { SignupApi } from './signup-api.js';
import { defaultStage, type Stage } from './stack-context.js';
import { parseMailboxAddress, validateStackProps } from './validation.js';

/** Deployment choices of {@link SignupMailerStack} (from CDK context, see `lib/stack-context.ts`). */
export interface SignupMailerStackProps extends StackProps {
  /**
   * `prod` has termination protection and keeps its data when the stack is deleted (accounts
   * table, token secret, queues and DLQs, log groups); `dev` can be destroyed whole.
   * @default 'dev'
   */
  readonly stage?: Stage;
  /**
   * Who the emails are from: `no-reply@example.com` or `Signup Mailer <no-reply@example.com>`
   * (`MAIL_SENDER`); its address is the SES identity unless `senderDomain` is set.
   */
  readonly sender: string;
  /**
   * Domain verified with Easy DKIM instead of the sender address; the sender's domain.
   * @default - the sender address is verified on its own
   */
  readonly senderDomain?: string;
  /**
   * Import the sender's SES identity instead of creating it (verified before, or created by
   * another stage or by this one before it was deleted: a created identity is retained).
   * @default false
   */
  readonly existingIdentity?: boolean;
  /**
   * The account is in the SES sandbox: the worker may also send to its verified recipient
   * identities, which SES authorizes as well while sandboxed.
   * @default false
   */
  readonly sesSandbox?: boolean;
  /**
   * Public https base URL of the API (links are `${appUrl}/confirm?token=...`).
   * @default - the API's execute-api endpoint
   */
  readonly appUrl?: string;
  /**
   * The app's home, https, where the welcome email's button and the already-registered notice
   * lead (the app, or its sign-in page), as given.
   * @default - the API's base URL, whose `GET /` is the signup form
   */
  readonly homeUrl?: string;
  /** Address notified by the alarms. @default - no subscription */
  readonly alarmEmail?: string;
  /** Browser origins allowed to call the API (CORS). @default - none */
  readonly corsOrigins?: readonly string[];
  /** @default settings.api.throttlingRateLimit (requests per second) */
  readonly throttlingRateLimit?: number;
  /** @default settings.api.throttlingBurstLimit (requests) */
  readonly throttlingBurstLimit?: number;
  /**
   * Signups one client (IP address, IPv6 /64) may make per window; 0 turns the limit off.
   * @default settings.accounts.signupLimitPerClient
   */
  readonly signupLimitPerClient?: number;
  /** @default settings.worker.maxConcurrency (concurrent worker invocations, 2 to 1000) */
  readonly maxConcurrency?: number;
  /** Subject prefix of every email (`MAIL_SUBJECT_PREFIX`). @default '[Signup Mailer] ' */
  readonly mailSubjectPrefix?: string;
}

/**
 * signup-mailer on AWS: HTTP API → signup function (accounts table) → SQS (with DLQ) →
 * send-email worker → SES v2, with the token secret, alarms and their topic.
 */
export class SignupMailerStack extends Stack {
  public readonly tokenSecret: Secret;
  public readonly sesSender: SesSender;
  public readonly alarmTopic: AlarmTopic;
  public readonly emailQueue: EmailQueue;
  public readonly signupApi: SignupApi;
  public readonly accountsTable: Table;
  public readonly sesFeedback: SesFeedback;
  public readonly serviceAlarms: ServiceAlarms;
  public readonly observability: ObservabilityDashboard;

  /** @throws Error when a prop breaks its documented rule (see `validateStackProps`). */
  constructor(scope: Construct, id: string, props: SignupMailerStackProps) {
    validateStackProps(props);
    const stage = props.stage ?? defaultStage;
    super(scope, id, {
      ...props,
      terminationProtection: props.terminationProtection ?? stage === 'prod',
    });
    const logRetention = settings.logs.retentionDays as RetentionDays;

    this.tokenSecret = new Secret(this, 'TokenSecret', {
      description: 'HMAC key that signs signup-mailer confirmation tokens',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    this.sesSender = new SesSender(this, 'SesSender', {
      senderAddress: parseMailboxAddress('sender', props.sender),
      senderDomain: props.senderDomain,
      existingIdentity: props.existingIdentity,
      sandbox: props.sesSandbox,
    });
    this.alarmTopic = new AlarmTopic(this, 'Alarms', { alarmEmail: props.alarmEmail });

    this.emailQueue = new EmailQueue(this, 'EmailQueue', {
      logRetention,
      maxConcurrency: props.maxConcurrency,
      alarmTopic: this.alarmTopic,
      workerEnvironment: {
        MAIL_SENDER: props.sender,
        SES_CONFIGURATION_SET: this.sesSender.configurationSet.configurationSetName,
        ...(props.mailSubjectPrefix === undefined
          ? {}
          : { MAIL_SUBJECT_PREFIX: props.mailSubjectPrefix }),
      },
    });
    this.sesSender.grantSendEmail(this.emailQueue.worker);

    // One item per mailbox that signed up (key: `toAccountKey`, so the case and +tag variants
    // of an address share one account and cooldown), and the per-client signup counters
    // (keys `signups-from#…`, see `countClientSignup`): a table of their own would add a
    // table, a grant and a variable for items that live ten minutes. TTL on `expiresAt`, which
    // pending accounts and counters carry: an address never confirmed is forgotten, a counter
    // goes after its window. Point-in-time recovery: it is the record of who confirmed. Its
    // removal policy is the stage's (below).
    this.accountsTable = new Table(this, 'AccountsTable', {
      partitionKey: { name: 'emailKey', type: AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    this.signupApi = new SignupApi(this, 'SignupApi', {
      queue: this.emailQueue.queue,
      tokenSecret: this.tokenSecret,
      accountsTable: this.accountsTable,
      logRetention,
      appUrl: props.appUrl?.replace(/\/+$/, ''),
      homeUrl: props.homeUrl,
      corsOrigins: props.corsOrigins,
      throttlingRateLimit: props.throttlingRateLimit ?? settings.api.throttlingRateLimit,
      throttlingBurstLimit: props.throttlingBurstLimit ?? settings.api.throttlingBurstLimit,
      signupLimitPerClient: props.signupLimitPerClient,
    });

    // SES feedback: hard bounces and complaints mark accounts undeliverable, and the worker
    // sends them nothing more (one GetItem of the recipient's account per job).
    this.sesFeedback = new SesFeedback(this, 'SesFeedback', {
      configurationSet: this.sesSender.configurationSet,
      accountsTable: this.accountsTable,
      logRetention,
    });
    this.emailQueue.worker.addEnvironment('ACCOUNTS_TABLE', this.accountsTable.tableName);
    Grant.addToPrincipal({
      grantee: this.emailQueue.worker,
      actions: ['dynamodb:GetItem'],
      resourceArns: [this.accountsTable.tableArn],
    });
    const functions = {
      signup: this.signupApi.handler,
      worker: this.emailQueue.worker,
      feedback: this.sesFeedback.handler,
    };
    this.serviceAlarms = new ServiceAlarms(this, 'ServiceAlarms', {
      functions,
      apiStage: this.signupApi.stage,
      feedbackRule: this.sesFeedback.rule,
      feedbackDeadLetterQueue: this.sesFeedback.deadLetterQueue,
      alarmTopic: this.alarmTopic,
      periodSeconds: settings.alarms.periodSeconds,
    });
    this.observability = new ObservabilityDashboard(this, 'Observability', {
      queue: this.emailQueue.queue,
      deadLetterQueue: this.emailQueue.deadLetterQueue,
      functions,
      alarmTopic: this.alarmTopic,
      statusAlarms: [...this.emailQueue.alarms, ...this.serviceAlarms.alarms],
    });
    this.observability.dashboard.addWidgets(...this.serviceAlarms.createWidgets());

    new CfnOutput(this, 'ApiUrl', { value: this.signupApi.url });
    new CfnOutput(this, 'DashboardName', { value: this.observability.dashboard.dashboardName });
    new CfnOutput(this, 'QueueUrl', { value: this.emailQueue.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.emailQueue.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'FeedbackDeadLetterQueueUrl', {
      description: 'SES events the feedback path could not handle',
      value: this.sesFeedback.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'AccountsTableName', { value: this.accountsTable.tableName });
    new CfnOutput(this, 'TokenSecretArn', {
      description: 'HMAC key of the confirmation links (see the README on rotating it)',
      value: this.tokenSecret.secretArn,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description:
        'Subscribe to receive the alarms (the alarmEmail context subscribes one address)',
      value: this.alarmTopic.topic.topicArn,
    });
    this.sesSender.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `Publish as a CNAME in ${props.senderDomain}'s DNS zone (Easy DKIM)`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });

    // prod keeps what it holds when the stack is deleted; dev goes whole. The idempotency
    // table and the topic key go in both: nothing reads them once the queues are gone.
    const removalPolicy = stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    for (const resource of [
      this.accountsTable,
      this.tokenSecret,
      this.emailQueue.queue,
      this.emailQueue.deadLetterQueue,
      this.sesFeedback.deadLetterQueue,
      this.signupApi.accessLogGroup,
      ...Object.values(functions).map((fn) => fn.logGroup),
    ]) {
      resource.applyRemovalPolicy(removalPolicy);
    }

    addNagSuppressions(this);
  }
}
