// What the benchmark scripts share: the n8n majors to run (BENCH_N8N_VERSIONS, default both),
// BENCH_QUICK, both simulators started (with the e2e suite's keys), the machine's cores, the
// "N rows into the tested node" workflow, and one run of a benchmark per major.
import { execFileSync } from 'node:child_process';

import { KEYS, simulators, startSimulators } from './common.mjs';
import { packPackage } from './n8n.mjs';
import { ensureRuntime, RUNTIMES } from './runtime.mjs';

export { KEYS };
export const majors = (process.env.BENCH_N8N_VERSIONS ?? '2,1').split(',').map(Number);
export const quick = process.env.BENCH_QUICK === '1';

/** Both simulators, started; their base URLs keyed as `simulatorCredentials` wants them. */
export async function startedSimulators() {
	const sims = simulators();
	return { sims, urls: await startSimulators(sims) };
}

let counter = 0;
/** A workflow node with an ID of its own. */
export function node(name, type, parameters, extra = {}) {
	counter += 1;
	return { id: `b0000000-0000-4000-8000-${String(counter).padStart(12, '0')}`, name, type, typeVersion: 1, position: [counter * 200, 0], parameters, ...extra };
}

/** Manual trigger → `count` rows ({ text: 'Row i' }) → the node under test. */
export function rowsWorkflow(id, count, tested) {
	const start = node('Start', 'n8n-nodes-base.manualTrigger', {});
	const rows = node('Rows', 'n8n-nodes-base.code', { jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { text: 'Row ' + i } }));` }, { typeVersion: 2 });
	return {
		id,
		name: `Bench ${id}`,
		nodes: [start, rows, tested],
		connections: { Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] }, Rows: { main: [[{ node: tested.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

export const cores = () => execFileSync('nproc').toString().trim();

/** Runs `bench(major, packageDir)` for each major; its results, each with the n8n version. */
export async function benchEachMajor(bench) {
	const packageDir = packPackage();
	const all = [];
	for (const major of majors) {
		await ensureRuntime(major);
		process.stdout.write(`▶ n8n ${RUNTIMES[major].n8n} …\n`);
		all.push({ version: RUNTIMES[major].n8n, ...(await bench(major, packageDir)) });
	}
	return all;
}
