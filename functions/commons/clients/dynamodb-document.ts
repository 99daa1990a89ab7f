import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbClient } from './dynamodb.js';

/**
 * The DynamoDB document client, created once per container over {@link dynamoDbClient}: it
 * marshals plain JavaScript values to attribute values and back. `undefined` members are
 * dropped rather than refused, so an optional field can be spread into an item as it is.
 * The endpoint comes from the SDK's standard chain (`AWS_ENDPOINT_URL_DYNAMODB`).
 */
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
