import { Duration } from 'aws-cdk-lib';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  AlarmWidget,
  ComparisonOperator,
  type IWidget,
  MathExpression,
  Metric,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IRule } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type AlarmOptions, type AlarmTopic, createAlarm } from './alarm-topic.js';

/** Properties of {@link ServiceAlarms}. */
export interface ServiceAlarmsProps {
  readonly functions: {
    readonly signup: IFunction;
    readonly worker: IFunction;
    readonly feedback: IFunction;
  };
  readonly apiStage: IHttpStage;
  /** The rule that routes SES events to the feedback function (default event bus). */
  readonly feedbackRule: IRule;
  /** Where SES events the feedback path could not handle end up. */
  readonly feedbackDeadLetterQueue: IQueue;
  readonly alarmTopic: AlarmTopic;
  /** Length of the period each alarm evaluates, in seconds. */
  readonly periodSeconds: number;
  /**
   * p99 of the API's `Latency` above which, for two periods in a row, the latency alarm fires,
   * in ms: well above a cold start (about 0.5 s), well below the function's 10 s timeout.
   * @default 3000
   */
  readonly apiLatencyThresholdMs?: number;
}

/**
 * The alarms on what can fail without the email pipeline's own alarms seeing it: the SES
 * feedback path (its DLQ, its function's errors, the EventBridge rule's failed invocations),
 * the signup function's errors, any function's throttles, and the API's 5xx answers and
 * latency. `AWS/Events` `FailedInvocations` is by `RuleName` alone on the default bus
 * (EventBridge User Guide, "Monitoring Amazon EventBridge").
 */
export class ServiceAlarms extends Construct {
  /** Every alarm, each described by its `alarmDescription`. */
  public readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const period = Duration.seconds(props.periodSeconds);
    const latencyThresholdMs = props.apiLatencyThresholdMs ?? 3000;
    const { signup, worker, feedback } = props.functions;
    const definitions: Record<string, AlarmOptions> = {
      FeedbackDeadLetterAlarm: {
        alarmDescription:
          'SES events reached the feedback DLQ: a bounce or complaint may not be recorded on its account',
        metric: props.feedbackDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period,
          statistic: 'Maximum',
        }),
      },
      FeedbackRuleFailedInvocationsAlarm: {
        alarmDescription:
          'EventBridge failed for good to deliver SES events to the feedback function',
        metric: new Metric({
          namespace: 'AWS/Events',
          metricName: 'FailedInvocations',
          dimensionsMap: { RuleName: props.feedbackRule.ruleName },
          statistic: 'Sum',
          period,
        }),
      },
      FeedbackErrorsAlarm: {
        alarmDescription:
          'The SES feedback function failed (it is retried, then its DLQ takes over)',
        metric: feedback.metricErrors({ period, statistic: 'Sum' }),
      },
      SignupErrorsAlarm: {
        alarmDescription:
          'The signup function crashed or timed out: someone got a 5xx instead of a signup',
        metric: signup.metricErrors({ period, statistic: 'Sum' }),
      },
      ThrottlesAlarm: {
        alarmDescription:
          'Lambda throttled a function: the account or function concurrency is exhausted',
        metric: new MathExpression({
          expression: 'signup + worker + feedback',
          usingMetrics: {
            signup: signup.metricThrottles({ period, statistic: 'Sum' }),
            worker: worker.metricThrottles({ period, statistic: 'Sum' }),
            feedback: feedback.metricThrottles({ period, statistic: 'Sum' }),
          },
          label: 'Throttles',
          period,
        }),
      },
      ApiServerErrorsAlarm: {
        alarmDescription: 'The API answered with a 5xx: a signup was refused by a fault of ours',
        metric: props.apiStage.metricServerError({ period, statistic: 'Sum' }),
      },
      ApiLatencyAlarm: {
        alarmDescription: `The API's p99 latency stayed above ${latencyThresholdMs} ms: people wait on the signup form`,
        metric: props.apiStage.metricLatency({ period, statistic: 'p99' }),
        threshold: latencyThresholdMs,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
      },
    };
    this.alarms = Object.entries(definitions).map(([alarmId, options]) =>
      createAlarm(this, alarmId, props.alarmTopic, options),
    );
  }

  /** One graph per alarm, its metric against its threshold, for the dashboard. */
  public createWidgets(): IWidget[] {
    return this.alarms.map(
      (alarm) =>
        new AlarmWidget({
          alarm,
          title: alarm.node.id.replace(/Alarm$/, '').replace(/(?<=[a-z])(?=[A-Z])/g, ' '),
          width: 8,
          height: 6,
        }),
    );
  }
}
