/**
 * The re-run record at the sizes and in the shapes users build, through
 * n8n-core's real engine against the simulators: loops, a 1,000-row Retry in
 * another process, executions whose custom data is full, 2xx answers without
 * an ID, bulk with per-row keys, and the memory it holds.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	createParams,
	errorOf,
	FAST_RETRIES,
	PHOTO_MEDIA,
	schedulalaCreateParams,
} from '../support/helpers';
import { NODES as nodes, useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName } from '../support/engine/harness';
import {
	failAt as failWith429,
	inAnotherProcess,
	postsByText as postsOf,
	rows,
} from '../support/engine/record';
import { runMemory } from '../../nodes/shared/reruns/memory';
import { heapAfterGc } from '../support/heap';

const { sims, keys, urls, run } = useBothSimulators();

const params = (node: NodeName, extra: INodeParameters = {}): INodeParameters =>
	node === 'socialSyncer'
		? createParams({
				content: '={{ $json.text }}',
				requestOptions: { ...FAST_RETRIES, concurrency: 5, requestsPerMinute: 60_000 },
				...extra,
			})
		: schedulalaCreateParams({
				content: '={{ $json.text }}',
				requestOptions: { ...FAST_RETRIES, concurrency: 5, requestsPerMinute: 60_000 },
				...extra,
			});

const postsByText = (node: NodeName) => postsOf(sims[node]);

function expectEachOnce(node: NodeName, texts: string[]) {
	const counts = postsByText(node);
	const wrong = texts.filter((text) => counts.get(text) !== 1);
	expect(wrong).toEqual([]);
}

const failAt = (node: NodeName, skip: number, path = '/posts') =>
	failWith429(sims[node], node, skip, path);

describe.each(nodes)('%s in Loop Over Items', (node) => {
	it('80 iterations of one row: each row posted once, none refused', async () => {
		const result = await run(node, {
			parameters: params(node),
			items: rows(80),
			loop: { batchSize: 1 },
		});
		expect(result.error).toBeUndefined();
		expect(result.runs).toHaveLength(80);
		expectEachOnce(
			node,
			rows(80).map((row) => row.text),
		);
	});

	it('60 iterations of 10 rows without Continue, one iteration retried by Retry On Fail: 600 posts once', async () => {
		// Iteration 31's first attempt throws mid-batch; Retry On Fail re-runs it.
		failAt(node, 305);
		const result = await run(node, {
			parameters: params(node),
			items: rows(600),
			loop: { batchSize: 10 },
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		});
		expect(result.error).toBeUndefined();
		expect(result.runs).toHaveLength(60);
		expectEachOnce(
			node,
			rows(600).map((row) => row.text),
		);
	});

	it('Retry Post in 70 iterations: every iteration retries its own post', async () => {
		const ids: string[] = [];
		for (let index = 0; index < 70; index++) {
			sims[node].failPlatform(
				node === 'socialSyncer' ? 'instagram' : 'twitter',
				'Token expired',
				1,
			);
			const created = await run(node, {
				// Instagram takes no text-only post.
				parameters: params(
					node,
					node === 'socialSyncer' ? { media: PHOTO_MEDIA, options: { checkMediaUrls: false } } : {},
				),
				items: [{ text: `Retry me ${index}` }],
			});
			ids.push(String(created.main[0].json.id));
		}
		const retried = await run(node, {
			parameters: {
				resource: 'post',
				operation: 'retry',
				postId: '={{ $json.postId }}',
				requestOptions: FAST_RETRIES,
			},
			items: ids.map((postId) => ({ postId })),
			loop: { batchSize: 1 },
		});
		expect(retried.error).toBeUndefined();
		expect(sims[node].requests.filter((request) => request.path.endsWith('/retry'))).toHaveLength(
			70,
		);
		const statuses = retried.runs.map((output) => output[0].json.failedPlatforms);
		expect(statuses.every((failed) => Array.isArray(failed) && failed.length === 0)).toBe(true);
	});
});

describe('Schedulala Bulk in a loop', () => {
	it('a fresh row whose text equals an older post of the account is posted, not matched', async () => {
		sims.schedulala.seedPost({
			content: 'Row 3',
			platforms: [{ platform: 'twitter', accountId: 'acc_tw_1' }],
			createdAt: new Date(Date.now() - 86_400_000).toISOString(),
		});
		const result = await run('schedulala', {
			parameters: params('schedulala', { options: { bulk: true, bulkSize: 5 } }),
			items: rows(50),
			loop: { batchSize: 5 },
		});
		expect(result.error).toBeUndefined();
		expect(postsByText('schedulala').get('Row 3')).toBe(2);
		expect(sims.schedulala.requests.filter((request) => request.method === 'GET')).toHaveLength(0);
		expect(sims.schedulala.requestsTo('POST', '/posts/bulk')).toHaveLength(10);
	});
});

describe.each(nodes)(
	'%s: a 1,000-row run that failed at row 600, retried in another process',
	(node) => {
		it('outputs the 600 posted rows without posting them again and posts the other 400 once', async () => {
			failAt(node, 600);
			const failed = await run(node, {
				parameters: params(node),
				items: rows(1000),
				executionId: `${node}-k1`,
			});
			expect(failed.error?.message).toMatch(/Rate limit exceeded/);
			const before = sims[node].posts.size;
			expect(before).toBeGreaterThanOrEqual(600);
			expect(failed.customData.socialPosting).toBeDefined();
			expect(failed.customData.socialPosting.length).toBeLessThanOrEqual(255);

			const retried = await inAnotherProcess({
				node,
				baseUrl: urls[node],
				apiKey: keys[node],
				parameters: params(node),
				items: rows(1000),
				executionId: `${node}-k1-retry`,
				mode: 'retry',
				customData: failed.customData,
			});
			expect(retried.error).toBeUndefined();
			expect(retried.main.map((item) => item.json.content)).toEqual(
				rows(1000).map((row) => row.text),
			);
			expectEachOnce(
				node,
				rows(1000).map((row) => row.text),
			);
			// The completed re-run gives its custom-data key back.
			expect(retried.customData.socialPosting).toBeUndefined();
		});
	},
);

describe.each(nodes)('%s: an execution whose custom data is full (10 user keys)', (node) => {
	const userKeys = Object.fromEntries(
		Array.from({ length: 10 }, (_, index) => [`k${index + 1}`, `v${index + 1}`]),
	);

	it('a Retry in the same process posts nothing twice, and the user keys stay as they were', async () => {
		failAt(node, 3);
		const failed = await run(node, {
			parameters: params(node, {
				requestOptions: { ...FAST_RETRIES, concurrency: 1, requestsPerMinute: 60_000 },
			}),
			items: rows(6),
			executionId: `${node}-full`,
			customData: userKeys,
		});
		expect(failed.error?.description).toMatch(/already holds n8n's 10 keys/);
		expect(failed.customData).toEqual(userKeys);
		const retried = await run(node, {
			parameters: params(node),
			items: rows(6),
			executionId: `${node}-full-retry`,
			mode: 'retry',
			customData: failed.customData,
		});
		expect(retried.error).toBeUndefined();
		expect(retried.customData).toEqual(userKeys);
		expectEachOnce(
			node,
			rows(6).map((row) => row.text),
		);
	});

	it('a Retry in another process finds the posts among the account posts since the execution began', async () => {
		const startedAt = Date.now();
		failAt(node, 3);
		const failed = await run(node, {
			parameters: params(node, {
				requestOptions: { ...FAST_RETRIES, concurrency: 1, requestsPerMinute: 60_000 },
			}),
			items: rows(6),
			executionId: `${node}-full2`,
			customData: userKeys,
			chainStartedAt: startedAt,
		});
		expect(failed.error).toBeDefined();
		const retried = await inAnotherProcess({
			node,
			baseUrl: urls[node],
			apiKey: keys[node],
			parameters: params(node),
			items: rows(6),
			executionId: `${node}-full2-retry`,
			mode: 'retry',
			customData: failed.customData,
			chainStartedAt: startedAt,
		});
		expect(retried.error).toBeUndefined();
		expectEachOnce(
			node,
			rows(6).map((row) => row.text),
		);
	});

	it('the first run says in its hint that the record has no room', async () => {
		const result = await run(node, {
			parameters: params(node),
			items: rows(2),
			customData: userKeys,
		});
		const hints =
			result.run.data.resultData.runData[
				node === 'socialSyncer' ? 'SocialSyncerAPI' : 'Schedulala'
			][0].hints;
		expect(hints?.map((hint) => hint.message).join(' ')).toMatch(/already holds n8n's 10 keys/);
	});
});

describe('SocialSyncerAPI, 10 user keys: two failed executions with the same input', () => {
	const userKeys = Object.fromEntries(
		Array.from({ length: 10 }, (_, index) => [`k${index + 1}`, 'v']),
	);

	it('a Retry of the first (same process) is told apart by when its failed run began', async () => {
		const input = rows(6);
		const started1 = Date.now();
		failAt('socialSyncer', 2);
		const e1 = await run('socialSyncer', {
			parameters: params('socialSyncer', {
				requestOptions: { ...FAST_RETRIES, concurrency: 1, requestsPerMinute: 60_000 },
			}),
			items: input,
			customData: userKeys,
			chainStartedAt: started1,
		});
		expect(e1.error).toBeDefined();
		const started2 = Date.now();
		failAt('socialSyncer', 4);
		const e2 = await run('socialSyncer', {
			parameters: params('socialSyncer', {
				requestOptions: { ...FAST_RETRIES, concurrency: 1, requestsPerMinute: 60_000 },
			}),
			items: input,
			customData: userKeys,
			chainStartedAt: started2,
		});
		expect(e2.error).toBeDefined();
		const e2Ids = [...sims.socialSyncer.posts.values()].slice(2).map((post) => String(post.id));
		const retried = await run('socialSyncer', {
			parameters: params('socialSyncer'),
			items: input,
			mode: 'retry',
			customData: e1.customData,
			chainStartedAt: started1,
		});
		expect(retried.error).toBeUndefined();
		for (const item of retried.main) expect(e2Ids).not.toContain(String(item.json.id));
		const counts = postsByText('socialSyncer');
		expect(input.map((row) => counts.get(row.text))).toEqual([2, 2, 2, 2, 1, 1]);
	});
});

describe('SocialSyncerAPI, 10 user keys, a loop iteration retried in another process', () => {
	it("a row equal to an earlier iteration's row is posted: the look-up starts where the failed run began", async () => {
		const userKeys = Object.fromEntries(
			Array.from({ length: 10 }, (_, index) => [`k${index + 1}`, 'v']),
		);
		// Iteration 1 posted "Same"; iteration 2 ("Same" again) failed before sending.
		await run('socialSyncer', { parameters: params('socialSyncer'), items: [{ text: 'Same' }] });
		const iterationTwoBegan = Date.now() + 1;
		// n8n carries the run data of everything before the failed run: it ended just before it.
		const retried = await inAnotherProcess({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: keys.socialSyncer,
			parameters: params('socialSyncer'),
			items: [{ text: 'Same' }],
			mode: 'retry',
			customData: userKeys,
			chainStartedAt: iterationTwoBegan,
		});
		expect(retried.error).toBeUndefined();
		expect(postsByText('socialSyncer').get('Same')).toBe(2);
	});
});

describe('9 user keys: the node takes the 10th only while its failed run waits for a Retry', () => {
	it('writes one key on failure and gives it back after the Retry', async () => {
		const userKeys = Object.fromEntries(
			Array.from({ length: 9 }, (_, index) => [`k${index + 1}`, 'v']),
		);
		failAt('socialSyncer', 2);
		const failed = await run('socialSyncer', {
			parameters: params('socialSyncer', {
				requestOptions: { ...FAST_RETRIES, concurrency: 1, requestsPerMinute: 60_000 },
			}),
			items: rows(4),
			customData: userKeys,
		});
		expect(Object.keys(failed.customData).sort()).toEqual(
			[...Object.keys(userKeys), 'socialPosting'].sort(),
		);
		const retried = await run('socialSyncer', {
			parameters: params('socialSyncer'),
			items: rows(4),
			mode: 'retry',
			customData: failed.customData,
		});
		expect(retried.customData).toEqual(userKeys);
		expectEachOnce(
			'socialSyncer',
			rows(4).map((row) => row.text),
		);
	});
});

describe.each([
	['{"postId": …}', { postId: 'p-1' }],
	['{"message": "Post queued"}', { message: 'Post queued' }],
	['"created"', 'created'],
])('SocialSyncerAPI: a 201 %s answer to a create', (_, body) => {
	it('may have created the post: it is never sent again, the item says what to check', async () => {
		sims.socialSyncer.script({
			kind: 'replaceBody',
			method: 'POST',
			path: '/posts',
			status: 201,
			body,
		});
		const result = await run('socialSyncer', {
			parameters: params('socialSyncer'),
			items: rows(1),
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
			onError: 'continueRegularOutput',
		});
		expect(sims.socialSyncer.requestsTo('POST', '/posts')).toHaveLength(1);
		expect(sims.socialSyncer.posts.size).toBe(1);
		// Retry On Fail ran the node again; the look-up found the post the answer did not name.
		expect(result.main[0].json.content).toBe('Row 0');
	});

	it('without Retry On Fail: the item fails saying the post may exist', async () => {
		sims.socialSyncer.script({
			kind: 'replaceBody',
			method: 'POST',
			path: '/posts',
			status: 201,
			body,
		});
		const result = await run('socialSyncer', {
			parameters: params('socialSyncer'),
			items: rows(1),
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error.description).toMatch(
			/accepted the request.*may have been created.*not sent again/,
		);
		expect(error.retryable).toBe(false);
	});
});

describe('Schedulala Bulk, per row', () => {
	const bulk = (extra: IDataObject = {}) =>
		params('schedulala', {
			options: { bulk: true, idempotencyKey: '={{ $json.rowId }}', ...extra },
		});
	const sheet = (count: number) =>
		Array.from({ length: count }, (_, index) => ({ text: `Row ${index}`, rowId: `row-${index}` }));

	it('a sheet that gained a row, run anew: only the new row is posted', async () => {
		await run('schedulala', { parameters: bulk(), items: sheet(5) });
		await run('schedulala', { parameters: bulk(), items: sheet(6) });
		expectEachOnce(
			'schedulala',
			sheet(6).map((row) => row.text),
		);
		const entries = sims.schedulala
			.requestsTo('POST', '/posts/bulk')
			.flatMap((request) => (request.body as { posts: IDataObject[] }).posts);
		expect(entries.map((entry) => entry.idempotencyKey)).toEqual([
			...sheet(5).map((row) => row.rowId),
			...sheet(6).map((row) => row.rowId),
		]);
	});

	it('an answer that cannot be mapped to the entries, under Retry On Fail: found, not sent again', async () => {
		sims.schedulala.script({
			kind: 'replaceBody',
			method: 'POST',
			path: '/posts/bulk',
			status: 200,
			body: { success: true, data: { results: [{ ok: true }] } },
		});
		const result = await run('schedulala', {
			parameters: params('schedulala', { options: { bulk: true } }),
			items: rows(4),
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		});
		expect(result.error).toBeUndefined();
		expect(sims.schedulala.requestsTo('POST', '/posts/bulk')).toHaveLength(1);
		expectEachOnce(
			'schedulala',
			rows(4).map((row) => row.text),
		);
	});

	it('a lost answer with Add to Queue (the API picks the time): found by text and targets, posted once', async () => {
		sims.schedulala.script({ kind: 'dropAfter', method: 'POST', path: '/posts/bulk' });
		const result = await run('schedulala', {
			parameters: params('schedulala', { publishMode: 'queue', options: { bulk: true } }),
			items: rows(4),
		});
		expect(result.error).toBeUndefined();
		expectEachOnce(
			'schedulala',
			rows(4).map((row) => row.text),
		);
	});

	it('a lost answer from an API that shortens links: not found, so "may already exist", never re-sent', async () => {
		sims.schedulala.rewriteLinks = true;
		sims.schedulala.script({ kind: 'dropAfter', method: 'POST', path: '/posts/bulk' });
		const linked = rows(3).map((row) => ({ text: `${row.text} https://example.com/a` }));
		const result = await run('schedulala', {
			parameters: params('schedulala', { options: { bulk: true } }),
			items: linked,
			onError: 'continueRegularOutput',
		});
		expect(sims.schedulala.requestsTo('POST', '/posts/bulk')).toHaveLength(1);
		expect(sims.schedulala.posts.size).toBe(3);
		for (const item of result.main) expect(errorOf(item).code).toBe('BULK_OUTCOME_UNKNOWN');
	});
});

describe('memory', () => {
	it('1,000 posts of 100,000 characters leave the in-process record under its budget', async () => {
		const before = heapAfterGc();
		const recordBefore = runMemory.bytes;
		// Nothing of the run is kept by the test: only what the node's record holds stays.
		const outcome = await (async () => {
			const big = Array.from({ length: 1000 }, (_, index) => ({
				text: `${index} ${'x'.repeat(100_000)}`,
			}));
			const result = await run('socialSyncer', { parameters: params('socialSyncer'), items: big });
			return { failed: result.error !== undefined, count: result.main.length };
		})();
		expect(outcome).toEqual({ failed: false, count: 1000 });
		sims.socialSyncer.clear();
		const retained = heapAfterGc() - before;
		// The answers themselves (100 MB) are not kept, only their IDs.
		expect(runMemory.bytes - recordBefore).toBeLessThan(1024 * 1024);
		expect(retained).toBeLessThan(20 * 1024 * 1024);
	}, 120_000);
});
