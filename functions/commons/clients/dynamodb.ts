import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tracer } from './tracer.js';

/**
 * The DynamoDB client, created once per container. Region, credentials and endpoint come
 * from the SDK's standard chain (`AWS_ENDPOINT_URL_DYNAMODB` points it at a local
 * emulator), so the local stack needs no code path of its own.
 * Traced with X-Ray in Lambda (see `tracer.ts`).
 */
export const dynamoDbClient = tracer.captureAWSv3Client(new DynamoDBClient({}));
