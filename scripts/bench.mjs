// npm run bench: the re-run record, throughput, bulk and media benchmarks in real n8n, one after the other.
// Prints their tables and writes them to bench/results.md. Not part of CI.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoDir } from '../test/support/n8n/n8n.mjs';

async function run(script) {
	const child = spawn(process.execPath, [join(repoDir, 'scripts', script)], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
	let output = '';
	child.stdout.on('data', (chunk) => {
		output += chunk;
		process.stdout.write(chunk);
	});
	const code = await new Promise((resolve) => child.on('close', resolve));
	if (code !== 0) throw new Error(`${script} failed (exit ${code})`);
	// Only the report: headings, notes and tables, not the progress lines.
	return output.split('\n').filter((line) => !line.startsWith('▶') && !line.startsWith('[n8n')).join('\n').trim();
}

const started = new Date();
const record = await run('bench-record.mjs');
const throughput = await run('bench-throughput.mjs');
const bulk = await run('bench-bulk.mjs');
const media = await run('bench-media.mjs');
mkdirSync(join(repoDir, 'bench'), { recursive: true });
writeFileSync(
	join(repoDir, 'bench', 'results.md'),
	`# Benchmark results\n\n${started.toISOString()}, \`npm run bench\`.\n\n${throughput}\n\n## Schedulala Bulk (P5)\n\n${bulk}\n\n## Media upload (P4)\n\n${media}\n\n${record}\n`,
);
console.log('\nWritten to bench/results.md');
