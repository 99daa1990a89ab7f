/** `npm run dlq`: the email DLQ's messages, each with why it is there; see `--help`. */
import {
  countByReason,
  describeDeadLetter,
  formatDeadLetterTable,
  peekMessages,
} from '../operations/dead-letters.js';
import {
  queueTargetEnvironment,
  queueTargetOptions,
  withQueueTarget,
} from '../operations/queue-target.js';
import { runCommand } from './command.js';

runCommand({
  name: 'dlq',
  usage: '[-- --stack <name>] [--region <region>] [--json]',
  description: [
    'Lists the messages in the email DLQ with why each is there (job id, attempts, first seen,',
    "the worker's reason code such as retries-exhausted or render-failed, the error), then",
    'counts them by reason, without removing any. --json prints the same as one JSON object',
    '(messages with their body). Without --stack, the local stack (npm start) is read.',
  ].join('\n'),
  options: queueTargetOptions,
  environment: queueTargetEnvironment,
  run: (values) =>
    withQueueTarget(values, async (target) => {
      const rows = (await peekMessages(target.client, target.dlqUrl)).map(describeDeadLetter);
      if (values.json) {
        const listing = { dlqUrl: target.dlqUrl, count: rows.length, messages: rows };
        console.log(JSON.stringify(listing, null, 2));
        return 0;
      }
      console.log(`DLQ ${target.dlqUrl}: ${rows.length} message(s)`);
      if (rows.length === 0) return 0;
      console.log(`\n${formatDeadLetterTable(rows)}\n`);
      for (const [reason, count] of countByReason(rows)) console.log(`  ${count}  ${reason}`);
      console.log('\nnpm run redrive moves them back to the queue once the cause is fixed.');
      return 0;
    }),
});
