import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { createAccountsTable } from '../../../local/emulators/tables.js';

/** A DynamoDB emulator with an accounts table, for tests of the conditional writes. */
export interface DynaliteAccountsTable {
  /** The emulator's endpoint, for `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  readonly tableName: string;
  /** Stops the emulator. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite (in memory, tables ACTIVE at once) on a free port and creates an accounts
 * table in it, as the local stack does.
 *
 * @param tableName - the table's name
 */
export async function startDynaliteAccountsTable(
  tableName = 'accounts',
): Promise<DynaliteAccountsTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await createAccountsTable(endpoint, 'us-east-1', tableName);
  return {
    endpoint,
    tableName,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
