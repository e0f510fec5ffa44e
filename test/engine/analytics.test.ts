/**
 * Schedulala → Analytics through n8n-core's engine against the simulator: every
 * operation's request and output (one item per row, numbers as numbers, paired to its
 * input item), Post Metrics' Limit, Return All through the cursor, sort and order, the
 * 403 of a key without the analytics permission, the API's 400s, On Error: Continue and
 * answers that are not the API's JSON.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	errorOf,
	FAST_RETRIES,
	SCHEDULALA_KEY,
	SCHEDULALA_NO_ANALYTICS_KEY,
	SCHEDULALA_READONLY_KEY,
	schedulalaCreateParams,
} from '../support/helpers';
import { runNode, type RunOptions, searchList } from '../support/engine/harness';
import { createSchedulalaSimulator } from '../support/simulators/schedulala';

const sim = createSchedulalaSimulator();
let baseUrl = '';
beforeAll(async () => (baseUrl = await sim.start()));
afterAll(async () => await sim.stop());
beforeEach(() => sim.clear());

const NO_RETRIES = { ...FAST_RETRIES, maxRetries: 0 };

async function run(
	parameters: INodeParameters,
	options: Partial<Omit<RunOptions, 'parameters' | 'node' | 'baseUrl'>> = {},
) {
	return await runNode({
		node: 'schedulala',
		baseUrl,
		apiKey: SCHEDULALA_KEY,
		parameters: { resource: 'analytics', requestOptions: FAST_RETRIES, ...parameters },
		...options,
	});
}

const account = (value: string) => ({ __rl: true, mode: 'list', value });
const metrics = (extra: INodeParameters = {}) => ({
	operation: 'postMetrics',
	accountId: account('acc_tw_1'),
	...extra,
});
const queries = (path: string) =>
	sim.requestsTo('GET', path).map((request) => Object.fromEntries(request.query.entries()));

describe('Schedulala: Analytics → Post Metrics', () => {
	it('sends the account, limit, sort and order, with the key, and outputs one item per post', async () => {
		const result = await run(metrics({ limit: 7 }));
		expect(result.error).toBeUndefined();
		expect(queries('/analytics/posts')).toEqual([
			{ accountId: 'acc_tw_1', limit: '7', sort: 'date', order: 'desc' },
		]);
		expect(sim.requests[0].headers.authorization).toBe(`Bearer ${SCHEDULALA_KEY}`);
		expect(result.main).toHaveLength(7);
		const first = result.main[0].json;
		expect(first).toMatchObject({ platform: 'twitter', accountId: 'acc_tw_1' });
		expect(typeof first.likes).toBe('number');
		expect(typeof first.impressions).toBe('number');
		expect(first.id).toMatch(/^[0-9a-f]{24}$/);
		// Newest first by default.
		const dates = result.main.map((item) => String(item.json.publishedAt));
		expect([...dates].sort().reverse()).toEqual(dates);
		expect(result.main.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(
			true,
		);
	});

	it('Return All follows the cursor over three pages, each post once', async () => {
		const result = await run(metrics({ returnAll: true }));
		expect(result.main).toHaveLength(230);
		expect(new Set(result.main.map((item) => item.json.id)).size).toBe(230);
		const sent = queries('/analytics/posts');
		expect(sent).toHaveLength(3);
		expect(sent.map((query) => query.limit)).toEqual(['100', '100', '100']);
		expect(sent[0].cursor).toBeUndefined();
		expect(sent[1].cursor).toEqual(expect.any(String));
		expect(sent[2].cursor).not.toBe(sent[1].cursor);
	});

	it('a Limit above one page reads two pages and stops at the Limit', async () => {
		const result = await run(metrics({ limit: 150 }));
		expect(result.main).toHaveLength(150);
		expect(queries('/analytics/posts').map((query) => query.limit)).toEqual(['100', '50']);
	});

	it.each(['top', 'meta'])('finds the next cursor at the %s of the answer', async (place) => {
		sim.analytics.cursorPlace = place;
		const result = await run(metrics({ returnAll: true }));
		expect(result.main).toHaveLength(230);
		expect(queries('/analytics/posts')).toHaveLength(3);
	});

	it('stops on a repeated cursor instead of looping, each post once', async () => {
		sim.analytics.repeatCursor = true;
		const result = await run(metrics({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(100);
		expect(queries('/analytics/posts').length).toBeLessThanOrEqual(3);
	});

	it('sorts and orders as asked', async () => {
		const result = await run(metrics({ sort: 'likes', order: 'asc', limit: 20 }));
		expect(queries('/analytics/posts')[0]).toMatchObject({ sort: 'likes', order: 'asc' });
		const likes = result.main.map((item) => item.json.likes as number);
		expect([...likes].sort((a, b) => a - b)).toEqual(likes);
	});

	it('numeric strings become numbers; IDs, links and text stay as sent', async () => {
		sim.analytics.numbersAsStrings = true;
		const result = await run(metrics({ limit: 3 }));
		const row = result.main[0].json;
		expect(row).toMatchObject({
			impressions: expect.any(Number),
			likes: expect.any(Number),
			engagementRate: expect.any(Number),
			platformPostId: expect.stringMatching(/^1784\d+$/),
			id: expect.stringMatching(/^[0-9a-f]{24}$/),
			postUrl: expect.stringMatching(/^https:/),
		});
		expect(typeof row.content).toBe('string');
	});

	it('each input item gets its own account’s posts, paired to it', async () => {
		const result = await run(
			metrics({ accountId: account('={{ $json.account }}'), returnAll: true }),
			{ items: [{ account: 'acc_li_1' }, { account: 'acc_tw_1' }] },
		);
		expect(result.main).toHaveLength(235);
		expect(result.main.slice(0, 5).map((item) => item.json.accountId)).toEqual(
			Array(5).fill('acc_li_1'),
		);
		expect(result.main.slice(0, 5).map((item) => item.pairedItem)).toEqual(
			Array(5).fill({ item: 0 }),
		);
		expect(result.main[5].pairedItem).toEqual({ item: 1 });
	});

	it('an empty Account is refused before any request, naming the item', async () => {
		// An expression that comes out empty (n8n itself refuses a literal empty required field).
		const result = await run(metrics({ accountId: account('={{ $json.account }}') }));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Account is empty');
		expect((result.error?.context as IDataObject).itemIndex).toBe(0);
		expect(sim.requests).toHaveLength(0);
	});

	it('a Limit from an expression may be a number as text; anything else is refused before sending', async () => {
		const fromText = await run(metrics({ limit: '={{ "3" }}' }));
		expect(fromText.main).toHaveLength(3);
		sim.clear();
		const refused = await run(metrics({ limit: '={{ 0 }}' }));
		expect(refused.error?.message).toBe('Limit must be a whole number of 1 or more, not "0"');
		expect(sim.requests).toHaveLength(0);
	});

	it('the API’s 400 (a sort it does not know) is a NodeApiError with its own message', async () => {
		const result = await run(metrics({ sort: 'views', requestOptions: NO_RETRIES }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('sort must be one of date, likes, impressions, engagement');
		expect(result.error?.httpCode).toBe('400');
		expect(String(result.error?.description)).toContain('validation_error');
		expect(sim.requestsTo('GET', '/analytics/posts')).toHaveLength(1);
	});
});

describe('Schedulala: analytics as an AI agent’s tool', () => {
	it('the tool call gets each row with its figures, not compacted like an account', async () => {
		const result = await run(metrics({ limit: 2 }), { asTool: true });
		expect(result.main).toHaveLength(2);
		expect(result.main[0].json).toMatchObject({
			accountId: 'acc_tw_1',
			platform: 'twitter',
			likes: expect.any(Number),
			impressions: expect.any(Number),
			postUrl: expect.stringMatching(/^https:/),
		});
	});
});

describe('Schedulala: the analytics account picker', () => {
	it('lists every connected account (no platform to narrow it)', async () => {
		const { results } = await searchList('searchAccounts', {
			node: 'schedulala',
			parameters: { resource: 'analytics', operation: 'postMetrics', accountId: account('') },
			path: 'parameters.accountId',
			baseUrl,
			apiKey: SCHEDULALA_KEY,
		});
		expect(results.map((result) => result.value)).toEqual(['acc_tw_1', 'acc_li_1', 'acc_ig_1']);
		expect(queries('/accounts')).toEqual([{}]);
	});
});

describe('Schedulala: the other analytics reports', () => {
	it.each([
		['daily', '/analytics/daily', 30, ['impressions', 'likes', 'comments', 'shares']],
		['bestTime', '/analytics/best-time', 3, ['hour', 'avgEngagement', 'posts']],
		['followers', '/analytics/followers', 30, ['followers', 'change']],
		['contentTypes', '/analytics/content-types', 3, ['posts', 'avgImpressions', 'avgLikes']],
		['youtubeRetention', '/analytics/retention', 5, ['elapsedRatio', 'audienceWatchRatio']],
	])('%s: GET %s, one item per row with numbers', async (operation, path, rows, numeric) => {
		sim.analytics.numbersAsStrings = true;
		const result = await run({ operation, accountId: account('acc_tw_1') }, { items: [{}, {}] });
		expect(result.error).toBeUndefined();
		expect(queries(path)).toEqual([{ accountId: 'acc_tw_1' }, { accountId: 'acc_tw_1' }]);
		expect(result.main).toHaveLength(rows * 2);
		for (const field of numeric) expect(typeof result.main[0].json[field]).toBe('number');
		expect(result.main[0].pairedItem).toEqual({ item: 0 });
		expect(result.main[rows].pairedItem).toEqual({ item: 1 });
	});

	it('without an account, sends none', async () => {
		await run({ operation: 'bestTime' });
		expect(queries('/analytics/best-time')).toEqual([{}]);
	});

	it('Daily and Followers send From and To as ISO dates', async () => {
		const to = new Date(Date.now() - 86_400_000 * 3).toISOString();
		const from = new Date(Date.now() - 86_400_000 * 10).toISOString();
		const result = await run({ operation: 'daily', filters: { from, to } });
		expect(queries('/analytics/daily')).toEqual([{ from, to }]);
		expect(result.main.length).toBeGreaterThan(5);
		expect(result.main.length).toBeLessThan(9);
	});

	it('YouTube Retention sends the video ID', async () => {
		const result = await run({ operation: 'youtubeRetention', filters: { videoId: 'yt_42' } });
		expect(queries('/analytics/retention')).toEqual([{ videoId: 'yt_42' }]);
		expect(result.main[0].json).toMatchObject({ videoId: 'yt_42', elapsedRatio: 0 });
	});

	it('a date that is not a date is refused before any request', async () => {
		const result = await run({ operation: 'followers', filters: { from: 'last tuesday' } });
		expect(result.error?.message).toBe('From is not a valid date: "last tuesday"');
		expect(sim.requests).toHaveLength(0);
	});

	it('Refresh: POST with the account, its answer as one item, re-sent after a 500', async () => {
		sim.script({ kind: 'status', method: 'POST', path: '/analytics/refresh', status: 500 });
		const result = await run({ operation: 'refresh', accountId: account('acc_tw_1') });
		expect(result.error).toBeUndefined();
		const posts = sim.requestsTo('POST', '/analytics/refresh');
		expect(posts).toHaveLength(2);
		expect(posts[1].body).toEqual({ accountId: 'acc_tw_1' });
		expect(sim.analytics.refreshes).toBe(1);
		expect(result.main).toHaveLength(1);
		expect(result.main[0].json).toMatchObject({ refreshing: true, accountId: 'acc_tw_1' });
	});
});

describe('Schedulala: Refresh answered without a body', () => {
	it('a 202 without a body is the refresh accepted, sent once', async () => {
		sim.script({ kind: 'acceptedEmpty', method: 'POST', path: '/analytics/refresh', status: 202 });
		const result = await run({ operation: 'refresh', accountId: account('acc_tw_1') });
		expect(result.error).toBeUndefined();
		expect(result.main.map((item) => item.json)).toEqual([{ accepted: true }]);
		expect(sim.requestsTo('POST', '/analytics/refresh')).toHaveLength(1);
	});

	it('a GET report answered with an empty body is still an error', async () => {
		sim.script({ kind: 'acceptedEmpty', path: '/analytics/daily', status: 200, times: 10 });
		const result = await run({ operation: 'daily', requestOptions: NO_RETRIES });
		expect(result.error?.message).toMatch(/empty body/);
	});
});

describe('Schedulala: analytics errors', () => {
	it.each(['postMetrics', 'daily', 'refresh'])(
		'%s with a key lacking the analytics permission says so and how to grant it',
		async (operation) => {
			const result = await run(
				{ operation, accountId: account('acc_tw_1') },
				{ apiKey: SCHEDULALA_NO_ANALYTICS_KEY },
			);
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.httpCode).toBe('403');
			expect(result.error?.message).toBe("This API key doesn't have the analytics permission");
			const description = String(result.error?.description);
			expect(description).toContain('error code forbidden (HTTP 403)');
			expect(description).toContain('lacks the analytics permission');
			expect(description).toContain('create a key with the analytics permission');
			expect(description).toContain('dashboard');
			// A 403 is not retried.
			expect(sim.requests).toHaveLength(1);
		},
	);

	it('other operations keep their own advice for a 403', async () => {
		const result = await runNode({
			node: 'schedulala',
			baseUrl,
			apiKey: SCHEDULALA_READONLY_KEY,
			parameters: schedulalaCreateParams(),
		});
		expect(result.error?.httpCode).toBe('403');
		expect(String(result.error?.description)).not.toContain('lacks the analytics permission');
		expect(String(result.error?.description)).toContain('Give the key that permission');
	});

	it('On Error: Continue outputs the failing item’s error and runs the next', async () => {
		const result = await run(metrics({ accountId: account('={{ $json.account }}'), limit: 2 }), {
			items: [{ account: 'acc_nope' }, { account: 'acc_tw_1' }],
			onError: 'continueRegularOutput',
		});
		expect(result.main).toHaveLength(3);
		expect(errorOf(result.main[0])).toMatchObject({
			code: 'not_found',
			httpCode: 404,
			message: 'Account not found',
		});
		expect(result.main[0].pairedItem).toEqual({ item: 0 });
		expect(result.main[1].json.accountId).toBe('acc_tw_1');
		expect(result.main[2].pairedItem).toEqual({ item: 1 });
	});

	it('the 403 under Continue (using error output) goes to the error output', async () => {
		const result = await run(metrics(), {
			apiKey: SCHEDULALA_NO_ANALYTICS_KEY,
			onError: 'continueErrorOutput',
		});
		expect(result.main).toHaveLength(0);
		expect(errorOf(result.errorOutput[0])).toMatchObject({ code: 'forbidden', httpCode: 403 });
	});

	it.each([
		['an HTML page', { kind: 'html' }, /HTML page instead of JSON/],
		['an empty body', { kind: 'empty' }, /empty body/],
	])('%s is a clear NodeApiError', async (_name, fault, message) => {
		sim.script({ ...fault, path: '/analytics/posts', times: 10 });
		const result = await run(metrics({ requestOptions: NO_RETRIES }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).not.toMatch(/TypeError|undefined|Unexpected token/);
	});
});
