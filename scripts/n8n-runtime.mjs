// Installs (or reuses) the pinned real n8n runtimes, in parallel:
// `node scripts/n8n-runtime.mjs [1|2|all]`.
import { ensureRuntime } from '../test/support/n8n/runtime.mjs';

const which = process.argv[2] ?? 'all';
const majors = which === 'all' ? [2, 1] : [Number(which)];
const results = await Promise.allSettled(majors.map((major) => ensureRuntime(major)));
const failures = results.filter((result) => result.status === 'rejected');
for (const failure of failures) console.error(`\nCould not provide n8n: ${failure.reason.message}`);
process.exit(failures.length > 0 ? 1 : 0);
