/**
 * `npm run dlq [-- --stack SignupMailer-dev] [--region eu-west-1] [--json]`: lists the messages
 * in the email DLQ with why each is there, without removing any. Without `--stack`, the
 * local stack's DLQ (`npm start` running; `SQS_PORT`, default 9324).
 */

import {
  countByReason,
  describeDeadLetter,
  formatDeadLetterTable,
  peekMessages,
} from '../operations/dead-letters.js';
import { resolveQueueTarget } from '../operations/queue-target.js';
import { describeCliFailure, readCliOptions } from './cli-options.js';

const usage = 'Usage: npm run dlq [-- --stack <name>] [--region <region>] [--json]';

async function main(): Promise<number> {
  const options = readCliOptions(process.argv.slice(2));
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const target = await resolveQueueTarget(options);
  try {
    const rows = (await peekMessages(target.client, target.dlqUrl)).map(describeDeadLetter);
    if (options.json) {
      console.log(
        JSON.stringify({ dlqUrl: target.dlqUrl, count: rows.length, messages: rows }, null, 2),
      );
      return 0;
    }
    console.log(`DLQ ${target.dlqUrl}: ${rows.length} message(s)`);
    if (rows.length === 0) return 0;
    console.log(`\n${formatDeadLetterTable(rows)}\n`);
    for (const [reason, count] of countByReason(rows)) console.log(`  ${count}  ${reason}`);
    console.log('\nnpm run redrive moves them back to the queue once the cause is fixed.');
    return 0;
  } finally {
    target.client.destroy();
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(describeCliFailure('dlq', error));
    process.exit(1);
  },
);
