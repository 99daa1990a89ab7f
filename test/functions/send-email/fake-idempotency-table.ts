import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClientResolvedConfig,
  GetItemCommand,
  PutItemCommand,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AwsStub } from 'aws-sdk-client-mock';

type Item = Record<string, AttributeValue>;
type DynamoDbStub = AwsStub<ServiceInputTypes, ServiceOutputTypes, DynamoDBClientResolvedConfig>;

/** An idempotency table held in memory, behind a mocked DynamoDB client. */
export interface FakeIdempotencyTable {
  /** The items, by partition key `id`. */
  readonly items: Map<string, Item>;
}

/**
 * Makes a mocked DynamoDB client behave like the Powertools idempotency table, with just
 * the semantics `DynamoDBPersistenceLayer` relies on: `PutItem` with its condition (no item,
 * an expired one, or an IN_PROGRESS one whose in-progress expiry has passed) and
 * `ReturnValuesOnConditionCheckFailure: ALL_OLD`; `UpdateItem` with `SET` of named values;
 * `GetItem`; `DeleteItem`. So tests run the production persistence layer, not a stand-in.
 *
 * @param dynamoDb - the client mock (`mockClient(DynamoDBClient)`), reset by the caller
 */
export function fakeIdempotencyTable(dynamoDb: DynamoDbStub): FakeIdempotencyTable {
  const items = new Map<string, Item>();
  const keyOf = (key: Item | undefined) => String(key?.id?.S);

  dynamoDb.on(PutItemCommand).callsFake((input: { Item: Item }) => {
    const existing = items.get(keyOf(input.Item));
    if (existing !== undefined && !isReplaceable(existing, Date.now())) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: { httpStatusCode: 400 },
        Item: existing,
      });
    }
    items.set(keyOf(input.Item), input.Item);
    return {};
  });
  dynamoDb.on(UpdateItemCommand).callsFake((input) => {
    const item = { ...(items.get(keyOf(input.Key)) ?? input.Key) };
    const assignments = String(input.UpdateExpression).replace(/^SET /, '').split(', ');
    for (const assignment of assignments) {
      const [name = '', value = ''] = assignment.split(' = ');
      item[input.ExpressionAttributeNames[name]] = input.ExpressionAttributeValues[value];
    }
    items.set(keyOf(input.Key), item);
    return {};
  });
  dynamoDb.on(GetItemCommand).callsFake((input) => ({ Item: items.get(keyOf(input.Key)) }));
  dynamoDb.on(DeleteItemCommand).callsFake((input) => {
    items.delete(keyOf(input.Key));
    return {};
  });
  return { items };
}

function isReplaceable(item: Item, nowMillis: number): boolean {
  const expiresAt = Number(item.expiration?.N);
  if (expiresAt < nowMillis / 1000) return true;
  const inProgressExpiresAt = item.in_progress_expiration?.N;
  return (
    item.status?.S === 'INPROGRESS' &&
    inProgressExpiresAt !== undefined &&
    Number(inProgressExpiresAt) < nowMillis
  );
}

/**
 * Reads a stored record's status and result.
 *
 * @param item - an item of the fake table
 */
export function readRecord(item: Item | undefined) {
  return {
    status: item?.status?.S,
    data: item?.data?.M,
    expiration: Number(item?.expiration?.N),
    inProgressExpiration: Number(item?.in_progress_expiration?.N),
  };
}
