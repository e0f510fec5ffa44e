import type { IDataObject } from 'n8n-workflow';

import { createParams, errorOf, PHOTO_MEDIA } from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();

describe('SocialSyncerAPI: several items, one failing in the middle', () => {
	const parameters = createParams({
		platforms: { target: [{ platform: 'instagram', accountId: '={{ $json.account }}' }] },
		media: PHOTO_MEDIA,
	});
	const input = [{ account: 'ig_123' }, { account: 'ig_unknown' }, { account: 'ig_123' }];

	it('"Continue (regular output)" keeps order and pairing, with the error item in place', async () => {
		const result = await run('socialSyncer', {
			parameters,
			items: input,
			onError: 'continueRegularOutput',
		});
		expect(result.main.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.main[0].json.status).toBe('published');
		expect(errorOf(result.main[1])).toMatchObject({ code: 'VALIDATION_ERROR', httpCode: 400 });
		expect(result.main[2].json.status).toBe('published');
		expect(result.errorOutput).toHaveLength(0);
	});

	it('"Continue (using error output)" sends the failed item to the error output', async () => {
		const result = await run('socialSyncer', {
			parameters,
			items: input,
			onError: 'continueErrorOutput',
		});
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(errorOf(result.errorOutput[0])).toMatchObject({
			code: 'VALIDATION_ERROR',
			message: 'Unknown account for instagram: ig_unknown',
		});
	});

	it('"Stop Workflow" fails on the item and sends nothing after it', async () => {
		const result = await run('socialSyncer', { parameters, items: input });
		expect((result.error?.context as IDataObject).itemIndex).toBe(1);
		expect(sims.socialSyncer.requestsTo('POST', '/posts')).toHaveLength(2);
	});
});
