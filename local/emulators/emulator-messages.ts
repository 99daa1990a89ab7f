/** The emulators the local stack can run, each in its own process. */
export type EmulatorName = 'sqs' | 'ses' | 'dynamodb';

/** What the parent asks an emulator process to start. */
export interface EmulatorRequest {
  readonly emulator: EmulatorName;
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Region the SQS emulator's queue URLs name. */
  readonly region: string;
  /** SES only: send an `email` message for each email stored. */
  readonly reportEmails: boolean;
  /** SES only: drop the stored emails' bodies (see `watchSesStore`). */
  readonly dropEmailBodies: boolean;
}

/** What an emulator process tells its parent. */
export type EmulatorMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'email'; readonly to: readonly string[]; readonly at: number };

const emulatorNames: readonly string[] = ['sqs', 'ses', 'dynamodb'] satisfies EmulatorName[];

/**
 * Narrows an IPC message to an {@link EmulatorRequest}.
 *
 * @param message - what arrived over IPC
 * @returns the request, or undefined when the message is not one
 */
export function readEmulatorRequest(message: unknown): EmulatorRequest | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const request = message as Record<string, unknown>;
  if (typeof request.emulator !== 'string' || !emulatorNames.includes(request.emulator)) {
    return undefined;
  }
  if (typeof request.port !== 'number' || typeof request.region !== 'string') return undefined;
  return {
    emulator: request.emulator as EmulatorName,
    port: request.port,
    region: request.region,
    reportEmails: request.reportEmails === true,
    dropEmailBodies: request.dropEmailBodies === true,
  };
}

/**
 * Narrows an IPC message to an {@link EmulatorMessage}.
 *
 * @param message - what arrived over IPC
 * @returns the message, or undefined when it is not one
 */
export function readEmulatorMessage(message: unknown): EmulatorMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const value = message as Record<string, unknown>;
  if (value.type === 'ready' && typeof value.port === 'number') {
    return { type: 'ready', port: value.port };
  }
  if (value.type === 'failed') return { type: 'failed', error: String(value.error) };
  if (value.type === 'email' && Array.isArray(value.to) && typeof value.at === 'number') {
    return { type: 'email', to: value.to.map(String), at: value.at };
  }
  return undefined;
}
