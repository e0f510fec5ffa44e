// What every end-to-end file shares: the simulators' API keys, the n8n majors to run
// (E2E_N8N_VERSIONS, default both), both simulators, an n8n set up against them, and a
// sleep. Not a test file itself (node --test runs *.test.mjs only).
import { createRequire } from 'node:module';

import { N8nInstance, simulatorCredentials } from './n8n.mjs';
import { ensureRuntime, RUNTIMES } from './runtime.mjs';

export const require = createRequire(import.meta.url);
const { createSocialSyncerSimulator } = require('../simulators/socialsyncer.js');
const { createSchedulalaSimulator } = require('../simulators/schedulala.js');

export const KEYS = {
	socialSyncer: 'sk_test_socialsyncer_simulator_key',
	schedulala: 'sk_live_schedulala_simulator_key',
};

export const majors = (process.env.E2E_N8N_VERSIONS ?? '2,1')
	.split(',')
	.map(Number)
	.filter((major) => major in RUNTIMES);

/** A fresh pair of simulators (start them in `before`). */
export const simulators = () => ({
	socialSyncer: createSocialSyncerSimulator(),
	schedulala: createSchedulalaSimulator(),
});

/** Starts both simulators; their base URLs, keyed like `simulatorCredentials` wants them. */
export const startSimulators = async (sims) => ({
	socialSyncer: await sims.socialSyncer.start(),
	schedulala: await sims.schedulala.start(),
});

/**
 * The simulators started and a throwaway n8n of `major` with the package installed and
 * credentials for both (plus `extraCredentials(urls)`). Not started: `n8n execute` needs
 * no server.
 */
export async function n8nWithSimulators({ major, packageDir, sims, extraCredentials = () => [] }) {
	await ensureRuntime(major);
	const urls = await startSimulators(sims);
	const n8n = new N8nInstance({ major, packageDir });
	await n8n.importCredentials([...simulatorCredentials(urls, KEYS), ...extraCredentials(urls)]);
	return { n8n, urls };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The json of a node's items in a run (`n8n execute` output), for one of its outputs. */
export const jsonOf = (run, name, output = 0) =>
	(run?.data?.resultData?.runData?.[name]?.[0]?.data?.main?.[output] ?? []).map(
		(item) => item.json,
	);
