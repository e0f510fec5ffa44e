import type { INodeParameters } from 'n8n-workflow';

import {
	createParams,
	PHOTO_MEDIA,
	postIdParams,
	schedulalaCreateParams,
} from '../support/helpers';
import type { NodeName } from '../support/engine/harness';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();

const created: Array<{ node: NodeName; create: INodeParameters; status: string }> = [
	{ node: 'socialSyncer', create: createParams({ media: PHOTO_MEDIA }), status: 'published' },
	// Schedulala answers { success, data }: the item is the post alone.
	{ node: 'schedulala', create: schedulalaCreateParams(), status: 'posted' },
];

describe.each(created)('$node: Get Post', ({ node, create, status }) => {
	it('returns the post created before, unwrapped', async () => {
		const post = await run(node, { parameters: create });
		const id = String(post.main[0].json.id);
		const result = await run(node, { parameters: postIdParams('get', id) });
		expect(result.main[0].json).toMatchObject({ id, status, failedPlatforms: [] });
		expect(result.main[0].json.success).toBeUndefined();
	});
});

describe('SocialSyncerAPI: Get Post', () => {
	it('accepts a post wrapped in { post } and with only _id', async () => {
		sims.socialSyncer.script({
			kind: 'status',
			method: 'GET',
			status: 200,
			body: { post: { _id: 'post_x', status: 'mystery', platforms: [] } },
		});
		const result = await run('socialSyncer', { parameters: postIdParams('get', 'post_x') });
		expect(result.main[0].json).toEqual({
			_id: 'post_x',
			id: 'post_x',
			status: 'mystery',
			platforms: [],
			failedPlatforms: [],
		});
	});
});
