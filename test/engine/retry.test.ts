import {
	createParams,
	PHOTO_MEDIA,
	postIdParams,
	SCHEDULALA_TIKTOK_SETTINGS,
	schedulalaCreateParams,
	SOCIAL_TIKTOK_SETTINGS,
} from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();

describe('SocialSyncerAPI: Retry Post', () => {
	const sim = sims.socialSyncer;

	it('reports a partial post in failedPlatforms, and Retry Post fixes it', async () => {
		sim.failPlatform('tiktok', 'Video processing failed: unsupported codec');
		const created = await run('socialSyncer', {
			parameters: createParams({
				platforms: {
					target: [
						{ platform: 'instagram', accountId: 'ig_123' },
						{ platform: 'tiktok', accountId: 'tt_321' },
					],
				},
				media: PHOTO_MEDIA,
				options: { tiktokSettings: SOCIAL_TIKTOK_SETTINGS },
			}),
		});
		const post = created.main[0].json;
		expect(post.status).toBe('partial');
		expect(post.failedPlatforms).toEqual([
			{ platform: 'tiktok', error: 'Video processing failed: unsupported codec' },
		]);

		const retried = await run('socialSyncer', {
			parameters: postIdParams('retry', String(post.id)),
		});
		expect(retried.main[0].json).toMatchObject({
			id: post.id,
			status: 'published',
			failedPlatforms: [],
		});
		expect(sim.requestsTo('POST', `/posts/${String(post.id)}/retry`)).toHaveLength(1);
	});
});

describe('Schedulala: Retry Post', () => {
	const sim = sims.schedulala;

	it('retries only the chosen failed platforms, after a delay', async () => {
		sim.failPlatform('tiktok', 'TikTok rejected the video');
		sim.failPlatform('twitter', 'Duplicate status');
		const created = await run('schedulala', {
			parameters: schedulalaCreateParams({
				platforms: {
					target: [
						{ platform: 'tiktok', accountId: '' },
						{ platform: 'twitter', accountId: '' },
					],
				},
				platformSettings: SCHEDULALA_TIKTOK_SETTINGS,
			}),
		});
		const post = created.main[0].json;
		expect(post.status).toBe('failed');
		expect(post.failedPlatforms).toEqual([
			{ platform: 'tiktok', error: 'TikTok rejected the video' },
			{ platform: 'twitter', error: 'Duplicate status' },
		]);
		const retried = await run('schedulala', {
			parameters: postIdParams('retry', String(post.id), {
				retryPlatforms: ['tiktok'],
				retryDelay: 30,
			}),
		});
		expect(sim.requestsTo('POST', /\/retry$/)[0].body).toEqual({
			platforms: ['tiktok'],
			delay: 30,
		});
		expect(retried.main[0].json).toMatchObject({
			status: 'partial',
			failedPlatforms: [{ platform: 'twitter', error: 'Duplicate status' }],
		});
	});
});
