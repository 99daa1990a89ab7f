import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbClient } from './dynamodb.js';

/**
 * The DynamoDB document client over {@link dynamoDbClient}: plain values to attribute values
 * and back; `undefined` members are dropped, so an optional field can be spread into an item.
 */
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
