// What every end-to-end file shares: the simulators' API keys, the n8n majors to run
// (E2E_N8N_VERSIONS, default both), both simulators, and a sleep. Not a test file itself
// (node --test runs *.test.mjs only).
import { createRequire } from 'node:module';

import { RUNTIMES } from '../../scripts/lib/runtime.mjs';

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

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The json of a node's items in a run (`n8n execute` output), for one of its outputs. */
export const jsonOf = (run, name, output = 0) =>
	(run?.data?.resultData?.runData?.[name]?.[0]?.data?.main?.[output] ?? []).map(
		(item) => item.json,
	);
