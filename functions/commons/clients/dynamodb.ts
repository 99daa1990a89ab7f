import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The DynamoDB client, created once per container. Region, credentials and endpoint come
 * from the SDK's standard chain (`AWS_ENDPOINT_URL_DYNAMODB` points it at a local
 * emulator), so the local stack needs no code path of its own.
 */
export const dynamoDbClient = new DynamoDBClient({});
