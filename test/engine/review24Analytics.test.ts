/**
 * Independent review of issue 24's Schedulala Analytics: repro tests of what an n8n user or a
 * hostile API could do to it. A test that fails marks a real problem (its comment says what
 * should happen); the others are attacks that held.
 */
import { DateTime, Settings } from 'luxon';
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IPairedItemData,
} from 'n8n-workflow';

import example from '../../examples/weekly-post-metrics.json';
import { FAST_RETRIES, SCHEDULALA_KEY, SCHEDULALA_NO_ANALYTICS_KEY } from '../support/helpers';
import { codeNode } from '../support/codeNode';
import { runNode, type RunOptions } from '../support/engine/harness';
import { createSchedulalaSimulator } from '../support/simulators/schedulala';

const sim = createSchedulalaSimulator();
let baseUrl = '';
beforeAll(async () => (baseUrl = await sim.start()));
afterAll(async () => await sim.stop());
beforeEach(() => sim.clear());

const NO_RETRIES = { ...FAST_RETRIES, maxRetries: 0 };
const PATH = '/analytics/posts';

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
const sentCursors = () => sim.requestsTo('GET', PATH).map((r) => r.query.get('cursor'));
const rows = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ id: `r${from + i}`, likes: from + i }));
/** The next answer of /analytics/posts is this body (the request is still checked). */
const answerNext = (body: unknown) =>
	sim.script({ kind: 'replaceBody', path: PATH, body, status: 200 });
const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id);

describe('review 24 analytics: cursor paging against a hostile API', () => {
	// Expected: an answer that says there is more (hasMore: true) but gives no cursor the node
	// can read must not end Return All silently after one page: the user thinks they have all.
	it('hasMore: true without a readable cursor does not silently stop Return All', async () => {
		answerNext({ success: true, data: rows(0, 100), pagination: { hasMore: true } });
		const result = await run(metrics({ returnAll: true, requestOptions: NO_RETRIES }));
		expect(result.error?.message ?? '').toMatch(/cursor|more|page/i);
	});

	// Expected: Return All reads page 2 when the next cursor sits where APIs commonly put it.
	it.each([
		[
			'meta.pagination.nextCursor',
			{ success: true, data: rows(0, 100), meta: { pagination: { nextCursor: 'c2' } } },
		],
		[
			'a top-level cursor beside data: { posts }',
			{ success: true, data: { posts: rows(0, 100) }, nextCursor: 'c2' },
		],
		[
			'a `next` link carrying the cursor',
			{
				success: true,
				data: rows(0, 100),
				links: { next: 'https://x.example/api/v1/analytics/posts?cursor=c2' },
			},
		],
	])('Return All follows a cursor at %s', async (_place, firstPage) => {
		answerNext(firstPage);
		answerNext({ success: true, data: rows(100, 5), pagination: { nextCursor: null } });
		const result = await run(metrics({ returnAll: true, requestOptions: NO_RETRIES }));
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(105);
	});

	it('a cursor cycle A → B → A ends, each row once', async () => {
		answerNext({ success: true, data: rows(0, 100), nextCursor: 'A' });
		answerNext({ success: true, data: rows(100, 100), nextCursor: 'B' });
		answerNext({ success: true, data: rows(200, 100), nextCursor: 'A' });
		answerNext({ success: true, data: rows(300, 100), nextCursor: 'B' });
		const result = await run(metrics({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(sentCursors()).toEqual([null, 'A', 'B']);
		expect(result.main).toHaveLength(300);
		expect(new Set(ids(result.main)).size).toBe(300);
	});

	it('a last page with a cursor and no rows ends the list', async () => {
		answerNext({ success: true, data: rows(0, 100), nextCursor: 'A' });
		answerNext({ success: true, data: [], nextCursor: 'B' });
		answerNext({ success: true, data: rows(100, 100), nextCursor: 'C' });
		const result = await run(metrics({ returnAll: true }));
		expect(result.main).toHaveLength(100);
		expect(sentCursors()).toEqual([null, 'A']);
	});

	it('Return All stops at 10,000 rows (100 requests)', async () => {
		for (let page = 0; page < 102; page++)
			answerNext({ success: true, data: rows(page * 100, 100), nextCursor: `c${page + 1}` });
		const result = await run(metrics({ returnAll: true }));
		expect(result.main).toHaveLength(10_000);
		expect(sim.requestsTo('GET', PATH)).toHaveLength(100);
	}, 60_000);

	it('a 500, a 429 and a cut-off answer mid-pagination are retried with the same cursor: no row lost or doubled', async () => {
		sim.script({ kind: 'status', path: PATH, status: 500, skip: 1 });
		sim.script({
			kind: 'error',
			path: PATH,
			code: 'rate_limit_exceeded',
			status: 429,
			headers: { 'retry-after': '0' },
		});
		sim.script({ kind: 'truncated', path: PATH, skip: 1 });
		const result = await run(metrics({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(230);
		expect(new Set(ids(result.main)).size).toBe(230);
		const cursors = sentCursors();
		expect(cursors).toHaveLength(6);
		expect(new Set(cursors).size).toBe(3);
	});

	it('a 200 with success: false on page 2 is a NodeApiError, not half a list', async () => {
		sim.script({
			kind: 'replaceBody',
			path: PATH,
			skip: 1,
			body: { success: false, error: { code: 'internal_error', message: 'db gone' } },
			times: 10,
		});
		const result = await run(metrics({ returnAll: true, requestOptions: NO_RETRIES }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('db gone');
	});

	it.each([
		['an object instead of a list', { success: true, data: { id: 'x', likes: 1 } }],
		['rows under an unknown key', { success: true, analytics: rows(0, 3) }],
	])('%s is a clear NodeApiError', async (_name, body) => {
		answerNext(body);
		const result = await run(metrics({ requestOptions: NO_RETRIES }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/expected list/);
	});

	it('Limit 101 asks 100 then 1; Limit from an expression "1e3" is refused before sending', async () => {
		const result = await run(metrics({ limit: 101 }));
		expect(result.main).toHaveLength(101);
		expect(sim.requestsTo('GET', PATH).map((r) => r.query.get('limit'))).toEqual(['100', '1']);
		sim.clear();
		const refused = await run(metrics({ limit: '={{ "1e3" }}' }));
		expect(refused.error?.name).toBe('NodeOperationError');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('review 24 analytics: items, accounts, errors', () => {
	it('three items with Return All at concurrency 5: each item’s posts paired to it', async () => {
		const result = await run(
			metrics({
				accountId: account('={{ $json.account }}'),
				returnAll: true,
				requestOptions: { ...FAST_RETRIES, concurrency: 5 },
			}),
			{ items: [{ account: 'acc_tw_1' }, { account: 'acc_li_1' }, { account: 'acc_tw_1' }] },
		);
		expect(result.main).toHaveLength(465);
		const byItem = [0, 1, 2].map((index) =>
			result.main.filter((item) => (item.pairedItem as IPairedItemData).item === index),
		);
		expect(byItem.map((items) => items.length)).toEqual([230, 5, 230]);
		expect(byItem[1].every((item) => item.json.accountId === 'acc_li_1')).toBe(true);
		expect(byItem[2].every((item) => item.json.accountId === 'acc_tw_1')).toBe(true);
	});

	it('On Error: Continue, item 0 failing on page 2: its error paired to it, no half list, item 1 whole', async () => {
		sim.script({
			kind: 'error',
			path: PATH,
			status: 400,
			code: 'invalid_request',
			message: 'Invalid pagination cursor',
			skip: 1,
		});
		const result = await run(
			metrics({ accountId: account('={{ $json.account }}'), returnAll: true }),
			{
				items: [{ account: 'acc_tw_1' }, { account: 'acc_li_1' }],
				onError: 'continueRegularOutput',
			},
		);
		expect(result.main).toHaveLength(6);
		expect(result.main[0].json.error).toBeDefined();
		expect(result.main[0].pairedItem).toEqual({ item: 0 });
		expect(result.main.slice(1).every((item) => item.json.accountId === 'acc_li_1')).toBe(true);
	});

	// Expected: Analytics needs a paid plan; a 403 plan_limit_exceeded on an analytics report (a
	// plan without analytics) should not be explained as "posts or connected accounts" only.
	it('a plan refusal on an analytics report speaks of analytics, not only posts or accounts', async () => {
		sim.script({
			kind: 'error',
			path: '/analytics/daily',
			status: 403,
			code: 'plan_limit_exceeded',
			message: 'Your plan does not include this feature',
		});
		const result = await run({ operation: 'daily', requestOptions: NO_RETRIES });
		expect(result.error?.httpCode).toBe('403');
		expect(String(result.error?.description)).toMatch(/analytics/i);
	});

	// Expected: a deleted (or mistyped) account's 404 tells the user about the account; the
	// dialect's generic 404 advice talks about a post ID, which Post Metrics never takes.
	it('a deleted account’s 404 gives advice about the account, not a post ID', async () => {
		const result = await run(
			metrics({ accountId: account('acc_deleted'), requestOptions: NO_RETRIES }),
		);
		expect(result.error?.httpCode).toBe('404');
		const description = String(result.error?.description);
		expect(description).not.toMatch(/post ID/i);
		expect(description).toMatch(/account/i);
	});

	// Expected: an Account expression that gives an object (a whole Account → Get Many item)
	// is refused before any request, as the brief asks of bad input; not sent as "[object Object]".
	it('an Account that is an object is refused before sending', async () => {
		const result = await run(metrics({ accountId: account('={{ $json.account }}') }), {
			items: [{ account: { id: 'acc_tw_1', name: 'Main X' } }],
		});
		expect(sim.requestsTo('GET', PATH).map((r) => r.query.get('accountId'))).toEqual([]);
		expect(result.error?.name).toBe('NodeOperationError');
	});

	it('the 403 without the permission: advice on every analytics operation, the key nowhere', async () => {
		for (const operation of ['bestTime', 'followers', 'contentTypes', 'youtubeRetention']) {
			sim.clear();
			const result = await run(
				{ operation, requestOptions: NO_RETRIES },
				{ apiKey: SCHEDULALA_NO_ANALYTICS_KEY, onError: 'continueRegularOutput' },
			);
			expect(result.main).toHaveLength(1);
			const json = JSON.stringify(result.main[0].json);
			expect(json).toContain('lacks the analytics permission');
			expect(json).not.toContain(SCHEDULALA_NO_ANALYTICS_KEY);
			expect(JSON.stringify(result.run.data)).not.toContain(SCHEDULALA_NO_ANALYTICS_KEY);
		}
	});

	it('an error page that echoes the key does not carry it into the error', async () => {
		sim.script({
			kind: 'error',
			path: PATH,
			status: 400,
			code: 'invalid_request',
			message: `bad key ${SCHEDULALA_KEY} for cursor`,
		});
		const result = await run(metrics({ requestOptions: NO_RETRIES }));
		expect(result.error).toBeDefined();
		expect(JSON.stringify(result.run.data)).not.toContain(SCHEDULALA_KEY);
	});

	it('Refresh whose answer was lost is re-sent once and outputs one item', async () => {
		sim.script({ kind: 'dropAfter', method: 'POST', path: '/analytics/refresh' });
		const result = await run({ operation: 'refresh' });
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(1);
		expect(sim.requestsTo('POST', '/analytics/refresh')).toHaveLength(2);
	});

	it('as a tool, figures sent as text come back as numbers', async () => {
		sim.analytics.numbersAsStrings = true;
		const result = await run(metrics({ limit: 2 }), { asTool: true });
		expect(typeof result.main[0].json.likes).toBe('number');
		expect(typeof result.main[0].json.platformPostId).toBe('string');
	});
});

describe('review 24 analytics: numbers as numbers', () => {
	const report = (row: IDataObject) => {
		sim.script({
			kind: 'replaceBody',
			path: '/analytics/best-time',
			body: { success: true, data: [row] },
		});
		return run({ operation: 'bestTime' });
	};

	it('only clear decimals change: "1,234", "12.5%", "1e3", "007", huge, null stay as sent', async () => {
		const result = await report({
			posts: '12',
			rate: '4.50',
			thousands: '1,234',
			percent: '12.5%',
			exp: '1e3',
			padded: '007',
			huge: '123456789012345678',
			none: null,
		});
		expect(result.main[0].json).toEqual({
			posts: 12,
			rate: 4.5,
			thousands: '1,234',
			percent: '12.5%',
			exp: '1e3',
			padded: '007',
			huge: '123456789012345678',
			none: null,
		});
	});

	// Expected (README: "IDs, links and text stay as sent"): a name or title made of digits
	// stays text; only figures become numbers.
	it('text fields made of digits stay text', async () => {
		const result = await report({
			accountName: '2024',
			displayName: '42',
			videoTitle: '1984',
			hashtags: ['2026'],
		});
		expect(result.main[0].json).toEqual({
			accountName: '2024',
			displayName: '42',
			videoTitle: '1984',
			hashtags: ['2026'],
		});
	});
});

describe('review 24 analytics: the weekly example’s Code node and file name', () => {
	const code = example.nodes.find((node) => node.name === "Last week's posts")?.parameters
		.jsCode as string;
	const write = example.nodes.find((node) => node.name === 'Write the file')?.parameters
		.fileName as string;
	// The Code node's body, run with n8n's $now and $input.
	const lastWeek = codeNode(code);
	const keep = (now: DateTime, publishedAt: Array<string | undefined>) =>
		lastWeek(now, {
			all: () =>
				publishedAt.map((at, index) => ({
					json: { publishedAt: at },
					pairedItem: { item: index },
				})),
		}).map((item) => item.json.publishedAt);
	const fileDate = (now: DateTime) =>
		/\{\{ \$now\.startOf\('week'\)\.minus\(\{ weeks: 1 \}\)\.toFormat\('yyyy-MM-dd'\) \}\}/.test(
			write,
		)
			? now.startOf('week').minus({ weeks: 1 }).toFormat('yyyy-MM-dd')
			: 'changed';

	const locale = Settings.defaultLocale;
	afterEach(() => (Settings.defaultLocale = locale));

	it('across a year boundary, in Berlin, with a US locale: Monday to Monday local time', () => {
		// A US locale starts weeks on Sunday: the example must still use Monday.
		Settings.defaultLocale = 'en-US';
		const now = DateTime.fromISO('2027-01-04T08:00', { zone: 'Europe/Berlin' });
		expect(
			keep(now, [
				'2026-12-27T22:30:00Z',
				'2026-12-27T23:30:00Z',
				'2027-01-03T22:59:00Z',
				'2027-01-03T23:00:00Z',
			]),
		).toEqual(['2026-12-27T23:30:00Z', '2027-01-03T22:59:00Z']);
		expect(fileDate(now)).toBe('2026-12-28');
	});

	it('across the spring DST change (a 167-hour week)', () => {
		const now = DateTime.fromISO('2026-03-30T08:00', { zone: 'Europe/Berlin' });
		expect(
			keep(now, [
				'2026-03-22T22:59:00Z',
				'2026-03-22T23:00:00Z',
				'2026-03-29T21:59:00Z',
				'2026-03-29T22:00:00Z',
			]),
		).toEqual(['2026-03-22T23:00:00Z', '2026-03-29T21:59:00Z']);
		expect(fileDate(now)).toBe('2026-03-23');
	});

	// Expected: `publishedAt` is not a documented field (Schedulala's docs list id, platform,
	// platformPostId, postUrl, content …); if the real API names it otherwise, the example must
	// say so instead of writing no file at all, every Monday, without an error.
	it('rows without publishedAt make the example fail loudly, not write nothing', () => {
		const now = DateTime.fromISO('2026-12-07T08:00', { zone: 'UTC' });
		expect(() => keep(now, [undefined, undefined])).toThrow();
	});
});
