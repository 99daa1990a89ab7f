import { describe, expect, it } from 'vitest';
import {
  readEmulatorMessage,
  readEmulatorRequest,
} from '../../../local/emulators/emulator-messages.js';

const createRequest = (overrides: Record<string, unknown> = {}) => ({
  emulator: 'ses',
  port: 0,
  region: 'eu-west-1',
  reportEmails: true,
  dropEmailBodies: false,
  ...overrides,
});

describe('readEmulatorRequest', () => {
  it('reads a request to start an emulator', () => {
    // Act
    const request = readEmulatorRequest(createRequest());

    // Assess
    expect(request).toEqual({
      emulator: 'ses',
      port: 0,
      region: 'eu-west-1',
      reportEmails: true,
      dropEmailBodies: false,
    });
  });

  it('takes a missing email flag as no', () => {
    // Prepare
    const { reportEmails: _, ...withoutFlag } = createRequest({ emulator: 'sqs' });

    // Act
    const request = readEmulatorRequest(withoutFlag);

    // Assess
    expect(request?.reportEmails).toBe(false);
  });

  it.each([
    ['an unknown emulator', createRequest({ emulator: 'sns' })],
    ['a port that is not a number', createRequest({ port: '9324' })],
    ['no region', createRequest({ region: undefined })],
    ['not an object', 'start ses'],
  ])('refuses %s', (_, message) => {
    // Act
    const request = readEmulatorRequest(message);

    // Assess
    expect(request).toBeUndefined();
  });
});

describe('readEmulatorMessage', () => {
  it('reads the port of an emulator that is ready', () => {
    // Act
    const message = readEmulatorMessage({ type: 'ready', port: 4567 });

    // Assess
    expect(message).toEqual({ type: 'ready', port: 4567 });
  });

  it('reads a stored email with its recipients and time', () => {
    // Act
    const message = readEmulatorMessage({ type: 'email', to: ['a@example.com'], at: 12.5 });

    // Assess
    expect(message).toEqual({ type: 'email', to: ['a@example.com'], at: 12.5 });
  });

  it('reads a failure as text', () => {
    // Act
    const message = readEmulatorMessage({ type: 'failed', error: 'EADDRINUSE' });

    // Assess
    expect(message).toEqual({ type: 'failed', error: 'EADDRINUSE' });
  });

  it.each([
    ['a ready message without a port', { type: 'ready' }],
    ['an email without a time', { type: 'email', to: ['a@example.com'] }],
    ['an unknown type', { type: 'log', text: 'hello' }],
    ['null', null],
  ])('ignores %s', (_, value) => {
    // Act
    const message = readEmulatorMessage(value);

    // Assess
    expect(message).toBeUndefined();
  });
});
