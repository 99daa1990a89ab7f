// Adds the aws-sdk-client-mock matchers (toHaveReceivedCommandWith, ...) to vitest's expect.
import 'aws-sdk-client-mock-jest/vitest';

// The tests run as the local stack does, which accepts recipients in the domains reserved for
// examples (ann@example.com); a test of a deployed stack's refusal stubs it to 'false'.
process.env.ALLOW_EXAMPLE_RECIPIENTS = 'true';
