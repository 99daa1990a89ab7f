import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  type AttributeValue,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { localClientConfig } from '../../../local/emulators/client-config.js';

/** dynalite with an accounts table (key `emailKey`) and an idempotency table (key `id`). */
export interface DynaliteTables {
  /** For `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  /** Puts an account item, as the signup function leaves a pending one. */
  putAccount(email: string, extra?: Record<string, AttributeValue>): Promise<void>;
  /** Reads an account item by its key. */
  getAccount(emailKey: string): Promise<Record<string, AttributeValue> | undefined>;
  stop(): Promise<void>;
}

/**
 * Starts dynalite (in memory) on a free port with the two tables the worker and the feedback
 * function use, so conditional writes run against DynamoDB's own expression semantics.
 *
 * @param accountsTable - the accounts table's name
 * @param idempotencyTable - the idempotency table's name
 */
export async function startDynaliteTables(
  accountsTable: string,
  idempotencyTable: string,
): Promise<DynaliteTables> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient(localClientConfig(endpoint));
  for (const [TableName, key] of [
    [accountsTable, 'emailKey'],
    [idempotencyTable, 'id'],
  ] as const) {
    await client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  }
  return {
    endpoint,
    async putAccount(email, extra = {}) {
      await client.send(
        new PutItemCommand({
          TableName: accountsTable,
          Item: {
            emailKey: { S: email.toLowerCase() },
            email: { S: email },
            status: { S: 'pending' },
            createdAt: { S: '2026-11-29T09:59:00.000Z' },
            expiresAt: { N: '1796000000' },
            ...extra,
          },
        }),
      );
    },
    async getAccount(emailKey) {
      const output = await client.send(
        new GetItemCommand({ TableName: accountsTable, Key: { emailKey: { S: emailKey } } }),
      );
      return output.Item;
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Reads a recorded SES event from `test/fixtures/ses-events/`, as EventBridge delivers it.
 *
 * @param name - the fixture, e.g. `bounce-permanent`
 */
export function readSesEventFixture(name: string): Record<string, unknown> {
  const url = new URL(`../../fixtures/ses-events/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}
