// The re-run record's memory: what one n8n process keeps after runs of 5,000 items
// (answers of 2 KB and of 100 KB), through the built record (dist/), with --expose-gc.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

import { repoDir } from '../test/support/n8n/n8n.mjs';

const require = createRequire(import.meta.url);
const { RunMemory, MEMORY_BYTES } = require(join(repoDir, 'dist/nodes/shared/reruns/memory.js'));

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

console.log('## Re-run record memory (P6)\n');
console.log(`Budget: ${mb(MEMORY_BYTES)} MB per n8n process. Retained heap measured after a forced GC.\n`);
console.log('| items | answer size | runs | record (accounted MB) | heap retained (MB) |');
console.log('| --- | --- | --- | --- | --- |');
for (const [size, runs] of [[2_000, 1], [100_000, 1], [2_000, 20]]) {
	gc();
	const before = process.memoryUsage().heapUsed;
	const memory = new RunMemory();
	for (let run = 0; run < runs; run++) {
		for (let item = 0; item < 5000; item++) {
			// A fresh answer each time, as a parsed HTTP body would be.
			const answer = { id: `post_${run}_${item}`, status: 'published', content: `${item} ${'x'.repeat(size)}` };
			memory.set(`chain-${run}`, `0.${item}`, { resourceId: answer.id, result: answer });
		}
	}
	gc();
	const retained = process.memoryUsage().heapUsed - before;
	console.log(`| 5000 | ${size.toLocaleString('en')} chars | ${runs} | ${mb(memory.bytes)} | ${mb(retained)} |`);
	// Kept alive until measured.
	if (memory.bytes < 0) console.log('');
}
