import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The SQS client, created once per container. Region, credentials and endpoint come
 * from the SDK's standard chain (`AWS_REGION`, `AWS_ENDPOINT_URL_SQS`, ...), so the
 * local stack needs no code path of its own.
 */
export const sqsClient = new SQSClient({});
