/**
 * The re-run record's edges, found by an independent review: a coarsened record re-run in
 * the same process, input order after the look-up, a failed look-up, Stop during it, deletes
 * and Bulk when custom data is full, user keys on Schedulala, the AI tool in a Retry.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createParams, errorOf, FAST_RETRIES, schedulalaCreateParams } from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName } from '../support/engine/harness';
import {
	failAt as failWith429,
	inAnotherProcess,
	postsByText as postsOf,
	rows,
} from '../support/engine/record';

const { sims, keys, urls, run } = useBothSimulators();

const opts = (concurrency: number) => ({
	...FAST_RETRIES,
	concurrency,
	requestsPerMinute: 60_000,
});

const params = (node: NodeName, concurrency = 5, extra: INodeParameters = {}): INodeParameters =>
	node === 'socialSyncer'
		? createParams({
				content: '={{ $json.text }}',
				requestOptions: opts(concurrency),
				...extra,
			})
		: schedulalaCreateParams({
				content: '={{ $json.text }}',
				requestOptions: opts(concurrency),
				...extra,
			});

const postsByText = (node: NodeName) => postsOf(sims[node]);

function notOnce(node: NodeName, texts: string[]) {
	const counts = postsByText(node);
	return texts.filter((text) => counts.get(text) !== 1).map((t) => `${t}:${counts.get(t) ?? 0}`);
}

const failAt = (node: NodeName, skip: number, path = '/posts') =>
	failWith429(sims[node], node, skip, path);

const tenKeys = Object.fromEntries(
	Array.from({ length: 10 }, (_, index) => [`k${index + 1}`, 'v']),
);

describe('coarsened record, re-run in the SAME process', () => {
	// 50 rows in flight together, every other one refused (429 beyond Max Wait: never acted).
	// A long root execution id leaves little room, so the 25 scattered ranges get coarsened.
	const longId = `exec-${'x'.repeat(150)}`;
	function refuseOdd() {
		for (let index = 0; index < 25; index++)
			sims.socialSyncer.script({
				kind: 'error',
				method: 'POST',
				path: '/posts',
				skip: 1,
				code: 'RATE_LIMIT_EXCEEDED',
				message: 'Rate limit exceeded',
				status: 429,
				headers: { 'Retry-After': '3600' },
			});
	}

	it('Retry of the failed execution in the same process posts the gap rows (only "another process" may refuse them)', async () => {
		refuseOdd();
		const failed = await run('socialSyncer', {
			parameters: params('socialSyncer', 50),
			items: rows(50),
			executionId: longId,
		});
		expect(failed.error).toBeDefined();
		expect(String(failed.error?.description)).toMatch(/in outline/);
		const retried = await run('socialSyncer', {
			parameters: params('socialSyncer', 50),
			items: rows(50),
			executionId: `${longId}-retry`,
			mode: 'retry',
			customData: failed.customData,
		});
		expect(retried.error?.message).toBeUndefined();
		expect(
			notOnce(
				'socialSyncer',
				rows(50).map((row) => row.text),
			),
		).toEqual([]);
	});

	it('Retry On Fail (same execution) posts the gap rows', async () => {
		refuseOdd();
		const result = await run('socialSyncer', {
			parameters: params('socialSyncer', 50),
			items: rows(50),
			executionId: `${longId}-rof`,
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		});
		expect(result.error?.message).toBeUndefined();
		expect(
			notOnce(
				'socialSyncer',
				rows(50).map((row) => row.text),
			),
		).toEqual([]);
	});
});

describe('Concurrency 5, 10 user keys, Retry in another process, some found some not', () => {
	it('finds the 20 made, posts the other 20 once, in input order', async () => {
		const startedAt = Date.now();
		failAt('socialSyncer', 20);
		const failed = await run('socialSyncer', {
			parameters: params('socialSyncer', 5),
			items: rows(40),
			customData: tenKeys,
			chainStartedAt: startedAt,
		});
		expect(failed.error).toBeDefined();
		const made = sims.socialSyncer.posts.size;
		const before = sims.socialSyncer.requests.length;
		const retried = await inAnotherProcess({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: keys.socialSyncer,
			parameters: params('socialSyncer', 5),
			items: rows(40),
			mode: 'retry',
			customData: failed.customData,
			chainStartedAt: startedAt,
		});
		expect(retried.error?.message).toBeUndefined();
		expect(retried.main.map((item) => item.json.content)).toEqual(rows(40).map((r) => r.text));
		expect(
			notOnce(
				'socialSyncer',
				rows(40).map((row) => row.text),
			),
		).toEqual([]);
		const posts = sims.socialSyncer.requests
			.slice(before)
			.filter((request) => request.method === 'POST')
			.map((request) => Number(String(request.body.content).split(' ')[1]));
		expect(posts).toHaveLength(40 - made);
		expect(posts).toEqual([...posts].sort((a, b) => a - b));
	});
});

describe('the look-up fails during a Retry in another process', () => {
	async function failedRun() {
		failAt('socialSyncer', 6);
		const failed = await run('socialSyncer', {
			parameters: params('socialSyncer', 5),
			items: rows(12),
		});
		expect(failed.error).toBeDefined();
		return failed;
	}
	const retry = async (customData: Record<string, string>) =>
		await inAnotherProcess({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: keys.socialSyncer,
			parameters: params('socialSyncer', 5),
			items: rows(12),
			mode: 'retry',
			customData,
			onError: 'continueRegularOutput',
		});

	it.each([
		[
			'429 beyond Max Wait',
			{
				kind: 'error',
				status: 429,
				code: 'RATE_LIMIT_EXCEEDED',
				message: 'Rate limit exceeded',
				headers: { 'Retry-After': '3600' },
			},
		],
		['HTML', { kind: 'html' }],
		['500 every time', { kind: 'status', status: 500, times: 20 }],
	])(
		'%s: no row posted twice, every earlier row has its own error, nothing hangs',
		async (_, fault) => {
			const failed = await failedRun();
			sims.socialSyncer.script({
				method: 'GET',
				path: '/posts',
				...(fault as IDataObject),
			} as never);
			const started = Date.now();
			const retried = await retry(failed.customData);
			expect(Date.now() - started).toBeLessThan(20_000);
			expect(
				notOnce(
					'socialSyncer',
					rows(12).map((row) => row.text),
				).filter((t) => !t.endsWith(':0')),
			).toEqual([]);
			expect(retried.main).toHaveLength(12);
			// Each error item is about its own item (itemIndex in its error, when named).
			const misattributed = retried.main
				.map((item, index) => ({ index, error: item.json.error as IDataObject | undefined }))
				.filter(({ error }) => error !== undefined)
				.filter(({ index, error }) => {
					const text = JSON.stringify(error);
					const named = /item (\d+)/i.exec(text);
					return named !== null && Number(named[1]) !== index + 1;
				});
			expect(misattributed).toEqual([]);
		},
	);
});

describe('Stop during the look-up', () => {
	it('sends nothing after the Stop', async () => {
		const startedAt = Date.now();
		failAt('socialSyncer', 4);
		const failed = await run('socialSyncer', {
			parameters: params('socialSyncer', 5),
			items: rows(10),
			customData: tenKeys,
			chainStartedAt: startedAt,
		});
		expect(failed.error).toBeDefined();
		sims.socialSyncer.script({ kind: 'slow', method: 'GET', path: '/posts', delayMs: 1500 });
		const before = sims.socialSyncer.requests.length;
		const t0 = Date.now();
		await inAnotherProcess({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: keys.socialSyncer,
			parameters: params('socialSyncer', 5),
			items: rows(10),
			mode: 'retry',
			customData: failed.customData,
			chainStartedAt: startedAt,
			cancelAfterMs: 200,
		});
		const posted = sims.socialSyncer.requests
			.slice(before)
			.filter((request) => request.method === 'POST' && request.at > t0 + 200);
		expect(posted).toHaveLength(0);
	});
});

describe('Delete in a Retry in another process, custom data full (10 user keys)', () => {
	it.each(['socialSyncer', 'schedulala'] as NodeName[])(
		'%s: posts deleted by the failed run count as deleted, not NOT_FOUND',
		async (node) => {
			for (let index = 0; index < 4; index++) {
				const id = `p_del_${index}`;
				const post: IDataObject = { content: `Post ${id}`, status: 'scheduled', platforms: [] };
				sims[node].posts.set(id, node === 'socialSyncer' ? { id, ...post } : { _id: id, ...post });
			}
			sims[node].script({ kind: 'status', method: 'DELETE', status: 500, skip: 2, times: 10 });
			const deleteParams = {
				resource: 'post',
				operation: 'delete',
				postId: '={{ $json.postId }}',
				requestOptions: { ...FAST_RETRIES, maxRetries: 0 },
			};
			const input = Array.from({ length: 4 }, (_, index) => ({ postId: `p_del_${index}` }));
			const failed = await run(node, {
				parameters: deleteParams,
				items: input,
				customData: tenKeys,
				chainStartedAt: Date.now(),
			});
			expect(failed.error).toBeDefined();
			sims[node].faults = [];
			const retried = await inAnotherProcess({
				node,
				baseUrl: urls[node],
				apiKey: keys[node],
				parameters: deleteParams,
				items: input,
				mode: 'retry',
				customData: failed.customData,
			});
			expect(retried.error?.message).toBeUndefined();
			expect(retried.main.map((item) => item.json)).toEqual(
				input.map((row) => ({ id: row.postId, deleted: true })),
			);
		},
	);
});

describe('Schedulala, user Idempotency Key, Retry in another process', () => {
	const p = (concurrency: number) =>
		params('schedulala', concurrency, { options: { idempotencyKey: '={{ $json.rowId }}' } });
	const sheet = (count: number) =>
		Array.from({ length: count }, (_, index) => ({ text: `Row ${index}`, rowId: `row-${index}` }));

	it.each([
		['with room for the record', {}],
		['with 10 user keys', tenKeys],
	])('%s: each row posted once, all output', async (_, userKeys) => {
		const startedAt = Date.now();
		failAt('schedulala', 5);
		const failed = await run('schedulala', {
			parameters: p(5),
			items: sheet(12),
			customData: userKeys as Record<string, string>,
			chainStartedAt: startedAt,
		});
		expect(failed.error).toBeDefined();
		const retried = await inAnotherProcess({
			node: 'schedulala',
			baseUrl: urls.schedulala,
			apiKey: keys.schedulala,
			parameters: p(5),
			items: sheet(12),
			mode: 'retry',
			customData: failed.customData,
			chainStartedAt: startedAt,
		});
		expect(retried.error?.message).toBeUndefined();
		expect(retried.main.map((item) => item.json.content)).toEqual(sheet(12).map((r) => r.text));
		expect(
			notOnce(
				'schedulala',
				sheet(12).map((row) => row.text),
			),
		).toEqual([]);
	});

	it('Bulk, 10 user keys, another process: each row posted once', async () => {
		const bulkParams = params('schedulala', 2, {
			options: { bulk: true, bulkSize: 5, idempotencyKey: '={{ $json.rowId }}' },
		});
		const startedAt = Date.now();
		failAt('schedulala', 2);
		sims.schedulala.faults[0].path = '/posts/bulk';
		const failed = await run('schedulala', {
			parameters: bulkParams,
			items: sheet(20),
			customData: tenKeys,
			chainStartedAt: startedAt,
		});
		expect(failed.error).toBeDefined();
		const retried = await inAnotherProcess({
			node: 'schedulala',
			baseUrl: urls.schedulala,
			apiKey: keys.schedulala,
			parameters: bulkParams,
			items: sheet(20),
			mode: 'retry',
			customData: failed.customData,
			chainStartedAt: startedAt,
		});
		expect(retried.error?.message).toBeUndefined();
		expect(
			notOnce(
				'schedulala',
				sheet(20).map((row) => row.text),
			),
		).toEqual([]);
	});
});

describe('AI tool variant in a Retry', () => {
	it('a tool run after a failed run of the same chain posts nothing twice, errors returned', async () => {
		failAt('socialSyncer', 2);
		const failed = await run('socialSyncer', {
			parameters: params('socialSyncer', 1),
			items: rows(4),
		});
		expect(failed.error).toBeDefined();
		const retried = await inAnotherProcess({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: keys.socialSyncer,
			parameters: params('socialSyncer', 1),
			items: rows(4),
			mode: 'retry',
			customData: failed.customData,
			asTool: true,
		});
		expect(retried.error).toBeUndefined();
		expect(
			notOnce(
				'socialSyncer',
				rows(4).map((row) => row.text),
			),
		).toEqual([]);
	});
});

void errorOf;
