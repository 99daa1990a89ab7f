import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localClientConfig } from '../emulators/client-config.js';
import { resolveLocalhostSubdomains } from '../emulators/localhost-dns.js';
import { localQueueName, readQueueArn } from '../emulators/queues.js';
import { readPort } from '../servers.js';

/** The email job queue and its DLQ, with the client to reach them. */
export interface QueueTarget {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
  /** Whether these are the local stack's queues (fauxqs), not a deployed stack's. */
  readonly isLocal: boolean;
}

/** Where to find the queues: a deployed stack by name, else the local stack. */
export interface QueueTargetOptions {
  /** CloudFormation stack name, e.g. `SignupMailer-dev`; unset means the local stack. */
  readonly stack?: string | undefined;
  /** AWS region of the stack; the SDK's default chain when unset. */
  readonly region?: string | undefined;
  /** Port of the local SQS emulator. @default 9324 (`SQS_PORT`) */
  readonly sqsPort?: number | undefined;
}

/** The options of `npm run dlq`, `redrive` and `enqueue` that say where their queue is. */
export const queueTargetOptions = {
  stack: {
    type: 'string',
    value: '<name>',
    description: 'a deployed stack, e.g. SignupMailer-dev, instead of the local stack',
  },
  region: {
    type: 'string',
    value: '<region>',
    description: "the deployed stack's region (else AWS_REGION or your AWS profile's)",
  },
  json: {
    type: 'boolean',
    description: 'print the outcome as one JSON object, for scripts (the same fields as the text)',
  },
} as const;

/** The variables those commands read. */
export const queueTargetEnvironment = {
  SQS_PORT: "port of the local stack's SQS emulator, without --stack (default 9324)",
  AWS_REGION: "the deployed stack's region, with --stack and no --region",
  'AWS_PROFILE etc.': 'your AWS credentials, with --stack (the AWS SDK reads them)',
} as const;

/**
 * Where the queue commands act: the stack named on the command line, in the region given
 * (else `AWS_REGION`), or the local stack on `SQS_PORT` (default 9324).
 *
 * @param values - `--stack` and `--region` as read
 * @param env - the environment, for `SQS_PORT` and `AWS_REGION`
 * @throws ConfigurationError when `SQS_PORT` is not a port
 */
export function toQueueTargetOptions(
  values: { readonly stack?: string | undefined; readonly region?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): QueueTargetOptions {
  return {
    stack: values.stack,
    region: values.region ?? (values.stack === undefined ? undefined : env.AWS_REGION),
    sqsPort: readPort('SQS_PORT', 9324, env),
  };
}

/**
 * Runs a queue command's work on the queues its command line names (see
 * {@link toQueueTargetOptions}), destroying the client after.
 *
 * @param values - `--stack` and `--region` as read
 * @param work - what to do with the queues
 * @returns what the work returns
 */
export async function withQueueTarget<T>(
  values: { readonly stack?: string | undefined; readonly region?: string | undefined },
  work: (target: QueueTarget) => Promise<T>,
): Promise<T> {
  const target = await resolveQueueTarget(toQueueTargetOptions(values));
  try {
    return await work(target);
  } finally {
    target.client.destroy();
  }
}

/** Stack outputs that hold the queue URLs (`lib/signup-mailer-stack.ts`). */
export const stackOutputNames = { queueUrl: 'QueueUrl', dlqUrl: 'DeadLetterQueueUrl' } as const;

/**
 * Finds the email job queue and its DLQ: from a deployed stack's CloudFormation outputs
 * (`QueueUrl`, `DeadLetterQueueUrl`) with the default credentials, or in the local stack's
 * SQS emulator by name.
 *
 * @param options - stack name and region, or the local port
 * @returns URLs, ARNs and the client
 * @throws Error when the stack lacks an output or a queue does not exist
 */
export async function resolveQueueTarget(options: QueueTargetOptions): Promise<QueueTarget> {
  if (options.stack !== undefined) {
    const client = new SQSClient(options.region ? { region: options.region } : {});
    const outputs = await readStackOutputs(options.stack, options.region);
    const queueUrl = requireOutput(outputs, stackOutputNames.queueUrl, options.stack);
    const dlqUrl = requireOutput(outputs, stackOutputNames.dlqUrl, options.stack);
    return { client, ...(await readArns(client, queueUrl, dlqUrl)), isLocal: false };
  }
  // fauxqs queue URLs name `sqs.<region>.localhost`, which this machine does not resolve.
  resolveLocalhostSubdomains();
  const region = options.region ?? 'us-east-1';
  const client = new SQSClient(
    localClientConfig(`http://sqs.${region}.localhost:${options.sqsPort ?? 9324}`, region),
  );
  const urlOf = async (name: string) => {
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: name }));
    if (QueueUrl === undefined) throw new Error(`No queue ${name} in the local stack`);
    return QueueUrl;
  };
  const [queueUrl, dlqUrl] = await Promise.all([
    urlOf(localQueueName),
    urlOf(`${localQueueName}-dlq`),
  ]);
  return { client, ...(await readArns(client, queueUrl, dlqUrl)), isLocal: true };
}

/**
 * Reads a stack's outputs as a map from output key to value (CloudFormation
 * `DescribeStacks`), with the default credentials.
 *
 * @param stackName - the CloudFormation stack
 * @param region - its region, or the default chain's
 */
export async function readStackOutputs(
  stackName: string,
  region: string | undefined,
): Promise<Map<string, string>> {
  // Imported here: the local stack's commands never load it.
  const { CloudFormationClient, DescribeStacksCommand } = await import(
    '@aws-sdk/client-cloudformation'
  );
  const client = new CloudFormationClient(region ? { region } : {});
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = Stacks?.[0]?.Outputs ?? [];
    return new Map(outputs.map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']));
  } finally {
    client.destroy();
  }
}

/** @throws Error naming the stack and the output when the stack lacks it */
export function requireOutput(
  outputs: Map<string, string>,
  name: string,
  stackName: string,
): string {
  const value = outputs.get(name);
  if (!value) throw new Error(`Stack ${stackName} has no output ${name}`);
  return value;
}

async function readArns(client: SQSClient, queueUrl: string, dlqUrl: string) {
  const [queueArn, dlqArn] = await Promise.all([
    readQueueArn(client, queueUrl),
    readQueueArn(client, dlqUrl),
  ]);
  return { queueUrl, queueArn, dlqUrl, dlqArn };
}
