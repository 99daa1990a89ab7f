import { Duration, Stack } from 'aws-cdk-lib';
import {
  type Alarm,
  AlarmStatusWidget,
  AlarmWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  metricDimensions,
  metricNames,
  metricsNamespace,
  serviceNames,
} from '../functions/commons/metric-names.js';
import { type AlarmTopic, createAlarm } from './alarm-topic.js';

/** Properties of {@link ObservabilityDashboard}. */
export interface ObservabilityDashboardProps {
  /** The email job queue and its DLQ. */
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly functions: {
    readonly signup: IFunction;
    readonly worker: IFunction;
    readonly feedback: IFunction;
  };
  /** Topic the SES reputation alarms notify. @default - alarms without actions */
  readonly alarmTopic?: AlarmTopic;
  /**
   * The stack's other alarms, shown with the reputation alarms in the status widget at the top.
   * @default - only the reputation alarms
   */
  readonly statusAlarms?: readonly Alarm[];
  /**
   * Bounce rate (0 to 1) at which the alarm fires: below the 5 % at which SES reviews an
   * account, so there is time to act (SES Developer Guide, "Sending review process FAQs").
   * @default 0.025
   */
  readonly bounceRateThreshold?: number;
  /**
   * Complaint rate (0 to 1) at which the alarm fires: below SES's 0.1 % review threshold.
   * @default 0.0005
   */
  readonly complaintRateThreshold?: number;
  /** Period of the graphs, in seconds. @default 300 */
  readonly periodSeconds?: number;
}

/**
 * The one CloudWatch dashboard of signup-mailer, and the SES reputation alarms: every alarm's
 * state, signups, the jobs' fate, render, SES call and age-at-send times, queue and DLQ depth,
 * function errors and durations, SES events, and the bounce and complaint rates. Metrics split
 * by a dimension of varying values (reason, outcome, event type) are drawn with `SEARCH`, so a
 * new value shows up unasked.
 */
export class ObservabilityDashboard extends Construct {
  public readonly dashboard: Dashboard;
  /** Fire when `AWS/SES` `Reputation.BounceRate` or `.ComplaintRate` reach their thresholds. */
  public readonly bounceRateAlarm: Alarm;
  public readonly complaintRateAlarm: Alarm;

  /** @throws Error when a threshold is not a rate between 0 and 1 */
  constructor(scope: Construct, id: string, props: ObservabilityDashboardProps) {
    const bounceRate = props.bounceRateThreshold ?? 0.025;
    const complaintRate = props.complaintRateThreshold ?? 0.0005;
    assertNumberInRange('bounceRateThreshold', bounceRate, 0, 0.05);
    assertNumberInRange('complaintRateThreshold', complaintRate, 0, 0.001);
    super(scope, id);
    const period = Duration.seconds(props.periodSeconds ?? 300);

    // SES publishes its reputation metrics to `AWS/SES`, without dimensions, as a rate over a
    // long window of sends: the alarm reads each hour's highest (SES Developer Guide, "Using
    // reputation metrics").
    const reputationAlarm = (rate: 'Bounce' | 'Complaint', threshold: number) =>
      createAlarm(this, `${rate}RateAlarm`, props.alarmTopic, {
        alarmDescription: `The SES account's ${rate.toLowerCase()} rate reached ${threshold * 100} %: find the cause before SES reviews or pauses sending`,
        metric: new Metric({
          namespace: 'AWS/SES',
          metricName: `Reputation.${rate}Rate`,
          statistic: 'Maximum',
          period: Duration.hours(1),
        }),
        threshold,
      });
    this.bounceRateAlarm = reputationAlarm('Bounce', bounceRate);
    this.complaintRateAlarm = reputationAlarm('Complaint', complaintRate);

    const custom = (name: string, service: string, statistic: string) =>
      new Metric({
        namespace: metricsNamespace,
        metricName: name,
        dimensionsMap: { service },
        statistic,
        period,
      });
    const search = (name: string, service: string, dimension: string) =>
      new MathExpression({
        expression: `SEARCH('{${metricsNamespace},service,${dimension}} MetricName="${name}" service="${service}"', 'Sum', ${period.toSeconds()})`,
        period,
      });
    const percentiles = (name: string) =>
      ['p50', 'p99'].map((statistic) => custom(name, serviceNames.sendEmail, statistic));
    const graph = (title: string, left: IMetric[], width = 8) =>
      new GraphWidget({ title, left, width, height: 6 });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      // The stack's name (SignupMailer-<stage>), to be found in the console; unique per stage.
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '## signup-mailer\nPOST /signup → queue → send-email → SES → feedback. ' +
          'Follow one signup by its job id in CloudWatch Logs Insights: `filter jobId = "<id>"`.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...(props.statusAlarms ?? []), this.bounceRateAlarm, this.complaintRateAlarm],
        width: 24,
        height: 4,
      }),
    );
    this.dashboard.addWidgets(
      graph('Signups accepted, by outcome', [
        search(metricNames.signupsAccepted, serviceNames.signup, metricDimensions.outcome),
      ]),
      graph('Signups rejected, by problem', [
        search(metricNames.signupsRejected, serviceNames.signup, metricDimensions.problem),
      ]),
      graph('Jobs sent and retried', [
        custom(metricNames.jobsSent, serviceNames.sendEmail, 'Sum'),
        custom(metricNames.jobsRetried, serviceNames.sendEmail, 'Sum'),
        custom(metricNames.duplicatesSkipped, serviceNames.sendEmail, 'Sum'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Jobs dead-lettered, by reason', [
        search(metricNames.jobsDeadLettered, serviceNames.sendEmail, metricDimensions.reason),
      ]),
      graph('Render and SES call time (ms)', [
        ...percentiles(metricNames.renderTime),
        ...percentiles(metricNames.sesCallTime),
      ]),
      graph('Job age at send (ms): signup to SES', percentiles(metricNames.jobAgeAtSend)),
    );
    this.dashboard.addWidgets(
      graph('Queue depth and DLQ depth', [
        props.queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        props.queue.metricApproximateNumberOfMessagesNotVisible({ period, statistic: 'Maximum' }),
        props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period,
          statistic: 'Maximum',
          label: 'DLQ messages',
        }),
      ]),
      graph('Age of the oldest job (s)', [
        props.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
      ]),
      graph(
        'Function errors',
        Object.entries(props.functions).map(([name, fn]) =>
          fn.metricErrors({ period, statistic: 'Sum', label: name }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Function duration p99 (ms)',
        Object.entries(props.functions).map(([name, fn]) =>
          fn.metricDuration({ period, statistic: 'p99', label: name }),
        ),
      ),
      graph('SES events, by type', [
        search(metricNames.sesEvents, serviceNames.sesFeedback, metricDimensions.eventType),
      ]),
      graph('Accounts marked undeliverable, by reason', [
        search(
          metricNames.accountsMarkedUndeliverable,
          serviceNames.sesFeedback,
          metricDimensions.reason,
        ),
      ]),
    );
    this.dashboard.addWidgets(
      new AlarmWidget({ title: 'SES bounce rate', alarm: this.bounceRateAlarm, width: 12 }),
      new AlarmWidget({ title: 'SES complaint rate', alarm: this.complaintRateAlarm, width: 12 }),
    );
  }
}

function assertNumberInRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value <= min || value > max) {
    throw new Error(`${field} must be a rate above ${min} and at most ${max}, got ${value}`);
  }
}
