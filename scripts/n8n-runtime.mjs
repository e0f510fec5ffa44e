// Installs (or reuses) the pinned real n8n runtimes: `node scripts/n8n-runtime.mjs [1|2|all]`.
import { ensureRuntime } from './lib/runtime.mjs';

const which = process.argv[2] ?? 'all';
const majors = which === 'all' ? [2, 1] : [Number(which)];
try {
	for (const major of majors) ensureRuntime(major);
} catch (error) {
	console.error(`\nCould not provide n8n: ${error.message}`);
	process.exit(1);
}
