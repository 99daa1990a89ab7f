import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

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
export async function createIdempotencyTable(
  endpoint: string,
  region: string,
  tableName: string,
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
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } finally {
    client.destroy();
  }
}
