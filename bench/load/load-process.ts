/**
 * The load generator's own process: runs one plan for its parent and sends the samples
 * back. Apart from the stack so the generator's work never delays the server's event loop,
 * nor the server's work the generator's schedule.
 */
import { serveParent } from '../child-process.js';
import { type LoadPlan, type RequestSample, runClosedLoop, runOpenLoop } from './http-load.js';

serveParent<LoadPlan, RequestSample[]>((plan) =>
  plan.mode === 'open' ? runOpenLoop(plan) : runClosedLoop(plan),
);
