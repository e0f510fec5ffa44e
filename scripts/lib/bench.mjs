// What the benchmark scripts share: the n8n majors to run (BENCH_N8N_VERSIONS, default both),
// BENCH_QUICK, the simulators' keys, both simulators started, the machine's cores, and one
// run of a benchmark per major with the packed package.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

import { packPackage } from './n8n.mjs';
import { ensureRuntime, RUNTIMES } from './runtime.mjs';

const require = createRequire(import.meta.url);
const { createSocialSyncerSimulator } = require('../../test/simulators/socialsyncer.js');
const { createSchedulalaSimulator } = require('../../test/simulators/schedulala.js');

export const majors = (process.env.BENCH_N8N_VERSIONS ?? '2,1').split(',').map(Number);
export const quick = process.env.BENCH_QUICK === '1';
export const KEYS = { socialSyncer: 'sk_test_socialsyncer_simulator_key', schedulala: 'sk_live_schedulala_simulator_key' };

/** Both simulators, started; their base URLs keyed as `simulatorCredentials` wants them. */
export async function startedSimulators() {
	const sims = { socialSyncer: createSocialSyncerSimulator(), schedulala: createSchedulalaSimulator() };
	const urls = { socialSyncer: await sims.socialSyncer.start(), schedulala: await sims.schedulala.start() };
	return { sims, urls };
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
