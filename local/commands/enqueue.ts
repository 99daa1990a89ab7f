/** `npm run enqueue`: one hand-made email job on the queue; see `--help`. */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { emailTemplates } from '../../emails/templates.js';
import { toQueueMessage } from '../../functions/commons/email-job.js';
import { buildHandMadeJob } from '../operations/hand-made-job.js';
import {
  queueTargetEnvironment,
  queueTargetOptions,
  withQueueTarget,
} from '../operations/queue-target.js';
import { runCommand } from './command.js';

runCommand({
  name: 'enqueue',
  usage:
    "-- --template <name> --to <address> [--name <name>] [--locale <locale>] [--props '<JSON>'] [--stack <name>] [--region <region>] [--json]",
  description: [
    'Puts one hand-made email job on the email job queue and prints its id. It is checked first',
    'as the worker will check it (a registered template, props its schema accepts, a recipient',
    'the API would accept); a job that does not fit is not queued, and the reasons are printed.',
    'Without --stack, the local stack’s queue (npm start).',
  ].join('\n'),
  options: {
    template: {
      type: 'string',
      value: '<name>',
      description: `one of ${Object.keys(emailTemplates).join(', ')} (emails/templates.ts)`,
    },
    to: { type: 'string', value: '<address>', description: 'the recipient' },
    name: {
      type: 'string',
      value: '<name>',
      description: "the recipient's display name, and the props' name unless --props gives one",
    },
    locale: { type: 'string', value: '<locale>', description: "the props' locale (en, de)" },
    props: {
      type: 'string',
      value: "'<JSON>'",
      description: 'the template\'s props as a JSON object, e.g. \'{"name":"Ann"}\'',
    },
    ...queueTargetOptions,
  },
  environment: queueTargetEnvironment,
  async run(values) {
    // Checked as the target's worker checks it: the local stack's mails the example domains.
    if (values.stack === undefined) process.env.ALLOW_EXAMPLE_RECIPIENTS = 'true';
    const built = buildHandMadeJob(values);
    if (!built.ok) {
      console.error(
        ['The job was not queued:', ...built.problems.map((line) => `  ${line}`)].join('\n'),
      );
      return 1;
    }
    return withQueueTarget(values, async (target) => {
      const { MessageId } = await target.client.send(
        new SendMessageCommand({ QueueUrl: target.queueUrl, ...toQueueMessage(built.job) }),
      );
      console.log(
        values.json
          ? JSON.stringify({ jobId: built.job.id, messageId: MessageId, queueUrl: target.queueUrl })
          : `Queued job ${built.job.id} (${built.job.template}) on ${target.queueUrl}`,
      );
      return 0;
    });
  },
});
