import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { serviceNames } from '../functions/commons/metric-names.js';
import { apiCors, apiRoutes } from './api-routes.js';
import { createNodeFunction } from './node-function.js';
import { settings, signupSettingsEnvironment } from './settings.js';

/** Properties of {@link SignupApi}. */
export interface SignupApiProps {
  /** The queue the API enqueues email jobs on (the function may only send to it). */
  readonly queue: IQueue;
  /** The secret that signs confirmation tokens (the function may only read it). */
  readonly tokenSecret: ISecret;
  /** The accounts table (the function may only get and update its items). */
  readonly accountsTable: ITable;
  /** Retention of the function's and the access logs. */
  readonly logRetention: RetentionDays;
  /** Public base URL of the API, for confirmation links. @default - the execute-api endpoint */
  readonly appUrl?: string;
  /** The app's home, where the emails' buttons lead. @default - the function's `APP_URL` */
  readonly homeUrl?: string;
  /** Browser origins allowed to call the API (CORS). @default - none: same-origin only */
  readonly corsOrigins?: readonly string[];
  /** Steady-state request rate of the stage, in requests per second. */
  readonly throttlingRateLimit: number;
  /** Burst capacity of the stage, in requests. */
  readonly throttlingBurstLimit: number;
  /** Signups per client per window; 0 turns it off. @default settings.accounts.signupLimitPerClient */
  readonly signupLimitPerClient?: number;
}

/**
 * The public HTTP API (payload format 2.0) and its function, serving the routes of
 * `api-routes.ts`, with stage throttling and access logs.
 */
export class SignupApi extends Construct {
  public readonly httpApi: HttpApi;
  /** The `$default` stage (throttled, access-logged). */
  public readonly stage: HttpStage;
  /** The function behind every route. */
  public readonly handler: NodejsFunction;
  /** Where the stage writes one JSON line per request. */
  public readonly accessLogGroup: LogGroup;
  /** Base URL of the API, without a trailing slash. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: SignupApiProps) {
    super(scope, id);
    const corsOrigins = props.corsOrigins ?? [];

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'signup-mailer: signups and email confirmations',
      // A stage of our own below: the generated one has no throttling or access logs.
      createDefaultStage: false,
      corsPreflight:
        corsOrigins.length === 0
          ? undefined
          : {
              allowOrigins: [...corsOrigins],
              allowMethods: apiCors.allowMethods.map((method) => CorsHttpMethod[method]),
              allowHeaders: [...apiCors.allowHeaders],
              exposeHeaders: [...apiCors.exposeHeaders],
              maxAge: Duration.seconds(apiCors.maxAgeSeconds),
            },
    });
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: { rateLimit: props.throttlingRateLimit, burstLimit: props.throttlingBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: accessLogFormat,
      },
    });
    this.url = this.httpApi.apiEndpoint;

    this.handler = createNodeFunction(this, 'Handler', {
      functionName: 'signup',
      description: 'Serves the signup form, keeps accounts, enqueues their emails, confirms tokens',
      timeoutSeconds: settings.api.timeoutSeconds,
      memorySizeMb: settings.api.memorySizeMb,
      logRetention: props.logRetention,
      environment: {
        QUEUE_URL: props.queue.queueUrl,
        ACCOUNTS_TABLE: props.accountsTable.tableName,
        APP_URL: props.appUrl ?? this.url,
        ...(props.homeUrl === undefined ? {} : { HOME_URL: props.homeUrl }),
        TOKEN_SECRET_ARN: props.tokenSecret.secretArn,
        POWERTOOLS_SERVICE_NAME: serviceNames.signup,
        ...signupSettingsEnvironment({ signupLimitPerClient: props.signupLimitPerClient }),
      },
    });
    props.queue.grantSendMessages(this.handler);
    props.tokenSecret.grantRead(this.handler);
    // Every write is a conditional UpdateItem (creation and the signup counters too), the read
    // a GetItem: no Scan, Query or DeleteItem, so the API cannot list or erase accounts.
    props.accountsTable.grant(this.handler, 'dynamodb:GetItem', 'dynamodb:UpdateItem');

    const integration = new HttpLambdaIntegration('Handler', this.handler);
    for (const { method, path } of apiRoutes) {
      this.httpApi.addRoutes({ path, methods: [HttpMethod[method]], integration });
    }
  }
}

// One JSON line per request, without the query string: `GET /confirm` carries the
// confirmation token there, and access logs must not hold credentials.
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);
