import { createSocialSyncerSimulator } from '../simulators/socialsyncer';
import { runNode } from './harness';

const KEY = 'sk_test_socialsyncer_simulator_key';

describe('smoke', () => {
	const sim = createSocialSyncerSimulator();
	let baseUrl = '';
	beforeAll(async () => {
		baseUrl = await sim.start();
	});
	afterAll(async () => await sim.stop());

	it('creates a post', async () => {
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl,
			apiKey: KEY,
			parameters: {
				resource: 'post',
				operation: 'create',
				content: 'Hello',
				platforms: { target: [{ platform: 'instagram', accountId: 'ig_123' }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.main[0].json).toMatchObject({ status: 'published', failedPlatforms: [] });
		expect(sim.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
	});
});
