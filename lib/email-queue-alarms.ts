import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type AlarmTopic, alarmNameOf } from './alarm-topic.js';
import type { AlarmSettings } from './settings.js';

/** What {@link createEmailQueueAlarms} watches. */
export interface EmailQueueAlarmsProps {
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly worker: IFunction;
  readonly settings: AlarmSettings;
  /** Topic notified when an alarm fires; `undefined` leaves the alarms without actions. */
  readonly topic: AlarmTopic | undefined;
}

/** The alarms of the email pipeline. */
export interface EmailQueueAlarms {
  readonly deadLetterAlarm: Alarm;
  readonly oldestMessageAgeAlarm: Alarm;
  readonly workerErrorsAlarm: Alarm;
}

/**
 * Creates the three alarms that say an email will not arrive: a job reached the DLQ,
 * the backlog is getting old, or the worker itself failed.
 *
 * Missing data counts as "not breaching": SQS publishes no queue metrics while a queue
 * is idle, and an idle queue is healthy.
 *
 * @param scope - the construct the alarms are added to
 * @param props - see {@link EmailQueueAlarmsProps}
 */
export function createEmailQueueAlarms(
  scope: Construct,
  props: EmailQueueAlarmsProps,
): EmailQueueAlarms {
  const period = Duration.seconds(props.settings.periodSeconds);
  const common = {
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  } as const;

  const deadLetterAlarm = new Alarm(scope, 'DeadLetterAlarm', {
    ...common,
    alarmName: alarmNameOf(scope, 'DeadLetterAlarm'),
    alarmDescription:
      'Email jobs reached the DLQ: they failed maxReceiveCount times and will not be sent',
    metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period,
      statistic: 'Maximum',
    }),
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });
  const oldestMessageAgeAlarm = new Alarm(scope, 'OldestMessageAgeAlarm', {
    ...common,
    alarmName: alarmNameOf(scope, 'OldestMessageAgeAlarm'),
    alarmDescription: `The oldest email job has waited more than ${props.settings.oldestMessageAgeSeconds} s: the worker is stuck or too slow`,
    metric: props.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
    threshold: props.settings.oldestMessageAgeSeconds,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
  });
  const workerErrorsAlarm = new Alarm(scope, 'WorkerErrorsAlarm', {
    ...common,
    alarmName: alarmNameOf(scope, 'WorkerErrorsAlarm'),
    alarmDescription:
      'The send-email worker failed whole invocations (crash, timeout or bad configuration)',
    metric: props.worker.metricErrors({ period, statistic: 'Sum' }),
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });

  const alarms = { deadLetterAlarm, oldestMessageAgeAlarm, workerErrorsAlarm };
  for (const alarm of Object.values(alarms)) props.topic?.notify(alarm);
  return alarms;
}
