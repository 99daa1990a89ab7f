import { SQSClient } from '@aws-sdk/client-sqs';
import { tracer } from './tracer.js';

/**
 * The SQS client, created once per container. Region, credentials and endpoint come
 * from the SDK's standard chain (`AWS_REGION`, `AWS_ENDPOINT_URL_SQS`, ...), so the
 * local stack needs no code path of its own.
 * Traced with X-Ray in Lambda (see `tracer.ts`).
 */
export const sqsClient = tracer.captureAWSv3Client(new SQSClient({}));
