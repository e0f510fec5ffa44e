/**
 * Schedulala's bulk create through n8n-core's engine against the simulator:
 * consecutive items share requests of up to Bulk Size, the output is one item per
 * input item shaped like a single create's, refused entries become their own
 * items' errors, invalid items never enter a request, and after a lost or
 * unreadable answer nothing is posted twice.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { errorOf, FAST_RETRIES, schedulalaCreateParams } from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();

const rows = (count: number, invalid: number[] = [], tooLong: number[] = []) =>
	Array.from({ length: count }, (_, index) => ({
		text: invalid.includes(index) ? '' : tooLong.includes(index) ? 'x'.repeat(300) : `Row ${index}`,
	}));

const bulkParams = (options: IDataObject = {}, requestOptions: IDataObject = {}) =>
	schedulalaCreateParams({
		content: '={{ $json.text }}',
		options: { bulk: true, ...options } as INodeParameters,
		requestOptions: { ...FAST_RETRIES, ...requestOptions } as INodeParameters,
	});

const bulkRequests = () =>
	sims.schedulala.requests.filter(
		(request) => request.method === 'POST' && request.path === '/posts/bulk',
	);
const singleCreates = () =>
	sims.schedulala.requests.filter(
		(request) => request.method === 'POST' && request.path === '/posts',
	);
const contents = () => [...sims.schedulala.posts.values()].map((post) => post.content).sort();
const entriesOf = (request: { body: unknown }) => (request.body as { posts: IDataObject[] }).posts;

describe('Schedulala Bulk', () => {
	it('60 rows, 3 invalid, under Continue: 57 posts in 3 requests (25, 25, 7), errors in their places', async () => {
		const result = await run('schedulala', {
			parameters: bulkParams(),
			items: rows(60, [5, 30, 47]),
			onError: 'continueRegularOutput',
		});
		expect(result.error).toBeUndefined();
		expect(bulkRequests().map((request) => entriesOf(request).length)).toEqual([25, 25, 7]);
		expect(singleCreates()).toHaveLength(0);
		expect(sims.schedulala.posts.size).toBe(57);
		expect(result.main).toHaveLength(60);
		expect(result.main.map((item) => item.pairedItem)).toEqual(
			rows(60).map((_, index) => ({ item: index })),
		);
		for (const index of [5, 30, 47])
			expect(errorOf(result.main[index]).code).toBe('INVALID_PARAMETER');
		// No invalid row was in a request; the others went in input order.
		const sent = bulkRequests().flatMap((request) =>
			entriesOf(request).map((entry) => entry.content),
		);
		expect(sent).toEqual(
			rows(60, [5, 30, 47])
				.map((row) => row.text)
				.filter((text) => text !== ''),
		);
	});

	it('the output is shaped exactly like a single create', async () => {
		const single = await run('schedulala', {
			parameters: schedulalaCreateParams({
				content: 'One',
				requestOptions: FAST_RETRIES as unknown as INodeParameters,
			}),
			items: [{}],
		});
		const bulk = await run('schedulala', { parameters: bulkParams(), items: rows(3) });
		const shape = (json: IDataObject) => Object.keys(json).sort();
		expect(shape(bulk.main[0].json)).toEqual(shape(single.main[0].json));
		expect(bulk.main[0].json).toMatchObject({ status: 'posted', failedPlatforms: [] });
		expect(typeof bulk.main[0].json.id).toBe('string');
	});

	it("an entry the API refuses is that item's error item; the other entries succeed", async () => {
		const result = await run('schedulala', {
			parameters: bulkParams(),
			items: rows(4, [], [2]),
			onError: 'continueRegularOutput',
		});
		expect(bulkRequests()).toHaveLength(1);
		expect(entriesOf(bulkRequests()[0])).toHaveLength(4);
		const error = errorOf(result.main[2]);
		expect(error).toMatchObject({
			code: 'validation_error',
			message: 'Content too long for twitter',
			retryable: false,
			httpCode: 400,
		});
		expect((error.details as IDataObject).field).toBe('content');
		expect(sims.schedulala.posts.size).toBe(3);
		expect([0, 1, 3].map((index) => result.main[index].json.status)).toEqual([
			'posted',
			'posted',
			'posted',
		]);
	});

	it('without Continue, a refused entry fails the node naming the row and the rows created', async () => {
		const result = await run('schedulala', { parameters: bulkParams(), items: rows(4, [], [2]) });
		expect(String(result.error?.message)).toBe('Content too long for twitter');
		expect(String(result.error?.description)).toMatch(
			/^The node stopped at item 3; items 1-2, 4 had been done by then\./,
		);
		expect(sims.schedulala.posts.size).toBe(3);
	});

	it("n8n's Retry On Fail after that posts nothing twice", async () => {
		const result = await run('schedulala', {
			parameters: bulkParams(),
			items: rows(4, [], [2]),
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		});
		expect(result.error).toBeDefined();
		expect(sims.schedulala.posts.size).toBe(3);
		// The second try sent only the refused row again.
		expect(
			bulkRequests().map((request) => entriesOf(request).map((entry) => entry.content)),
		).toEqual([['Row 0', 'Row 1', 'x'.repeat(300), 'Row 3'], ['x'.repeat(300)]]);
	});

	it("the second batch's answer lost after it was processed: found among the posts, not sent again", async () => {
		sims.schedulala.script({ kind: 'dropAfter', method: 'POST', path: '/posts/bulk', skip: 1 });
		const result = await run('schedulala', {
			parameters: bulkParams({ bulkSize: 5 }),
			items: rows(12),
		});
		expect(result.error).toBeUndefined();
		expect(bulkRequests().map((request) => entriesOf(request).length)).toEqual([5, 5, 2]);
		expect(contents()).toEqual(
			rows(12)
				.map((row) => row.text)
				.sort(),
		);
		expect(result.main.map((item) => item.json.content)).toEqual(rows(12).map((row) => row.text));
		expect(
			sims.schedulala.requests.some(
				(request) => request.method === 'GET' && request.path === '/posts',
			),
		).toBe(true);
	});

	it('a lost answer and a failed look-up: those rows fail as "may already exist", none is sent again', async () => {
		sims.schedulala.script({ kind: 'dropAfter', method: 'POST', path: '/posts/bulk' });
		sims.schedulala.script({
			kind: 'error',
			status: 500,
			code: 'internal_error',
			message: 'Down',
			method: 'GET',
			path: '/posts',
			times: 10,
		});
		const result = await run('schedulala', {
			parameters: bulkParams(),
			items: rows(3),
			onError: 'continueRegularOutput',
		});
		expect(bulkRequests()).toHaveLength(1);
		for (const item of result.main) {
			const error = errorOf(item);
			expect(error.code).toBe('BULK_OUTCOME_UNKNOWN');
			expect(String(error.message)).toMatch(
				/^Checking which posts exist failed \(Down\): the post of item \d may already exist/,
			);
		}
		expect(sims.schedulala.posts.size).toBe(3);
	});

	it('a 5xx (not processed): the look-up finds nothing, the batch is sent again once, posts once', async () => {
		sims.schedulala.script({
			kind: 'error',
			status: 500,
			code: 'internal_error',
			message: 'Internal error',
			method: 'POST',
			path: '/posts/bulk',
		});
		const result = await run('schedulala', { parameters: bulkParams(), items: rows(6) });
		expect(result.error).toBeUndefined();
		expect(bulkRequests()).toHaveLength(2);
		expect(contents()).toEqual(
			rows(6)
				.map((row) => row.text)
				.sort(),
		);
	});

	it('a 429 holds the batch for its wait and sends it again: one request in the rate limit, posts once', async () => {
		sims.schedulala.script({
			kind: 'error',
			status: 429,
			code: 'rate_limit_exceeded',
			message: 'Too many requests',
			method: 'POST',
			path: '/posts/bulk',
			headers: { 'Retry-After': '1' },
		});
		const result = await run('schedulala', { parameters: bulkParams(), items: rows(6) });
		expect(result.error).toBeUndefined();
		const [limited, sent] = bulkRequests();
		expect(sent.at - limited.at).toBeGreaterThanOrEqual(1000);
		expect(sims.schedulala.posts.size).toBe(6);
	});

	it('an answer that cannot be mapped to the entries: those rows fail as "may already exist", nothing is guessed or re-sent', async () => {
		sims.schedulala.script({
			kind: 'status',
			status: 200,
			body: { success: true, data: { results: [{ ok: true }] } },
			method: 'POST',
			path: '/posts/bulk',
		});
		const result = await run('schedulala', {
			parameters: bulkParams(),
			items: rows(3),
			onError: 'continueRegularOutput',
		});
		expect(bulkRequests()).toHaveLength(1);
		for (const item of result.main) {
			const error = errorOf(item);
			expect(error.code).toBe('BULK_OUTCOME_UNKNOWN');
			expect(String(error.message)).toMatch(
				/bulk answer does not match the 3 entries sent: the post of item \d may already exist \(not sent again\)/,
			);
		}
	});

	it.each([0, 26, 99, 2.5, -1])(
		'Bulk Size %s is refused as INVALID_PARAMETER before any request, under Continue',
		async (bulkSize) => {
			const result = await run('schedulala', {
				parameters: bulkParams({ bulkSize }),
				items: rows(3),
				onError: 'continueRegularOutput',
			});
			expect(result.error).toBeUndefined();
			expect(result.main).toHaveLength(3);
			for (const item of result.main) {
				const error = errorOf(item);
				expect(error.code).toBe('INVALID_PARAMETER');
				expect(error.message).toBe(
					`Bulk Size must be a whole number from 1 to 25, not ${bulkSize}`,
				);
				expect(error.details).toEqual({ field: 'bulkSize' });
			}
			expect(sims.schedulala.requests).toHaveLength(0);
		},
	);

	it.each([0, 26])(
		'Bulk Size %s fails the node without Continue, naming the item, before any request',
		async (bulkSize) => {
			const result = await run('schedulala', {
				parameters: bulkParams({ bulkSize }),
				items: rows(30),
			});
			expect(result.error?.message).toBe(
				`Bulk Size must be a whole number from 1 to 25, not ${bulkSize}`,
			);
			expect(result.error?.context).toMatchObject({ itemIndex: 0 });
			expect(sims.schedulala.requests).toHaveLength(0);
		},
	);

	it('an expression giving one row an invalid Bulk Size refuses that row; the others go in bulk', async () => {
		const result = await run('schedulala', {
			parameters: bulkParams({ bulkSize: '={{ $json.size ?? 2 }}' }),
			items: [{ text: 'Row 0', size: 0 }, ...rows(4).slice(1)],
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0]).code).toBe('INVALID_PARAMETER');
		expect(result.main.slice(1).map((item) => item.json.content)).toEqual([
			'Row 1',
			'Row 2',
			'Row 3',
		]);
		expect(bulkRequests().map((request) => entriesOf(request).length)).toEqual([2, 1]);
	});

	it('Bulk Size 1 and 25 are taken; items without Bulk go one by one as before', async () => {
		await run('schedulala', { parameters: bulkParams({ bulkSize: 25 }), items: rows(30) });
		expect(bulkRequests().map((request) => entriesOf(request).length)).toEqual([25, 5]);
		sims.schedulala.clear();
		await run('schedulala', { parameters: bulkParams({ bulkSize: 1 }), items: rows(2) });
		expect(bulkRequests().map((request) => entriesOf(request).length)).toEqual([1, 1]);
		sims.schedulala.clear();
		await run('schedulala', {
			parameters: schedulalaCreateParams({
				content: '={{ $json.text }}',
				requestOptions: FAST_RETRIES as unknown as INodeParameters,
			}),
			items: rows(3),
		});
		expect(bulkRequests()).toHaveLength(0);
		expect(singleCreates()).toHaveLength(3);
	});
});
