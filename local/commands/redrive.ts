/**
 * `npm run redrive [-- --stack SignupMailer-dev] [--region eu-west-1]`: moves every message of
 * the email DLQ back to the email job queue. In AWS, with SQS's own message move task
 * (`StartMessageMoveTask`); in the local stack, whose emulator lacks it, by receive → send
 * → delete. Redriven jobs that were sent before are not sent again: the worker is idempotent.
 */
import { ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { moveMessages } from '../operations/dead-letters.js';
import { resolveQueueTarget } from '../operations/queue-target.js';
import { describeCliFailure, readCliOptions } from './cli-options.js';

const usage = 'Usage: npm run redrive [-- --stack <name>] [--region <region>] [--json]';

async function main(): Promise<number> {
  const options = readCliOptions(process.argv.slice(2));
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const target = await resolveQueueTarget(options);
  try {
    if (target.isLocal) {
      const moved = await moveMessages(target.client, target.dlqUrl, target.queueUrl);
      print(options.json, { moved, from: target.dlqUrl, to: target.queueUrl });
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
    print(options.json, {
      taskHandle: TaskHandle,
      status: Results[0]?.Status,
      approximateNumberOfMessagesToMove: Results[0]?.ApproximateNumberOfMessagesToMove,
      from: target.dlqArn,
      to: target.queueArn,
    });
    return 0;
  } finally {
    target.client.destroy();
  }
}

function print(json: boolean, result: Record<string, unknown>): void {
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  if ('moved' in result) {
    console.log(
      `Moved ${String(result.moved)} message(s) from ${String(result.from)} to ${String(result.to)}.`,
    );
    return;
  }
  console.log(
    `Started message move task ${String(result.taskHandle)} (${String(result.status ?? 'RUNNING')}, ` +
      `about ${String(result.approximateNumberOfMessagesToMove ?? '?')} message(s)) ` +
      `from ${String(result.from)} to ${String(result.to)}.`,
  );
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(describeCliFailure('redrive', error));
    process.exit(1);
  },
);
