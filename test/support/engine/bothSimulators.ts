import { SCHEDULALA_KEY, SOCIAL_KEY } from '../helpers';
import { createSchedulalaSimulator } from '../simulators/schedulala';
import { createSocialSyncerSimulator } from '../simulators/socialsyncer';
import { type NodeName, type RunOptions, runNode } from './harness';

export const NODES: NodeName[] = ['socialSyncer', 'schedulala'];

/**
 * Both simulators for a test file: started once, cleared before each test,
 * and a `run` that points a node at its own simulator with its key.
 */
export function useBothSimulators() {
	const sims = {
		socialSyncer: createSocialSyncerSimulator(),
		schedulala: createSchedulalaSimulator(),
	};
	const keys: Record<NodeName, string> = { socialSyncer: SOCIAL_KEY, schedulala: SCHEDULALA_KEY };
	const urls: Record<NodeName, string> = { socialSyncer: '', schedulala: '' };
	beforeAll(async () => {
		urls.socialSyncer = await sims.socialSyncer.start();
		urls.schedulala = await sims.schedulala.start();
	});
	afterAll(async () => await Promise.all([sims.socialSyncer.stop(), sims.schedulala.stop()]));
	beforeEach(() => Object.values(sims).forEach((sim) => sim.clear()));
	// The node's own key unless a test sets another (or none).
	const run = async (
		node: NodeName,
		options: Omit<RunOptions, 'node' | 'baseUrl' | 'apiKey'> & { apiKey?: string },
	) => await runNode({ node, baseUrl: urls[node], apiKey: keys[node], ...options });
	return { sims, keys, urls, run };
}
