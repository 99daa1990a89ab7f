import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInChild } from '../../bench/child-process.js';
import type { WorkerCostBatch, WorkerCostPlan } from '../../bench/parts/worker-cost.js';
import { projectRoot } from '../../lib/node-function.js';

// The bench's worker-cost part, run small, as npm run bench runs it: a part that throws only
// shows when someone runs the bench (it once did, after the API refused example.com).
const entry = join(projectRoot, 'bench/parts/worker-cost.ts');

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the worker-cost part of the bench', () => {
  it.each([
    ['worker', { NODE_ENV: 'production' }],
    ['naive', { NODE_ENV: 'development' }],
  ] as const)(
    'renders the %s variant’s emails in a child process',
    async (variant, environment) => {
      // Prepare: no allowance from the test setup; the bench must give its own
      vi.stubEnv('ALLOW_EXAMPLE_RECIPIENTS', undefined);

      // Act
      const batch = await runInChild<WorkerCostPlan, WorkerCostBatch>(
        entry,
        { variant, emailsPerBatch: 2 },
        { environment },
      );

      // Assess
      expect(batch.bodyChars).toBeGreaterThan(1000);
      expect(batch.cpuMsPerEmail).toBeGreaterThan(0);
    },
    60_000,
  );
});
