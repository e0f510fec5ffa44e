/**
 * Post → Get Many on both nodes, through n8n-core's engine: Limit, Return All
 * across pages, the filters in each API's own names, one item per post shaped
 * like Get and paired to its input item.
 */
import type { IDataObject } from 'n8n-workflow';

import { FAST_RETRIES } from '../support/helpers';
import { NODES, useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName } from '../support/engine/harness';

const { sims, run: runOn } = useBothSimulators();

/** 250 posts: every 5th scheduled within the next hour on instagram, the rest drafts on twitter. */
function seed(node: NodeName): void {
	const sim = sims[node];
	sim.clear();
	const now = Date.now();
	for (let index = 0; index < 250; index++) {
		const soon = index % 5 === 0;
		const post: IDataObject = {
			content: `Post ${index}`,
			status: soon ? 'scheduled' : 'draft',
			scheduledFor: new Date(now + (soon ? 30 * 60_000 : 3 * 86_400_000)).toISOString(),
			platforms: [
				{ platform: soon ? 'instagram' : 'twitter', status: soon ? 'scheduled' : 'draft' },
			],
		};
		const id = `p${index}`;
		sim.posts.set(id, node === 'socialSyncer' ? { id, ...post } : { _id: id, ...post });
	}
}

describe.each(NODES)('%s: Get Many posts', (node) => {
	const run = async (parameters: IDataObject, items?: IDataObject[]) =>
		await runOn(node, {
			parameters: {
				resource: 'post',
				operation: 'getAll',
				requestOptions: FAST_RETRIES,
				...parameters,
			},
			items,
		});

	beforeEach(() => seed(node));

	it('Limit: at most that many, in one request', async () => {
		const result = await run({ limit: 7 });
		expect(result.main).toHaveLength(7);
		expect(result.main[0].json).toMatchObject({ id: 'p0', failedPlatforms: [] });
		expect(sims[node].requestsTo('GET', '/posts')).toHaveLength(1);
	});

	it('Return All reads every page', async () => {
		const result = await run({ returnAll: true });
		expect(result.main).toHaveLength(250);
		expect(new Set(result.main.map((item) => item.json.id)).size).toBe(250);
		expect(sims[node].requestsTo('GET', '/posts').map((request) => request.path)).toHaveLength(3);
	});

	it("filters by status, platform and date, in the API's own query names", async () => {
		const result = await run({
			returnAll: true,
			filters: {
				status: 'scheduled',
				platform: 'instagram',
				dateFrom: new Date(Date.now() - 60_000).toISOString(),
				dateTo: new Date(Date.now() + 3_600_000).toISOString(),
			},
		});
		expect(result.main).toHaveLength(50);
		const query = (
			sims[node].requestsTo('GET', '/posts')[0] as unknown as { query: URLSearchParams }
		).query;
		const [from, to] = node === 'socialSyncer' ? ['dateFrom', 'dateTo'] : ['after', 'before'];
		expect(query.get('status')).toBe('scheduled');
		expect(query.get('platform')).toBe('instagram');
		expect(query.get(from)).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
		expect(query.get(to)).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
	});

	it('one list per input item, each post paired to the item that asked', async () => {
		const result = await run({ limit: 2 }, [{}, {}]);
		expect(result.main.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
	});
});
