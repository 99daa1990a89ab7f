import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Creates an on-demand table keyed by one string partition key in the DynamoDB emulator.
 * Deployed tables' TTL attributes are left out: dynalite has no TTL.
 *
 * @throws the SDK's error when the emulator refuses the table
 */
async function createLocalTable(
  endpoint: string,
  region: string,
  tableName: string,
  partitionKey: string,
): Promise<void> {
  const client = new DynamoDBClient({
    region,
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
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

/**
 * Creates the signup function's accounts table in the DynamoDB emulator, with the key schema
 * the deployed table has (`lib/signup-mailer-stack.ts`): partition key `emailKey` (string),
 * on-demand. The deployed table's TTL on `expiresAt` is left out: dynalite has no TTL, and a
 * local run does not live long enough for pending accounts to expire.
 *
 * @param endpoint - the DynamoDB emulator's endpoint
 * @param region - the region the emulators pretend to be in
 * @param tableName - the table's name (the signup function's `ACCOUNTS_TABLE`)
 * @throws the SDK's error when the emulator refuses the table
 */
export function createAccountsTable(
  endpoint: string,
  region: string,
  tableName: string,
): Promise<void> {
  return createLocalTable(endpoint, region, tableName, 'emailKey');
}

/**
 * Creates the worker's idempotency table in the DynamoDB emulator, with the key schema the
 * deployed table has and Powertools' `DynamoDBPersistenceLayer` expects: partition key `id`
 * (string), on-demand. The deployed table's TTL on `expiration` is left out: dynalite has no
 * TTL, and Powertools treats an expired record as absent anyway.
 *
 * @param endpoint - the DynamoDB emulator's endpoint
 * @param region - the region the emulators pretend to be in
 * @param tableName - the table's name (the worker's `IDEMPOTENCY_TABLE`)
 * @throws the SDK's error when the emulator refuses the table
 */
export function createIdempotencyTable(
  endpoint: string,
  region: string,
  tableName: string,
): Promise<void> {
  return createLocalTable(endpoint, region, tableName, 'id');
}
