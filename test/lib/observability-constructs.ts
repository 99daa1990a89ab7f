import { App, Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AlarmTopic } from '../../lib/alarm-topic.js';
import {
  ObservabilityDashboard,
  type ObservabilityDashboardProps,
} from '../../lib/observability-dashboard.js';
import { SesFeedback } from '../../lib/ses-feedback.js';

/**
 * A stack holding only the feedback loop and its neighbours (configuration set, accounts
 * table), with asset bundling skipped: the constructs are tested on their own.
 */
export function buildFeedbackStack() {
  const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Feedback', {
    env: { account: '123456789012', region: 'us-east-1' },
  });
  const configurationSet = new ConfigurationSet(stack, 'ConfigurationSet');
  const accountsTable = new Table(stack, 'Accounts', {
    partitionKey: { name: 'emailKey', type: AttributeType.STRING },
  });
  const feedback = new SesFeedback(stack, 'SesFeedback', {
    configurationSet,
    accountsTable,
    logRetention: RetentionDays.ONE_MONTH,
  });
  return { stack, configurationSet, accountsTable, feedback };
}

/**
 * A stack holding only the dashboard, over imported functions and queues.
 *
 * @param overrides - props to replace
 */
export function buildDashboardStack(overrides: Partial<ObservabilityDashboardProps> = {}) {
  const stack = new Stack(new App(), 'Dashboard');
  const importFunction = (name: string) => LambdaFunction.fromFunctionName(stack, name, name);
  const dashboard = new ObservabilityDashboard(stack, 'Observability', {
    queue: new Queue(stack, 'Queue'),
    deadLetterQueue: new Queue(stack, 'DeadLetterQueue'),
    functions: {
      signup: importFunction('signup'),
      worker: importFunction('worker'),
      feedback: importFunction('feedback'),
    },
    alarmTopic: new AlarmTopic(stack, 'Alarms'),
    ...overrides,
  });
  return { stack, dashboard };
}
