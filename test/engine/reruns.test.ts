/**
 * n8n's own ways of running a node again, through n8n-core's real engine:
 * Retry On Fail (the whole node again, also when the first output item has
 * `json.error`), Retry of a failed execution (a new execution that inherits
 * the failed one's custom data, in this process or another), and Retry Post.
 * Every case counts what the simulator actually did.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	createParams,
	errorOf,
	FAST_RETRIES,
	postIdParams,
	schedulalaCreateParams,
} from '../support/helpers';
import { NODES as nodes, useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName, RunResult } from '../support/engine/harness';

const { sims, keys, urls, run } = useBothSimulators();

/** Create params whose account (SocialSyncerAPI) or text (Schedulala) comes from the item. */
function rowParams(node: NodeName, extra: INodeParameters = {}): INodeParameters {
	return node === 'socialSyncer'
		? createParams({
				platforms: { target: [{ platform: 'instagram', accountId: '={{ $json.account }}' }] },
				...extra,
			})
		: schedulalaCreateParams(extra);
}

/** Rows: `bad` is an item the node rejects before sending (no account / no text). */
function rows(count: number, bad: number[] = []): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({
		text: bad.includes(index) ? '' : `Row ${index}`,
		account: bad.includes(index) ? '' : 'ig_123',
	}));
}

/** Posts per text at the simulator: more than one would be a double post. */
function postCounts(node: NodeName): Map<string, number> {
	const counts = new Map<string, number>();
	for (const post of sims[node].posts.values()) {
		const text = String(post.content);
		counts.set(text, (counts.get(text) ?? 0) + 1);
	}
	return counts;
}

describe.each(nodes)('%s: Retry On Fail re-runs the whole node', (node) => {
	it('when the first item is invalid under On Error: Continue: nothing is posted twice', async () => {
		const result = await run(node, {
			parameters: rowParams(node),
			items: rows(4, [0]),
			onError: 'continueRegularOutput',
			retryOnFail: true,
			maxTries: 4,
			waitBetweenTries: 0,
		});
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(4);
		expect(errorOf(result.main[0]).code).toBe('INVALID_PARAMETER');
		expect(result.main.slice(1).map((item) => item.json.content)).toEqual([
			'Row 1',
			'Row 2',
			'Row 3',
		]);
		expect([...postCounts(node).values()]).toEqual([1, 1, 1]);
		// The engine ran the node 4 times; the API acted 3 times in all.
		expect(sims[node].processed('POST', '/posts')).toHaveLength(3);
	});

	it('when the first item fails at the API: the others are not re-posted', async () => {
		sims[node].script({
			kind: 'error',
			method: 'POST',
			path: '/posts',
			code: node === 'socialSyncer' ? 'VALIDATION_ERROR' : 'validation_error',
			message: 'Content too long',
			status: 400,
		});
		const result = await run(node, {
			parameters: rowParams(node),
			items: rows(3),
			onError: 'continueErrorOutput',
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		});
		// Run 1: item 0 refused, 1 and 2 posted. Run 2: item 0 posted, 1 and 2 from the first run.
		expect(result.main.map((item) => item.json.content)).toEqual(['Row 0', 'Row 1', 'Row 2']);
		expect([...postCounts(node).values()]).toEqual([1, 1, 1]);
	});

	it('after a thrown error mid-run: items posted before it are output again, not re-posted', async () => {
		// Item 2 is refused twice (a rate limit asking for an hour), then goes through.
		sims[node].script({
			kind: 'error',
			method: 'POST',
			path: '/posts',
			skip: 2,
			times: 2,
			code: node === 'socialSyncer' ? 'RATE_LIMIT_EXCEEDED' : 'rate_limit_exceeded',
			message: 'Rate limit exceeded',
			status: 429,
			headers: { 'Retry-After': '3600' },
		});
		const result = await run(node, {
			parameters: rowParams(node),
			items: rows(4),
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
		});
		expect(result.error).toBeUndefined();
		const ids = result.main.map((item) => item.json.id);
		expect(new Set(ids).size).toBe(4);
		expect([...postCounts(node).values()]).toEqual([1, 1, 1, 1]);
	});
});

describe.each(nodes)('%s: Retry of a failed execution', (node) => {
	/** Items 0–2 post; item 3 hits a 429 that asks for longer than Max Wait, so the node stops. */
	async function failedExecution(name: string) {
		sims[node].script({
			kind: 'error',
			method: 'POST',
			path: '/posts',
			skip: 3,
			code: node === 'socialSyncer' ? 'RATE_LIMIT_EXCEEDED' : 'rate_limit_exceeded',
			message: 'Rate limit exceeded',
			status: 429,
			headers: { 'Retry-After': '3600' },
		});
		const failed = await run(node, {
			parameters: rowParams(node),
			items: rows(6),
			executionId: `${node}-${name}`,
		});
		expect(failed.error?.message).toBe('Rate limit exceeded');
		expect(failed.error?.description).toMatch(/Try again after \d{4}-/);
		expect(sims[node].posts.size).toBe(3);
		return failed;
	}

	it('in the same n8n process: the posts made are output again, the rest are posted', async () => {
		const failed = await failedExecution('same-process');
		const retried = await run(node, {
			parameters: rowParams(node),
			items: rows(6),
			executionId: `${node}-retry-1`,
			customData: failed.customData,
		});
		expect(retried.error).toBeUndefined();
		expect(retried.main.map((item) => item.json.content)).toEqual(rows(6).map((row) => row.text));
		expect([...postCounts(node).values()]).toEqual([1, 1, 1, 1, 1, 1]);
		// Nothing asked of the API for the first three: not even a read.
		expect(sims[node].requests.filter((request) => request.method === 'GET')).toHaveLength(0);
	});

	it('in another n8n process (restart, queue-mode worker): found again by ID from the custom data', async () => {
		const failed = await failedExecution('other-process');
		const started = Date.now();
		let retried: RunResult | undefined;
		await jest.isolateModulesAsync(async () => {
			// A fresh copy of the node code: nothing in memory from the failed execution.
			const fresh = (await import(
				'../support/engine/harness'
			)) as typeof import('../support/engine/harness');
			retried = await fresh.runNode({
				node,
				baseUrl: urls[node],
				apiKey: keys[node],
				parameters: rowParams(node),
				items: rows(6),
				executionId: `${node}-retry-2`,
				customData: failed.customData,
			});
		});
		expect(retried?.error).toBeUndefined();
		expect(retried?.main.map((item) => item.json.content)).toEqual(rows(6).map((row) => row.text));
		expect([...postCounts(node).values()]).toEqual([1, 1, 1, 1, 1, 1]);
		const reads = sims[node].requests.filter((request) => request.method === 'GET');
		if (node === 'socialSyncer') {
			// No key to count on: one look at the account's posts finds rows 0-2.
			expect(reads.map((request) => request.path)).toEqual(['/posts']);
		} else {
			// Rows 0-2 are sent again with their keys, and Schedulala replays its answers.
			expect(reads).toHaveLength(0);
			const replayed = sims[node]
				.requestsTo('POST', '/posts')
				.filter((request) => request.at >= started);
			expect(replayed).toHaveLength(6);
		}
	});

	it('a new execution of the workflow posts again: that is a genuine second run', async () => {
		await run(node, { parameters: rowParams(node), items: rows(2), executionId: `${node}-mon` });
		await run(node, { parameters: rowParams(node), items: rows(2), executionId: `${node}-tue` });
		expect([...postCounts(node).values()]).toEqual([2, 2]);
	});
});

describe('a create whose answer was lost, then the execution is retried', () => {
	it('Schedulala re-sends the same key and gets its post back', async () => {
		sims.schedulala.script({ kind: 'dropAfter', method: 'POST', path: '/posts', skip: 1 });
		const failed = await run('schedulala', {
			parameters: rowParams('schedulala', { requestOptions: { ...FAST_RETRIES, maxRetries: 0 } }),
			items: rows(3),
			executionId: 'lost-answer',
		});
		expect(failed.error?.message).toMatch(/dropped/);
		const retried = await run('schedulala', {
			parameters: rowParams('schedulala'),
			items: rows(3),
			executionId: 'lost-answer-retry',
			customData: failed.customData,
		});
		expect(retried.error).toBeUndefined();
		expect([...postCounts('schedulala').values()]).toEqual([1, 1, 1]);
		const keysSent = sims.schedulala
			.requestsTo('POST', '/posts')
			.map((request) => request.headers['idempotency-key']);
		// Item 1 went out twice with one key: the API replayed it.
		expect(keysSent[1]).toBe(keysSent[2]);
	});

	it('SocialSyncerAPI never posts it silently again: the post it made is found, the rest posted', async () => {
		sims.socialSyncer.script({ kind: 'dropAfter', method: 'POST', path: '/posts', skip: 1 });
		const failed = await run('socialSyncer', {
			parameters: rowParams('socialSyncer'),
			items: rows(3),
			executionId: 'ss-lost-answer',
		});
		expect(failed.error?.message).toBe(
			'The connection to SocialSyncerAPI was dropped before it answered',
		);
		expect(failed.error?.description).toMatch(/Not sent again/);
		const retried = await run('socialSyncer', {
			parameters: rowParams('socialSyncer'),
			items: rows(3),
			executionId: 'ss-lost-answer-retry',
			customData: failed.customData,
			onError: 'continueRegularOutput',
		});
		// The dropped answer's post exists: the look-up finds it and outputs it.
		expect(retried.main.map((item) => item.json.content)).toEqual(['Row 0', 'Row 1', 'Row 2']);
		expect([...postCounts('socialSyncer').values()]).toEqual([1, 1, 1]);
	});
});

describe.each(nodes)('%s: Retry Post is as safe as Create', (node) => {
	async function failedPost(): Promise<string> {
		sims[node].failPlatform('facebook', 'Page token expired');
		const created = await run(node, {
			parameters: rowParams(node, {
				platforms: {
					target: [
						{ platform: 'facebook', accountId: node === 'socialSyncer' ? 'fb_456' : '' },
						{ platform: 'twitter', accountId: node === 'socialSyncer' ? 'tw_789' : '' },
					],
				},
			}),
			items: [{ text: 'Retry me' }],
		});
		sims[node].requests.length = 0;
		return String(created.main[0].json.id);
	}

	it('sends an Idempotency-Key, and a re-run of the node does not retry the post again', async () => {
		const postId = await failedPost();
		const result = await run(node, {
			parameters: postIdParams('retry', '={{ $json.postId }}'),
			items: [{ bad: true }, { postId }],
			onError: 'continueRegularOutput',
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
		});
		expect(errorOf(result.main[0]).code).toBe('INVALID_PARAMETER');
		expect(result.main[1].json.failedPlatforms).toEqual([]);
		const retries = sims[node].processed('POST', /\/retry$/);
		expect(retries).toHaveLength(1);
		expect(retries[0].headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{40}$/);
	});

	it('succeeds on a 202 with an empty body, reading the post back', async () => {
		const postId = await failedPost();
		sims[node].script({ kind: 'acceptedEmpty', method: 'POST', path: /\/retry$/ });
		const result = await run(node, { parameters: postIdParams('retry', postId) });
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.id).toBe(postId);
		expect(result.main[0].json.failedPlatforms).toEqual([]);
		expect(sims[node].processed('POST', /\/retry$/)).toHaveLength(1);
		expect(sims[node].requestsTo('GET', `/posts/${postId}`)).toHaveLength(1);
	});
});

describe.each(nodes)('%s: an API that is down', (node) => {
	it('is not hammered: after 3 items failed in a row, the rest fail fast, each with its error', async () => {
		sims[node].script({ kind: 'status', status: 503, body: '', times: 1000 });
		const result = await run(node, {
			parameters: postIdParams('get', 'post_1'),
			items: Array.from({ length: 10 }, () => ({})),
			onError: 'continueRegularOutput',
		});
		expect(result.main).toHaveLength(10);
		const codes = result.main.map((item) => errorOf(item).code);
		expect(codes.slice(0, 3)).toEqual(['HTTP_503', 'HTTP_503', 'HTTP_503']);
		expect(codes.slice(3)).toEqual(Array(7).fill('API_UNAVAILABLE'));
		expect(errorOf(result.main[3]).message).toMatch(/looks down: this item was not sent/);
		expect(errorOf(result.main[3]).retryable).toBe(true);
		// 3 items × (1 + Max Retries 3) requests, then nothing.
		expect(sims[node].requests).toHaveLength(12);
	});

	it('keeps going while the API answers between failures', async () => {
		sims[node].script({ kind: 'status', status: 503, body: '', times: 8 });
		sims[node].script({ kind: 'status', status: 503, body: '', times: 8, skip: 9 });
		const result = await run(node, {
			parameters: postIdParams('get', 'post_missing'),
			items: Array.from({ length: 5 }, () => ({})),
			onError: 'continueRegularOutput',
		});
		expect(result.main.map((item) => errorOf(item).code)).not.toContain('API_UNAVAILABLE');
	});
});

describe('errors n8n made pass through as n8n made them', () => {
	it('an expression that names a renamed node', async () => {
		const result = await run('socialSyncer', {
			parameters: createParams({ content: "={{ $('Renamed Node').item.json.text }}" }),
		});
		expect(result.error?.name).toBe('ExpressionError');
		expect(result.error?.message).not.toMatch(/Unexpected problem|bug in the node/);
		expect(result.error?.message).toBe("Referenced node doesn't exist");
		expect(sims.socialSyncer.requests).toHaveLength(0);
	});
});
