// Adds the aws-sdk-client-mock matchers (toHaveReceivedCommandWith, ...) to vitest's expect.
import 'aws-sdk-client-mock-jest/vitest';
