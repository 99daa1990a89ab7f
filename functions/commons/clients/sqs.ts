import { SQSClient } from '@aws-sdk/client-sqs';
import { dependencyClientConfig } from './client-config.js';
import { tracer } from './tracer.js';

/** The SQS client, once per container; the SDK's chain gives its endpoint (`AWS_ENDPOINT_URL_SQS` locally). */
export const sqsClient = tracer.captureAWSv3Client(new SQSClient(dependencyClientConfig));
