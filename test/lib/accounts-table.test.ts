import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesizeStack } from './stack-fixture.js';

const { stack, template } = synthesizeStack();
const tableId = logicalIdOf(stack.accountsTable);

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every statement that names a DynamoDB action, with the roles its policy is attached to. */
function dynamoDbStatements() {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => {
    const { PolicyDocument, Roles } = policy.Properties as {
      PolicyDocument: { Statement: Statement[] };
      Roles: unknown;
    };
    return PolicyDocument.Statement.filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith('dynamodb:')),
    ).map((statement) => ({ ...statement, roles: Roles }));
  });
}

const signupRole = [{ Ref: logicalIdOf(stack.signupApi.handler.role ?? stack.signupApi.handler) }];

describe('the accounts table', () => {
  it('is keyed by the address, billed on demand, encrypted and recoverable to a point in time', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'emailKey', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'emailKey', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('is named to the API function in ACCOUNTS_TABLE', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ACCOUNTS_TABLE: { Ref: tableId } }) },
    });
  });

  it('lets the API function only get and update items in it', () => {
    const onAccounts = dynamoDbStatements().filter(
      (statement) =>
        JSON.stringify(statement.roles) === JSON.stringify(signupRole) &&
        JSON.stringify(statement.Resource).includes(tableId),
    );

    expect(onAccounts).toHaveLength(1);
    expect([onAccounts[0]?.Action].flat().sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
    ]);
    expect(onAccounts[0]?.Resource).toEqual({ 'Fn::GetAtt': [tableId, 'Arn'] });
  });

  it('gives the API function no DynamoDB action on any other table', () => {
    const others = dynamoDbStatements().filter(
      (statement) =>
        JSON.stringify(statement.roles) === JSON.stringify(signupRole) &&
        !JSON.stringify(statement.Resource).includes(tableId),
    );

    expect(others).toEqual([]);
  });
});
