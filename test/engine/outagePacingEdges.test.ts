/**
 * Edges of outages under Concurrency, Bulk Size from expressions and Requests per Minute
 * (written by an independent review of issue 22): flapping and hanging APIs, Max Wait 0,
 * slow and invalid paces. Each test asserts what the README promises.
 */
import { sleep, type IDataObject, type INodeParameters } from 'n8n-workflow';

import {
	createParams,
	errorOf,
	FAST_RETRIES,
	postIdParams,
	schedulalaCreateParams,
} from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName } from '../support/engine/harness';

jest.setTimeout(120_000);

const { sims, run } = useBothSimulators();

type Sim = (typeof sims)[NodeName];
/** Replaces the simulator's fault queue by a function of the request's number. */
function faultBy(
	sim: Sim,
	pick: (n: number, method: string, path: string) => IDataObject | undefined,
) {
	let n = 0;
	(sim as unknown as { takeFault: unknown }).takeFault = (method: string, path: string) =>
		pick(n++, method, path);
}
const restore: Array<() => void> = [];
afterEach(() => {
	for (const sim of Object.values(sims))
		delete (sim as unknown as { takeFault?: unknown }).takeFault;
	restore.splice(0).forEach((f) => f());
});

const existingPost = (node: NodeName): string => {
	const post = sims[node].seedPost({ content: 'Up', platforms: ['twitter'] }) as IDataObject;
	return String(post.id ?? post._id);
};
const getMany = (count: number, postId: string, requestOptions: IDataObject = {}) => ({
	parameters: postIdParams('get', postId, {
		requestOptions: {
			...FAST_RETRIES,
			concurrency: 5,
			...requestOptions,
		} as unknown as INodeParameters,
	}),
	items: Array.from({ length: count }, () => ({})),
});
const rows = (count: number) => Array.from({ length: count }, (_, i) => ({ text: `Row ${i}` }));
const creates = (node: NodeName) =>
	sims[node].requests.filter((r) => r.method === 'POST' && r.path === '/posts');

describe('outages under Concurrency', () => {
	it.each([5, 20])(
		'Schedulala Get: timeouts on every request, Concurrency %s: no more requests than one at a time (12)',
		async (concurrency) => {
			const postId = existingPost('schedulala');
			sims.schedulala.script({ kind: 'slow', delayMs: 1500, times: 1000 });
			const result = await run('schedulala', {
				...getMany(12, postId, { concurrency, timeout: 300 }),
				onError: 'continueRegularOutput',
			});
			expect(result.main).toHaveLength(12);
			expect(sims.schedulala.requests.length).toBeLessThanOrEqual(12);
		},
	);

	it.each([5, 20])(
		'Schedulala Get: ECONNRESET on every request, Concurrency %s: no more requests than one at a time (12)',
		async (concurrency) => {
			const postId = existingPost('schedulala');
			sims.schedulala.latencyMs = 30;
			sims.schedulala.script({ kind: 'resetBefore', times: 1000 });
			const result = await run('schedulala', {
				...getMany(12, postId, { concurrency }),
				onError: 'continueRegularOutput',
			});
			expect(result.main).toHaveLength(12);
			expect(sims.schedulala.requests.length).toBeLessThanOrEqual(12);
		},
	);

	it('SocialSyncerAPI Create: every connection dropped: taken to be down after 3 items, like 503', async () => {
		sims.socialSyncer.latencyMs = 30;
		sims.socialSyncer.script({ kind: 'resetBefore', times: 1000 });
		const result = await run('socialSyncer', {
			parameters: createParams({
				requestOptions: {
					...FAST_RETRIES,
					concurrency: 5,
					requestsPerMinute: 0,
				} as INodeParameters,
			}),
			items: rows(12),
			onError: 'continueRegularOutput',
		});
		expect(result.main).toHaveLength(12);
		expect(result.main.slice(3).map((item) => errorOf(item).code)).toEqual(
			Array(9).fill('API_UNAVAILABLE'),
		);
		expect(creates('socialSyncer').length).toBeLessThanOrEqual(3 + 4);
	});

	it('flapping API (503, 200, 503 …): every row out, no more requests than a one-at-a-time run', async () => {
		const postId = existingPost('schedulala');
		const count = async (concurrency: number) => {
			sims.schedulala.clear();
			const id = concurrency === 1 ? existingPost('schedulala') : postId;
			sims.schedulala.latencyMs = 20;
			faultBy(sims.schedulala, (n) =>
				n % 2 === 0 ? { kind: 'status', status: 503, body: '' } : undefined,
			);
			const result = await run('schedulala', {
				...getMany(12, concurrency === 1 ? id : postId, { concurrency }),
				onError: 'continueRegularOutput',
			});
			expect(result.main).toHaveLength(12);
			return sims.schedulala.requests.length;
		};
		const one = await count(1);
		const five = await count(5);
		expect(five).toBeLessThanOrEqual(one);
	});

	it.each(['socialSyncer', 'schedulala'] as NodeName[])(
		'%s Create, Concurrency 20, 503s with invalid rows mixed in: every row has its item, nothing twice, no more than one at a time',
		async (node) => {
			sims[node].latencyMs = 30;
			sims[node].script({ kind: 'status', status: 503, body: '', times: 1000 });
			const items = rows(12).map((row, i) => (i === 1 || i === 6 ? { text: '' } : row));
			const result = await run(node, {
				parameters: (node === 'socialSyncer' ? createParams : schedulalaCreateParams)({
					requestOptions: {
						...FAST_RETRIES,
						concurrency: 20,
						...(node === 'socialSyncer' ? { requestsPerMinute: 0 } : {}),
					} as INodeParameters,
				}),
				items,
				onError: 'continueRegularOutput',
			});
			expect(result.main).toHaveLength(12);
			expect(errorOf(result.main[1]).code).toBe('INVALID_PARAMETER');
			expect(errorOf(result.main[6]).code).toBe('INVALID_PARAMETER');
			expect(sims[node].requests.length).toBeLessThanOrEqual(node === 'schedulala' ? 12 : 3);
		},
	);

	it.each(['socialSyncer', 'schedulala'] as NodeName[])(
		'%s Create, the API acts then drops every other connection, Concurrency 5 + Retry On Fail: no post twice',
		async (node) => {
			sims[node].latencyMs = 30;
			faultBy(sims[node], (n, method, path) =>
				method === 'POST' && path === '/posts' && n % 2 === 1 ? { kind: 'dropAfter' } : undefined,
			);
			await run(node, {
				parameters: (node === 'socialSyncer' ? createParams : schedulalaCreateParams)({
					requestOptions: {
						...FAST_RETRIES,
						concurrency: 5,
						...(node === 'socialSyncer' ? { requestsPerMinute: 0 } : {}),
					} as INodeParameters,
				}),
				items: rows(10),
				retryOnFail: true,
				maxTries: 3,
				waitBetweenTries: 10,
			});
			const contents = [...sims[node].posts.values()].map((post) => post.content);
			expect(new Set(contents).size).toBe(contents.length);
		},
	);
});

describe('a hanging API (timeouts) on Create', () => {
	it.each(['socialSyncer', 'schedulala'] as NodeName[])(
		'%s Create, every answer later than Timeout, Concurrency 5: every row out, none posted twice, no more than a one-at-a-time run',
		async (node) => {
			const count = async (workers: number) => {
				sims[node].clear();
				sims[node].script({ kind: 'slow', delayMs: 1200, times: 1000 });
				const result = await run(node, {
					parameters: (node === 'socialSyncer' ? createParams : schedulalaCreateParams)({
						requestOptions: {
							...FAST_RETRIES,
							timeout: 300,
							concurrency: workers,
							...(node === 'socialSyncer' ? { requestsPerMinute: 0 } : {}),
						} as INodeParameters,
					}),
					items: rows(8),
					onError: 'continueRegularOutput',
				});
				expect(result.main).toHaveLength(8);
				await sleep(1500);
				const contents = [...sims[node].posts.values()].map((post) => post.content);
				expect(new Set(contents).size).toBe(contents.length);
				return sims[node].requests.length;
			};
			const one = await count(1);
			expect(await count(5)).toBeLessThanOrEqual(one);
		},
	);
});

describe('Retry On Fail on top of an outage, without Continue', () => {
	it.each(['socialSyncer', 'schedulala'] as NodeName[])(
		'%s Get, 503s, Concurrency 20 + Retry On Fail ×3: no more requests than a one-at-a-time run',
		async (node) => {
			const count = async (workers: number) => {
				sims[node].clear();
				const postId = existingPost(node);
				sims[node].latencyMs = 20;
				sims[node].script({ kind: 'status', status: 503, body: '', times: 1000 });
				const result = await run(node, {
					...getMany(12, postId, {
						concurrency: workers,
						...(node === 'socialSyncer' ? { requestsPerMinute: 0 } : {}),
					}),
					retryOnFail: true,
					maxTries: 3,
					waitBetweenTries: 10,
				});
				expect(result.error).toBeDefined();
				return sims[node].requests.length;
			};
			const one = await count(1);
			expect(await count(20)).toBeLessThanOrEqual(one);
		},
	);

	it('Schedulala Bulk, 503s, Concurrency 20 + Retry On Fail ×3: nothing posted, no more requests than a one-at-a-time run', async () => {
		const count = async (workers: number) => {
			sims.schedulala.clear();
			sims.schedulala.latencyMs = 20;
			sims.schedulala.script({ kind: 'status', status: 503, body: '', times: 10_000 });
			const result = await run('schedulala', {
				parameters: schedulalaCreateParams({
					content: '={{ $json.text }}',
					options: { bulk: true, bulkSize: 3 } as INodeParameters,
					requestOptions: { ...FAST_RETRIES, concurrency: workers } as INodeParameters,
				}),
				items: rows(30),
				retryOnFail: true,
				maxTries: 3,
				waitBetweenTries: 10,
			});
			expect(result.error).toBeDefined();
			expect(sims.schedulala.posts.size).toBe(0);
			return sims.schedulala.requests.length;
		};
		const one = await count(1);
		expect(await count(20)).toBeLessThanOrEqual(one);
	});
});

describe('Max Wait 0 and Stop under an outage', () => {
	it.each([5, 20])(
		'Schedulala Get, 503s, Max Wait 0, Concurrency %s: no more requests than a one-at-a-time run',
		async (concurrency) => {
			const count = async (workers: number) => {
				sims.schedulala.clear();
				const postId = existingPost('schedulala');
				sims.schedulala.latencyMs = 30;
				sims.schedulala.script({ kind: 'status', status: 503, body: '', times: 1000 });
				const result = await run('schedulala', {
					...getMany(12, postId, { concurrency: workers, maxWait: 0 }),
					onError: 'continueRegularOutput',
				});
				expect(result.main).toHaveLength(12);
				return sims.schedulala.requests.length;
			};
			const one = await count(1);
			expect(await count(concurrency)).toBeLessThanOrEqual(one);
		},
	);

	it('Stop during the one-at-a-time phase of a Bulk run: ends, sends nothing more', async () => {
		sims.schedulala.latencyMs = 30;
		sims.schedulala.script({ kind: 'status', status: 503, body: '', times: 1000 });
		const started = Date.now();
		const result = await run('schedulala', {
			parameters: schedulalaCreateParams({
				content: '={{ $json.text }}',
				options: { bulk: true, bulkSize: 2 } as INodeParameters,
				requestOptions: {
					...FAST_RETRIES,
					concurrency: 5,
					initialBackoff: 1000,
					maxWait: 60,
				} as INodeParameters,
			}),
			items: rows(20),
			onError: 'continueRegularOutput',
			cancelAfterMs: 500,
		});
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(result.run.status).toBe('canceled');
		expect(sims.schedulala.requests.length).toBeLessThanOrEqual(2 + 4);
	});
});

describe('Schedulala Bulk under an outage', () => {
	const bulkParams = (options: IDataObject = {}, requestOptions: IDataObject = {}) =>
		schedulalaCreateParams({
			content: '={{ $json.text }}',
			options: { bulk: true, ...options } as INodeParameters,
			requestOptions: { ...FAST_RETRIES, concurrency: 5, ...requestOptions } as INodeParameters,
		});

	it('60 rows, Bulk Size 5, API answers 503 to all: every row out, fails fast (no more than 3 batches × 4 + look-ups)', async () => {
		sims.schedulala.latencyMs = 20;
		sims.schedulala.script({ kind: 'status', status: 503, body: '', times: 10_000 });
		const result = await run('schedulala', {
			parameters: bulkParams({ bulkSize: 5 }),
			items: rows(60),
			onError: 'continueRegularOutput',
		});
		expect(result.main).toHaveLength(60);
		expect(sims.schedulala.posts.size).toBe(0);
		expect(result.main.slice(15).every((item) => errorOf(item).code === 'API_UNAVAILABLE')).toBe(
			true,
		);
		expect(sims.schedulala.requests.length).toBeLessThanOrEqual(16);
	});

	it('60 rows, Bulk Size 5, the API acts then drops the connection (flapping): no row lost, none posted twice', async () => {
		sims.schedulala.latencyMs = 20;
		faultBy(sims.schedulala, (n, method, path) =>
			method === 'POST' && path === '/posts/bulk' && n % 3 === 0
				? { kind: 'dropAfter' }
				: undefined,
		);
		const result = await run('schedulala', {
			parameters: bulkParams({ bulkSize: 5 }),
			items: rows(60),
			onError: 'continueRegularOutput',
		});
		expect(result.main).toHaveLength(60);
		const contents = [...sims.schedulala.posts.values()].map((post) => post.content);
		expect(new Set(contents).size).toBe(contents.length);
		expect(contents.length).toBe(60);
	});

	it('Bulk Size from an expression, different per item: no request holds more entries than any of its rows allows', async () => {
		const sizes = [2, 2, 2, 2, 2, 10, 10, 10, 3, 3, 3, 3, '4', 25.0, 25, 25];
		const result = await run('schedulala', {
			parameters: bulkParams({ bulkSize: '={{ $json.size }}' }),
			items: sizes.map((size, i) => ({ text: `Row ${i}`, size })),
			onError: 'continueRegularOutput',
		});
		expect(result.main).toHaveLength(sizes.length);
		expect(result.main.every((item) => item.json.error === undefined)).toBe(true);
		for (const request of sims.schedulala.requests.filter((r) => r.path === '/posts/bulk')) {
			const entries = (request.body as { posts: IDataObject[] }).posts;
			const indexes = entries.map((entry) => Number(String(entry.content).slice(4)));
			const limit = Math.min(...indexes.map((i) => Number(sizes[i])));
			expect(entries.length).toBeLessThanOrEqual(limit);
		}
	});

	it.each([
		['NaN', '={{ NaN }}'],
		['"0x10"', '0x10'],
		['Infinity', '={{ Infinity }}'],
	])('Bulk Size %s is INVALID_PARAMETER before any request', async (_, bulkSize) => {
		const result = await run('schedulala', {
			parameters: bulkParams({ bulkSize }),
			items: rows(3),
			onError: 'continueRegularOutput',
		});
		expect(result.main.map((item) => errorOf(item).code)).toEqual(
			Array(3).fill('INVALID_PARAMETER'),
		);
		expect(sims.schedulala.requests).toHaveLength(0);
	});

	it('Bulk Size 0 on item 6 of 10, without Continue: nothing is sent', async () => {
		const result = await run('schedulala', {
			parameters: bulkParams({ bulkSize: '={{ $json.size }}' }),
			items: rows(10).map((row, i) => ({ ...row, size: i === 5 ? 0 : 5 })),
		});
		expect(result.error?.message).toMatch(/Bulk Size/);
		expect(sims.schedulala.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});
});

describe('Requests per Minute edge values (SocialSyncerAPI)', () => {
	const paced = (requestsPerMinute: unknown, extra: IDataObject = {}) =>
		createParams({
			requestOptions: {
				...FAST_RETRIES,
				concurrency: 5,
				requestsPerMinute,
				...extra,
			} as INodeParameters,
		});

	it.each([
		[0.01, 60, 1],
		[0.01, 60, 5],
		[1, 60, 5],
		[1, 0, 1],
		[1, 0, 5],
		['1', 60, 1],
	])(
		'Requests per Minute %p (Max Wait %p, Concurrency %p) sends one request, not a burst',
		async (requestsPerMinute, maxWait, concurrency) => {
			sims.socialSyncer.latencyMs = 20;
			const result = await run('socialSyncer', {
				parameters: paced(requestsPerMinute, { maxWait, concurrency }),
				items: rows(3),
				cancelAfterMs: 2_000,
			});
			expect(creates('socialSyncer')).toHaveLength(1);
			expect(result.run.status).toBe('canceled');
		},
	);

	it.each([-1, 'sixty', '={{ "ten" }}'])(
		'Requests per Minute %p is refused (INVALID_PARAMETER), not silently unpaced',
		async (requestsPerMinute) => {
			sims.socialSyncer.latencyMs = 20;
			const result = await run('socialSyncer', {
				parameters: paced(requestsPerMinute),
				items: rows(3),
				onError: 'continueRegularOutput',
			});
			expect(result.main.map((item) => (item.json.error ? errorOf(item).code : 'sent'))).toEqual(
				Array(3).fill('INVALID_PARAMETER'),
			);
			expect(creates('socialSyncer')).toHaveLength(0);
		},
	);
});
