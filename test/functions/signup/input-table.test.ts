import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { emailJobSchema } from '../../../functions/commons/email-job.js';
import { addressCases } from './input-cases/address-cases.js';
import { contentTypeCases, jsonCases, sizeCases } from './input-cases/body-cases.js';
import { eventShapeCases } from './input-cases/event-shape-cases.js';
import type { InputCase } from './input-cases/input-case.js';
import { nameCases } from './input-cases/name-cases.js';
import { prepareSignupHandler } from './signup-test-setup.js';

const { sqs, handler } = prepareSignupHandler();

const tables: [string, InputCase[]][] = [
  ['event shapes', eventShapeCases],
  ['JSON', jsonCases],
  ['content types', contentTypeCases],
  ['sizes', sizeCases],
  ['addresses', addressCases],
  ['names', nameCases],
];

describe.each(tables)('%s', (_table, cases) => {
  it.each(cases.map((inputCase) => [inputCase.label, inputCase] as const))(
    '%s',
    async (_label, inputCase) => {
      // Act
      const result = await handler(inputCase.event);

      // Assess
      expect(result.statusCode).toBe(inputCase.status);
      if ('queued' in inputCase) {
        const calls = sqs.commandCalls(SendMessageCommand);
        expect(calls).toHaveLength(1);
        const job = emailJobSchema.parse(JSON.parse(calls[0]?.args[0].input.MessageBody ?? ''));
        expect(job.to).toEqual(inputCase.queued);
        expect(JSON.parse(result.body ?? '')).toEqual({ id: job.id, status: 'queued' });
      } else {
        expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
        expect(result.headers?.['content-type']).toBe('application/problem+json');
        expect(JSON.parse(result.body ?? '')).toMatchObject({
          type: `urn:signup-mailer:problem:${inputCase.problem}`,
          status: inputCase.status,
          title: expect.any(String),
          detail: expect.any(String),
        });
      }
    },
  );
});

it('covers at least 60 inputs', () => {
  expect(tables.flatMap(([, cases]) => cases).length).toBeGreaterThanOrEqual(60);
});
