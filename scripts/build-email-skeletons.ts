/**
 * `npm run emails:build`: renders every template the worker sends, in every locale, into
 * the skeletons the worker fills per email, and writes them to
 * `functions/send-email/email-skeletons.generated.ts` (committed). Run it after changing a
 * template in `emails/`; a test fails until the committed module matches the templates.
 */

import { writeFile } from 'node:fs/promises';
import {
  emailSkeletonsModulePath,
  formatEmailSkeletonsModule,
  renderEmailSkeletons,
} from './email-skeletons.js';

const source = formatEmailSkeletonsModule(await renderEmailSkeletons());
await writeFile(new URL(`../${emailSkeletonsModulePath}`, import.meta.url), source);
console.log(`Wrote ${emailSkeletonsModulePath} (${Buffer.byteLength(source)} bytes)`);
