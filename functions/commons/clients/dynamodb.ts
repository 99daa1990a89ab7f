import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dependencyClientConfig } from './client-config.js';
import { tracer } from './tracer.js';

/** The DynamoDB client, once per container; the SDK's chain gives its endpoint (`AWS_ENDPOINT_URL_DYNAMODB` locally). */
export const dynamoDbClient = tracer.captureAWSv3Client(new DynamoDBClient(dependencyClientConfig));
