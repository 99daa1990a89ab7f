import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from './client-config.js';

/**
 * Creates the signup function's accounts table in the DynamoDB emulator, keyed as the
 * deployed one (`lib/signup-mailer-stack.ts`): partition key `emailKey` (string), on-demand.
 *
 * @param endpoint - the DynamoDB emulator's endpoint
 * @param region - the region the emulators pretend to be in
 * @param tableName - the table's name (the functions' `ACCOUNTS_TABLE`)
 * @throws the SDK's error when the emulator refuses the table
 */
export function createAccountsTable(endpoint: string, region: string, tableName: string) {
  return createTable(endpoint, region, tableName, 'emailKey');
}

/**
 * Creates the worker's idempotency table in the DynamoDB emulator, keyed as the deployed one
 * and as Powertools' `DynamoDBPersistenceLayer` expects: partition key `id` (string).
 *
 * @param endpoint - the DynamoDB emulator's endpoint
 * @param region - the region the emulators pretend to be in
 * @param tableName - the table's name (the worker's `IDEMPOTENCY_TABLE`)
 * @throws the SDK's error when the emulator refuses the table
 */
export function createIdempotencyTable(endpoint: string, region: string, tableName: string) {
  return createTable(endpoint, region, tableName, 'id');
}

/**
 * Creates an on-demand table keyed by one string partition key. The deployed tables' TTL
 * attributes are left out: dynalite has no TTL, a local run does not live long enough for
 * pending accounts to expire, and Powertools treats an expired record as absent anyway.
 */
async function createTable(
  endpoint: string,
  region: string,
  tableName: string,
  partitionKey: string,
): Promise<void> {
  const client = new DynamoDBClient(localClientConfig(endpoint, region));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } finally {
    client.destroy();
  }
}
