/** `npm run redrive`: the email DLQ's messages back to the queue; see `--help`. */
import { ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { moveMessages } from '../operations/dead-letters.js';
import {
  queueTargetEnvironment,
  queueTargetOptions,
  withQueueTarget,
} from '../operations/queue-target.js';
import { runCommand } from './command.js';

runCommand({
  name: 'redrive',
  usage: '[-- --stack <name>] [--region <region>] [--json]',
  description: [
    'Moves every message of the email DLQ back to the email job queue: in AWS with SQS’s own',
    'message move task (StartMessageMoveTask); in the local stack, whose emulator lacks it, by',
    'receive, send and delete, moving what the DLQ held at the start. Jobs sent before are not',
    'sent again: the worker is idempotent. Fix the cause first.',
  ].join('\n'),
  options: queueTargetOptions,
  environment: queueTargetEnvironment,
  async run(values) {
    return withQueueTarget(values, async (target) => {
      if (target.isLocal) {
        const moved = await moveMessages(target.client, target.dlqUrl, target.queueUrl);
        const result = { moved, from: target.dlqUrl, to: target.queueUrl };
        console.log(
          values.json
            ? JSON.stringify(result, null, 2)
            : `Moved ${moved} message(s) from ${result.from} to ${result.to}.`,
        );
        return 0;
      }
      // SQS API Reference, StartMessageMoveTask: SourceArn is the DLQ, DestinationArn the queue.
      const { TaskHandle } = await target.client.send(
        new StartMessageMoveTaskCommand({
          SourceArn: target.dlqArn,
          DestinationArn: target.queueArn,
        }),
      );
      const { Results = [] } = await target.client.send(
        new ListMessageMoveTasksCommand({ SourceArn: target.dlqArn, MaxResults: 1 }),
      );
      const task = {
        taskHandle: TaskHandle,
        status: Results[0]?.Status,
        approximateNumberOfMessagesToMove: Results[0]?.ApproximateNumberOfMessagesToMove,
        from: target.dlqArn,
        to: target.queueArn,
      };
      console.log(
        values.json
          ? JSON.stringify(task, null, 2)
          : `Started message move task ${task.taskHandle} (${task.status ?? 'RUNNING'}, about ` +
              `${task.approximateNumberOfMessagesToMove ?? '?'} message(s)) from ${task.from} to ${task.to}.`,
      );
      return 0;
    });
  },
});
