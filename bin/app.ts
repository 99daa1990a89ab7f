#!/usr/bin/env node
// Creates the app and the stack of one stage; deployment choices come from CDK context (see
// lib/stack-context.ts), the account and region from the CDK CLI's credentials, when it has any.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SignupMailerStack } from '../lib/signup-mailer-stack.js';
import { readStackPropsFromContext, stackNameOf } from '../lib/stack-context.js';

const app = new App();
try {
  const props = readStackPropsFromContext(app.node);
  new SignupMailerStack(app, stackNameOf(props.stage), {
    ...props,
    description: `signup-mailer (${props.stage}): queued signup confirmation email (API Gateway, Lambda, SQS, SES v2)`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
} catch (error) {
  // A wrong -c value is the deployer's to fix: the message, not a stack trace around it.
  console.error(`signup-mailer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// The same AWS Solutions checks the tests run, so a deployment cannot skip them.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
