import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Creates the signup function's accounts table in the DynamoDB emulator, with the key schema
 * the deployed table has (`lib/accounts-table.ts`): partition key `emailKey` (string),
 * on-demand. The deployed table's TTL on `expiresAt` is left out: dynalite has no TTL, and a
 * local run does not live long enough for pending accounts to expire.
 *
 * @param endpoint - the DynamoDB emulator's endpoint
 * @param region - the region the emulators pretend to be in
 * @param tableName - the table's name (the signup function's `ACCOUNTS_TABLE`)
 * @throws the SDK's error when the emulator refuses the table
 */
export async function createAccountsTable(
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
        AttributeDefinitions: [{ AttributeName: 'emailKey', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'emailKey', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } finally {
    client.destroy();
  }
}
