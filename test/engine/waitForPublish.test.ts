/**
 * Wait for Publish (Create with Publish Now, and Retry) on both nodes, through
 * n8n-core's engine against simulators whose posts stay pending for a while:
 * the post is output once every target left its pending state, a failed
 * platform stays data, a timeout is an error with the post ID (never a success
 * item), n8n's Retry On Fail waits again without posting twice, and Stop stops.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	createParams,
	errorOf,
	FAST_RETRIES,
	PHOTO_MEDIA,
	schedulalaCreateParams,
} from '../support/helpers';
import { NODES, useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName, RunOptions } from '../support/engine/harness';

const { sims, run } = useBothSimulators();

const PUBLISHED: Record<NodeName, string> = { socialSyncer: 'published', schedulala: 'posted' };
const PLATFORM: Record<NodeName, string> = { socialSyncer: 'instagram', schedulala: 'twitter' };

// SocialSyncerAPI posts to Instagram, which needs media.
const createWith = (node: NodeName, options: IDataObject) =>
	node === 'socialSyncer'
		? createParams({ media: PHOTO_MEDIA, options: options as INodeParameters })
		: schedulalaCreateParams({ options: options as INodeParameters });

const creates = (node: NodeName) =>
	sims[node].requests.filter((request) => request.method === 'POST').length;
const reads = (node: NodeName) => sims[node].requests.filter((request) => request.method === 'GET');

describe.each(NODES)('%s: Create Post → Wait for Publish', (node) => {
	const create = async (options: IDataObject, extra: Partial<RunOptions> = {}) =>
		await run(node, { parameters: createWith(node, options), ...extra });

	it('without it, the pending post is output at once', async () => {
		sims[node].publishDelayMs = 60_000;
		const result = await create({});
		expect(result.main[0].json.platforms).toEqual([
			expect.objectContaining({ platform: PLATFORM[node], status: 'pending' }),
		]);
		expect(sims[node].requests).toHaveLength(1);
	});

	it('outputs the post once every platform has published, polling at growing intervals', async () => {
		sims[node].publishDelayMs = 4_000;
		const result = await create({ waitForPublish: true });
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(1);
		expect(result.main[0].json).toMatchObject({ status: PUBLISHED[node], failedPlatforms: [] });
		expect(creates(node)).toBe(1);
		const times = [sims[node].requests[0].at, ...reads(node).map((request) => request.at)];
		const gaps = times.slice(1).map((at, index) => at - times[index]);
		expect(gaps.length).toBeGreaterThanOrEqual(3);
		for (let index = 1; index < gaps.length - 1; index++)
			expect(gaps[index]).toBeGreaterThan(gaps[index - 1]);
	});

	it('a platform that failed is data, as without the wait', async () => {
		sims[node].publishDelayMs = 1_500;
		sims[node].failPlatform(PLATFORM[node], 'Token expired');
		const result = await create({ waitForPublish: true });
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.failedPlatforms).toEqual([
			{ platform: PLATFORM[node], error: 'Token expired' },
		]);
	});

	it('a timeout fails the item with WAIT_TIMEOUT and the post ID, never a success item', async () => {
		sims[node].publishDelayMs = 60_000;
		const result = await create(
			{ waitForPublish: true, waitTimeout: 2 },
			{ onError: 'continueErrorOutput' },
		);
		expect(result.main).toHaveLength(0);
		expect(result.errorOutput).toHaveLength(1);
		const error = errorOf(result.errorOutput[0]);
		const postId = [...sims[node].posts.keys()][0];
		expect(error).toMatchObject({
			code: 'WAIT_TIMEOUT',
			message: `Post ${postId} was still publishing on ${PLATFORM[node]} after 2 s`,
			details: { postId, pendingPlatforms: [PLATFORM[node]] },
		});
		expect(error.description).toMatch(/do not create it again.*Get Post/);
		expect(creates(node)).toBe(1);
	});

	it("n8n's Retry On Fail after a timeout waits again and does not post twice", async () => {
		sims[node].publishDelayMs = 3_500;
		const result = await create(
			{ waitForPublish: true, waitTimeout: 2 },
			{ retryOnFail: true, maxTries: 2, waitBetweenTries: 10 },
		);
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.status).toBe(PUBLISHED[node]);
		expect(creates(node)).toBe(1);
		expect(sims[node].posts.size).toBe(1);
	});

	it('a 429 while polling is waited out as the API asks', async () => {
		sims[node].publishDelayMs = 1_500;
		sims[node].script({
			kind: 'error',
			code: node === 'socialSyncer' ? 'RATE_LIMIT_EXCEEDED' : 'rate_limit_exceeded',
			message: 'Rate limit exceeded',
			status: 429,
			method: 'GET',
			headers: { 'Retry-After': '1' },
		});
		const result = await create({ waitForPublish: true });
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.status).toBe(PUBLISHED[node]);
		const [limited, next] = reads(node);
		expect(limited.status).toBe(429);
		// The next read came no sooner than the second Retry-After asked for.
		expect(next.at - limited.answeredAt).toBeGreaterThanOrEqual(990);
	});

	it('Stop ends the wait at once', async () => {
		sims[node].publishDelayMs = 60_000;
		const startedAt = Date.now();
		await create({ waitForPublish: true }, { cancelAfterMs: 1_500 });
		expect(Date.now() - startedAt).toBeLessThan(10_000);
		const readsAtStop = reads(node).length;
		await sleep(2_000);
		expect(reads(node)).toHaveLength(readsAtStop);
	});
});

describe.each(NODES)('%s: Retry Post → Wait for Publish', (node) => {
	it('re-publishes the failed platforms and outputs the post once they are done', async () => {
		const id = 'p_failed';
		const post: IDataObject = {
			status: 'failed',
			content: 'x',
			mediaItems: [{ type: 'image', url: 'https://cdn.example.com/photo.jpg' }],
			platforms: [{ platform: PLATFORM[node], accountId: null, status: 'failed', error: 'boom' }],
		};
		sims[node].posts.set(id, node === 'socialSyncer' ? { id, ...post } : { _id: id, ...post });
		sims[node].publishDelayMs = 1_500;
		const result = await run(node, {
			parameters: {
				resource: 'post',
				operation: 'retry',
				postId: id,
				options: { waitForPublish: true },
				requestOptions: FAST_RETRIES,
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.main[0].json).toMatchObject({ status: PUBLISHED[node], failedPlatforms: [] });
		expect(sims[node].requests.filter((request) => request.path.endsWith('/retry'))).toHaveLength(
			1,
		);
	});
});
