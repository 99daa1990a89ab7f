/**
 * `npm run enqueue -- --template welcome --to ann@example.com --props '{"name":"Ann"}'`: puts
 * one hand-made email job on the email job queue, checked against the template registry and
 * the queue contract first, and prints its id (or, when it does not fit, why, and queues
 * nothing). Without `--stack`, the local stack's queue (`npm start` running; `SQS_PORT`,
 * default 9324).
 */

import { parseArgs } from 'node:util';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { emailTemplates } from '../../emails/templates.js';
import { toQueueMessage } from '../../functions/commons/email-job.js';
import { buildHandMadeJob } from '../operations/hand-made-job.js';
import { resolveQueueTarget } from '../operations/queue-target.js';
import { describeCliFailure, sharedCliOptions, toCliOptions } from './cli-options.js';

const usage = `Usage: npm run enqueue -- --template <name> --to <address> [--name <name>]
         [--locale <locale>] [--props '<JSON object>'] [--stack <name>] [--region <region>] [--json]
  --template  one of ${Object.keys(emailTemplates).join(', ')} (emails/templates.ts)
  --to        the recipient, held to the API's address rule
  --name      the recipient's display name, and the props' name unless --props gives one
  --locale    the props' locale (en, de)
  --props     the template's props as a JSON object, e.g. '{"name":"Ann"}'
  --stack     a deployed stack's queue (its QueueUrl output) instead of the local stack's`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      ...sharedCliOptions,
      template: { type: 'string' },
      to: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
      props: { type: 'string' },
    },
  });
  const options = toCliOptions(values);
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const built = buildHandMadeJob(values);
  if (!built.ok) {
    console.error(
      ['The job was not queued:', ...built.problems.map((line) => `  ${line}`)].join('\n'),
    );
    return 1;
  }
  const target = await resolveQueueTarget(options);
  try {
    const { MessageId } = await target.client.send(
      new SendMessageCommand({ QueueUrl: target.queueUrl, ...toQueueMessage(built.job) }),
    );
    if (options.json) {
      console.log(
        JSON.stringify({ jobId: built.job.id, messageId: MessageId, queueUrl: target.queueUrl }),
      );
    } else {
      console.log(`Queued job ${built.job.id} (${built.job.template}) on ${target.queueUrl}`);
    }
    return 0;
  } finally {
    target.client.destroy();
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(describeCliFailure('enqueue', error));
    process.exit(1);
  },
);
