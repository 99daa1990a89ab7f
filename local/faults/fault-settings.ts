import { z } from 'zod';
import { readEnv } from '../../functions/commons/helpers/env.js';

/**
 * Faults the local stack injects, each as a fraction from 0 (never) to 1 (always). All zero
 * is a stack without faults.
 */
export interface FaultSettings {
  /** Fraction of SES `SendEmail` calls answered 429 `TooManyRequestsException`. */
  readonly sesThrottle: number;
  /** Fraction of SES `SendEmail` calls answered 500 `InternalFailure`. */
  readonly sesServerError: number;
  /**
   * Fraction of recipients SES answers 400 `MessageRejected`, drawn per address (not per
   * call), so a rejected recipient stays rejected on every retry, as in SES. An address
   * whose local part contains `+reject` is always rejected.
   */
  readonly sesReject: number;
  /** Fraction of SES calls answered late, by {@link FaultSettings.sesLatencyMs}. */
  readonly sesSlow: number;
  /** Latency added to a slow SES call, in ms. */
  readonly sesLatencyMs: number;
  /**
   * Fraction of idempotency records written COMPLETED after which the worker's process is
   * killed, before its batch response: the common crash window, which must cause no
   * duplicate.
   */
  readonly killAfterRecord: number;
  /**
   * Fraction of emails SES accepts after which the worker's process is killed before it
   * hears the answer, so before the record: the residual window, at most one duplicate each.
   */
  readonly killInResidualWindow: number;
  /** Seed of the random decisions; the same seed replays the same run. */
  readonly seed: number;
}

/** No faults. */
export const noFaults: FaultSettings = {
  sesThrottle: 0,
  sesServerError: 0,
  sesReject: 0,
  sesSlow: 0,
  sesLatencyMs: 0,
  killAfterRecord: 0,
  killInResidualWindow: 0,
  seed: 1,
};

/** Whether any fault needs the worker in its own killable process. */
export function needsKillableWorker(faults: FaultSettings): boolean {
  return faults.killAfterRecord > 0 || faults.killInResidualWindow > 0;
}

/** Whether any fault is on. */
export function hasAnyFault(faults: FaultSettings): boolean {
  return hasSesFaults(faults) || needsKillableWorker(faults);
}

/**
 * Describes the faults in force in one line, e.g. `SES throttle 10%, worker kills after
 * record 2%, seed 42`.
 *
 * @param faults - the settings
 */
export function describeFaults(faults: FaultSettings): string {
  const percent = (fraction: number) => `${Number((fraction * 100).toFixed(2))}%`;
  const parts = [
    ['SES throttle', faults.sesThrottle],
    ['SES 5xx', faults.sesServerError],
    ['SES reject', faults.sesReject],
    ['worker kills after record', faults.killAfterRecord],
    ['worker kills in residual window', faults.killInResidualWindow],
  ]
    .filter((part): part is [string, number] => Number(part[1]) > 0)
    .map(([name, fraction]) => `${name} ${percent(fraction)}`);
  if (faults.sesSlow > 0 && faults.sesLatencyMs > 0) {
    parts.push(`SES +${faults.sesLatencyMs} ms on ${percent(faults.sesSlow)}`);
  }
  return [...parts, `seed ${faults.seed}`].join(', ');
}

/** Whether the SES side needs the fault proxy at all. */
export function hasSesFaults(faults: FaultSettings): boolean {
  return faults.sesThrottle + faults.sesServerError + faults.sesReject + faults.sesSlow > 0;
}

const fraction = z.coerce.number().min(0).max(1);

const faultSettingsShape = {
  sesThrottle: fraction,
  sesServerError: fraction,
  sesReject: fraction,
  sesSlow: fraction,
  sesLatencyMs: z.coerce.number().int().min(0).max(60_000),
  killAfterRecord: fraction,
  killInResidualWindow: fraction,
  seed: z.coerce.number().int(),
};

const faultSettingsSchema = z
  .object(faultSettingsShape)
  .refine((faults) => faults.sesThrottle + faults.sesServerError <= 1, {
    message: 'sesThrottle + sesServerError must be at most 1',
  });

/**
 * Completes and checks fault settings given as options of `startLocalStack`.
 *
 * @param faults - the faults to inject; missing ones are off
 * @returns the complete settings
 * @throws RangeError naming the setting out of range
 */
export function resolveFaultSettings(faults: Partial<FaultSettings> = {}): FaultSettings {
  const result = faultSettingsSchema.safeParse({ ...noFaults, ...faults });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new RangeError(`Invalid fault settings: ${problems.join('; ')}`);
}

/** The fault switches of `npm start`: the setting each sets, and what it does. */
export const faultVariables = {
  FAULT_SES_THROTTLE: [
    'sesThrottle',
    'fraction of SendEmail calls answered 429 TooManyRequestsException',
  ],
  FAULT_SES_5XX: ['sesServerError', 'fraction answered 500 InternalFailure'],
  FAULT_SES_REJECT: [
    'sesReject',
    'fraction of recipients answered 400 MessageRejected, on every retry',
  ],
  FAULT_SES_LATENCY_MS: ['sesLatencyMs', 'latency added to slow SES calls, in ms'],
  FAULT_SES_SLOW: ['sesSlow', 'fraction of SES calls made slow (default 1 when a latency is set)'],
  FAULT_KILL_AFTER_RECORD: [
    'killAfterRecord',
    'fraction of sends recorded after which the worker is killed',
  ],
  FAULT_KILL_IN_RESIDUAL_WINDOW: [
    'killInResidualWindow',
    'fraction of accepted sends after which the worker is killed',
  ],
  FAULT_SEED: ['seed', 'seed of the fault decisions, to replay a run (default the clock)'],
} as const satisfies Record<string, readonly [keyof FaultSettings, string]>;

// Each variable checked as its setting is, an empty one taken as unset.
const faultEnvironmentSchema = z.object(
  Object.fromEntries(
    Object.entries(faultVariables).map(([name, [setting]]) => [
      name,
      z.preprocess(
        (value) => (value === '' ? undefined : value),
        faultSettingsShape[setting].optional(),
      ),
    ]),
  ),
);

/**
 * Reads the fault switches of `npm start` ({@link faultVariables}) from the environment.
 * `FAULT_SES_SLOW` defaults to 1 when `FAULT_SES_LATENCY_MS` is set, `FAULT_SEED` to the
 * clock, so each run differs.
 *
 * @param env - the environment; `process.env` by default
 * @returns the settings; all zero when no variable is set
 * @throws ConfigurationError naming an invalid variable; RangeError when the fractions clash
 */
export function readFaultSettings(env: NodeJS.ProcessEnv = process.env): FaultSettings {
  const values = readEnv(faultEnvironmentSchema, env) as Record<string, number | undefined>;
  const faults: Partial<Record<keyof FaultSettings, number>> = {};
  for (const [name, [setting]] of Object.entries(faultVariables)) {
    if (values[name] !== undefined) faults[setting] = values[name];
  }
  faults.sesSlow ??= (faults.sesLatencyMs ?? 0) > 0 ? 1 : 0;
  faults.seed ??= Date.now() % 2 ** 31;
  return resolveFaultSettings(faults);
}
