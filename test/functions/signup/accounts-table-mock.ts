import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { Account } from '../../../functions/signup/accounts/account-store.js';

/** The accounts table the signup tests configure (`ACCOUNTS_TABLE`). */
export const testAccountsTable = 'signup-mailer-accounts-test';

/** The stub of the document client the signup function writes accounts through. */
export type DocumentClientStub = AwsClientStub<DynamoDBDocumentClient>;

/**
 * Builds an account item as the table holds it.
 *
 * @param overrides - attributes to replace
 */
export function makeAccount(overrides: Partial<Account> = {}): Account {
  const email = overrides.email ?? 'ann@example.com';
  return {
    emailKey: email.toLowerCase(),
    email,
    name: 'Ann',
    locale: 'en',
    status: 'pending',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The error DynamoDB answers when a write's `ConditionExpression` is false. */
export function makeConditionFailure(): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: { httpStatusCode: 400 },
  });
}

/**
 * Answers every `UpdateItem` as DynamoDB does for an address it has never seen: the signup's
 * claim passes, and a confirmation (which asks for `ALL_NEW`) gets back the account it
 * confirmed; a read finds the account pending. For tests about something else than the
 * accounts table.
 *
 * @param ddb - the document client stub, reset by the caller
 */
export function acceptEveryAccountWrite(ddb: DocumentClientStub): void {
  ddb.on(GetCommand).callsFake((input: GetCommand['input']) => ({
    Item: makeAccount({ email: String(input.Key?.emailKey) }),
  }));
  ddb.on(UpdateCommand).callsFake((input: UpdateCommand['input']) => {
    if (input.ReturnValues !== 'ALL_NEW') return {};
    const email = String(input.Key?.emailKey);
    return {
      Attributes: makeAccount({
        email,
        status: 'confirmed',
        confirmedAt: new Date().toISOString(),
      }),
    };
  });
}
