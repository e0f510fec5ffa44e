import type { IDataObject } from 'n8n-workflow';

import {
	errorOf,
	FAST_RETRIES,
	postIdParams,
	SCHEDULALA_KEY,
	SCHEDULALA_READONLY_KEY,
	SCHEDULALA_TEST_KEY,
	schedulalaCreateParams,
	serveDuringTests,
	UNKNOWN_KEY,
	visibleText,
} from '../helpers';
import { createSchedulalaSimulator, STATUS_FOR_CODE } from '../simulators/schedulala';
import { runNode, type RunOptions } from './harness';

const sim = createSchedulalaSimulator();
const baseUrl = serveDuringTests(sim);

const run = async (
	options: Omit<RunOptions, 'node' | 'baseUrl' | 'apiKey'> & { apiKey?: string },
) => await runNode({ node: 'schedulala', baseUrl: baseUrl(), apiKey: SCHEDULALA_KEY, ...options });

const NO_RETRIES = { ...FAST_RETRIES, maxRetries: 0 };
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('Schedulala node: Create Post', () => {
	it('publishes now, unwraps { success, post } and copies _id to id', async () => {
		const result = await run({ parameters: schedulalaCreateParams({ content: 'Hello' }) });
		expect(result.error).toBeUndefined();
		const post = result.main[0].json;
		expect(post.id).toBe(post._id);
		expect(post).toMatchObject({ status: 'posted', failedPlatforms: [] });
		expect(post.success).toBeUndefined();
		const [request] = sim.requestsTo('POST', '/posts');
		expect(request.body).toEqual({
			content: 'Hello',
			platforms: [{ platform: 'twitter' }],
			publishNow: true,
		});
		expect(request.headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{40}$/);
	});

	it.each([
		['queue', {}, { queue: true }],
		['draft', {}, { status: 'draft' }],
		['schedule', { scheduledFor: '2099-01-01T00:00:00Z' }, {}],
	])(
		'maps publish mode %s to exactly one scheduling field',
		async (publishMode, extra, expected) => {
			const scheduledFor = publishMode === 'schedule' ? inHours(2) : undefined;
			await run({
				parameters: schedulalaCreateParams({
					publishMode,
					...extra,
					...(scheduledFor ? { scheduledFor } : {}),
				}),
				onError: 'continueRegularOutput',
			});
			const body = sim.requestsTo('POST', '/posts')[0].body as IDataObject;
			expect(body).toMatchObject(expected);
			const modes = ['publishNow', 'queue', 'scheduledFor', 'status'].filter(
				(key) => body[key] !== undefined,
			);
			expect(modes).toHaveLength(1);
			if (scheduledFor) expect(body.scheduledFor).toBe(scheduledFor);
		},
	);

	it('sends platform settings, first comment, per-platform text and a LinkedIn PDF', async () => {
		const result = await run({
			parameters: schedulalaCreateParams({
				platforms: {
					target: [{ platform: 'linkedin', accountId: 'li_1', content: 'For LinkedIn' }],
				},
				media: { item: [{ type: 'pdf', url: 'https://cdn.example.com/deck.pdf' }] },
				platformSettings: '{"linkedin": {"documentTitle": "Deck"}}',
				options: { firstComment: 'Link in comments', timezone: 'America/New_York' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sim.requestsTo('POST', '/posts')[0].body).toEqual({
			content: 'Hello from n8n',
			platforms: [{ platform: 'linkedin', accountId: 'li_1', content: 'For LinkedIn' }],
			mediaItems: [{ type: 'pdf', url: 'https://cdn.example.com/deck.pdf' }],
			publishNow: true,
			timezone: 'America/New_York',
			platformSettings: { linkedin: { documentTitle: 'Deck' } },
			firstComment: 'Link in comments',
		});
	});

	it.each([
		{
			name: 'platform settings that are not JSON',
			extra: { platformSettings: '{"instagram": ' },
			message: /Platform Settings is not valid JSON/,
		},
		{
			name: 'platform settings that are a list',
			extra: { platformSettings: '[1]' },
			message: /must be a JSON object/,
		},
		{
			name: 'a schedule 1 minute ahead',
			extra: { publishMode: 'schedule', scheduledFor: '={{ $now.plus(1, "minute").toISO() }}' },
			message: /outside the allowed range/,
		},
		{
			name: 'a schedule 100 days ahead',
			extra: { publishMode: 'schedule', scheduledFor: '={{ $now.plus(100, "days").toISO() }}' },
			message: /outside the allowed range/,
		},
		{
			name: 'a PDF for X',
			extra: { media: { item: [{ type: 'pdf', url: 'https://cdn.example.com/a.pdf' }] } },
			message: /only be posted to LinkedIn/,
		},
	])('rejects $name before any request', async ({ extra, message }) => {
		const result = await run({
			parameters: schedulalaCreateParams(extra),
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error.code).toBe('INVALID_PARAMETER');
		expect(String(error.message)).toMatch(message);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Schedulala node: Get, Retry and Validate', () => {
	it('gets a post unwrapped from { success, data }', async () => {
		const created = await run({ parameters: schedulalaCreateParams() });
		const id = String(created.main[0].json.id);
		const result = await run({ parameters: postIdParams('get', id) });
		expect(result.main[0].json).toMatchObject({ id, status: 'posted', failedPlatforms: [] });
		expect(result.main[0].json.success).toBeUndefined();
	});

	it('retries only the chosen failed platforms, after a delay', async () => {
		sim.failPlatform('tiktok', 'TikTok rejected the video');
		sim.failPlatform('twitter', 'Duplicate status');
		const created = await run({
			parameters: schedulalaCreateParams({
				platforms: {
					target: [
						{ platform: 'tiktok', accountId: '' },
						{ platform: 'twitter', accountId: '' },
					],
				},
			}),
		});
		const post = created.main[0].json;
		expect(post.status).toBe('failed');
		expect(post.failedPlatforms).toEqual([
			{ platform: 'tiktok', error: 'TikTok rejected the video' },
			{ platform: 'twitter', error: 'Duplicate status' },
		]);
		const retried = await run({
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

	it('validates a draft without posting', async () => {
		const ok = await run({ parameters: schedulalaCreateParams({ operation: 'validate' }) });
		expect(ok.main[0].json).toMatchObject({ valid: true, errors: [] });
		const tooLong = await run({
			parameters: schedulalaCreateParams({ operation: 'validate', content: 'x'.repeat(300) }),
		});
		expect(tooLong.main[0].json).toMatchObject({
			valid: false,
			errors: [{ code: 'validation_error' }],
		});
		expect(sim.posts.size).toBe(0);
		expect(sim.requestsTo('POST', '/posts/validate')[0].headers['idempotency-key']).toBeUndefined();
	});
});

// All 15 codes of the seed's table. Most come from the simulator's real checks; the rest are scripted.
const codes: Array<{ code: string; status: number; setup: () => Partial<RunOptions> }> = [
	{
		code: 'invalid_request',
		status: 400,
		setup: () => (
			sim.script({
				kind: 'error',
				code: 'invalid_request',
				message: "The 'content' field is required",
				details: { field: 'content', reason: 'required' },
			}),
			{ parameters: schedulalaCreateParams() }
		),
	},
	{
		code: 'validation_error',
		status: 400,
		setup: () => ({ parameters: schedulalaCreateParams({ content: 'x'.repeat(281) }) }),
	},
	{
		code: 'url_not_allowed',
		status: 400,
		setup: () => ({
			parameters: schedulalaCreateParams({
				media: { item: [{ type: 'image', url: 'http://10.0.0.5/a.jpg' }] },
				// The API's own refusal is the point, not what n8n's network finds there.
				options: { checkMediaUrls: false },
			}),
		}),
	},
	{
		code: 'sandbox_unsupported',
		status: 400,
		setup: () => ({ parameters: postIdParams('retry', 'any'), apiKey: SCHEDULALA_TEST_KEY }),
	},
	{
		code: 'unauthorized',
		status: 401,
		setup: () => ({ parameters: schedulalaCreateParams(), apiKey: UNKNOWN_KEY }),
	},
	{
		code: 'forbidden',
		status: 403,
		setup: () => ({ parameters: schedulalaCreateParams(), apiKey: SCHEDULALA_READONLY_KEY }),
	},
	{
		code: 'plan_limit_exceeded',
		status: 403,
		setup: () => ((sim.state.planPostLimit = 0), { parameters: schedulalaCreateParams() }),
	},
	{
		code: 'not_found',
		status: 404,
		setup: () => ({ parameters: postIdParams('get', '665f1c2ab8d9e4f5a6b7c8d9') }),
	},
	{
		code: 'idempotency_conflict',
		status: 409,
		setup: () => (
			sim.idempotency.set('row-7', { hash: 'other', reply: {} }),
			{ parameters: schedulalaCreateParams({ options: { idempotencyKey: 'row-7' } }) }
		),
	},
	{
		code: 'media_too_large',
		status: 413,
		setup: () => ({
			parameters: schedulalaCreateParams({
				media: { item: [{ type: 'video', url: 'https://cdn.example.com/too-large.mp4' }] },
			}),
		}),
	},
	{
		code: 'unsupported_media',
		status: 415,
		setup: () => (
			sim.script({
				kind: 'error',
				code: 'unsupported_media',
				message: 'GIF is not supported on LinkedIn',
				details: { field: 'mediaItems[0].type' },
			}),
			{ parameters: schedulalaCreateParams() }
		),
	},
	{
		code: 'download_failed',
		status: 422,
		setup: () => ({
			parameters: schedulalaCreateParams({
				media: { item: [{ type: 'image', url: 'https://cdn.example.com/unreachable.jpg' }] },
			}),
		}),
	},
	{
		code: 'rate_limit_exceeded',
		status: 429,
		setup: () => (
			sim.script({
				kind: 'error',
				code: 'rate_limit_exceeded',
				message: 'Too many requests',
				headers: { 'X-RateLimit-Reset': String(Date.now() + 1000) },
			}),
			{ parameters: postIdParams('get', 'x', { requestOptions: NO_RETRIES }) }
		),
	},
	{
		code: 'internal_error',
		status: 500,
		setup: () => (
			sim.script({ kind: 'error', code: 'internal_error', message: 'Internal server error' }),
			{ parameters: postIdParams('get', 'x', { requestOptions: NO_RETRIES }) }
		),
	},
	{
		code: 'platform_error',
		status: 502,
		setup: () => (
			sim.script({
				kind: 'error',
				code: 'platform_error',
				message: 'Instagram API is unavailable',
				details: { platform: 'instagram' },
			}),
			{ parameters: postIdParams('get', 'x', { requestOptions: NO_RETRIES }) }
		),
	},
];

describe('Schedulala node: all 15 documented error codes', () => {
	it('covers the whole table', () => {
		expect(codes.map(({ code }) => code).sort()).toEqual(Object.keys(STATUS_FOR_CODE).sort());
	});

	it.each(codes)(
		'$code ($status) is thrown with the API message, code, details and status',
		async ({ code, status, setup }) => {
			const result = await run(setup() as RunOptions);
			const error = result.error as IDataObject;
			expect(error.name).toBe('NodeApiError');
			expect(error.httpCode).toBe(String(status));
			expect(error.description).toContain(`error code ${code} (HTTP ${status})`);
			expect((error.context as IDataObject).itemIndex).toBe(0);
			const apiError = (error.context as { data: { error: IDataObject } }).data.error;
			expect(String(error.message).startsWith(String(apiError.message))).toBe(true);
			for (const key of Object.keys((apiError.details ?? {}) as IDataObject))
				expect(error.description).toContain(`${key}:`);
			expect(visibleText(result)).not.toContain(SCHEDULALA_KEY);
		},
	);

	it.each(codes)(
		'$code becomes an error item with the details unchanged',
		async ({ code, status, setup }) => {
			const options = setup() as RunOptions;
			const result = await run({ ...options, onError: 'continueErrorOutput' });
			expect(result.main).toHaveLength(0);
			const error = errorOf(result.errorOutput[0]);
			expect(error).toMatchObject({
				code,
				httpCode: status,
				retryable: ['rate_limit_exceeded', 'internal_error', 'platform_error'].includes(code),
			});
			const sent = sim.requests.at(-1);
			expect(sent).toBeDefined();
		},
	);

	it("keeps sandbox_unsupported's message and asks for a live key in the description", async () => {
		const result = await run({
			parameters: postIdParams('retry', 'any'),
			apiKey: SCHEDULALA_TEST_KEY,
		});
		// The API's own words, unchanged; the advice is in the description.
		expect(result.error?.message).toBe('Retry is not available with test keys');
		expect(result.error?.description).toMatch(/needs a live key/);
	});

	it('tells forbidden and plan_limit_exceeded apart', async () => {
		const forbidden = await run({
			parameters: schedulalaCreateParams(),
			apiKey: SCHEDULALA_READONLY_KEY,
		});
		sim.state.planPostLimit = 0;
		const plan = await run({ parameters: schedulalaCreateParams() });
		expect(forbidden.error?.description).toMatch(/not allowed to do this/);
		expect(forbidden.error?.description).toMatch(/Upgrading the plan does not help/);
		expect(plan.error?.description).toMatch(/Upgrade the plan/);
		expect(plan.error?.description).toMatch(/The API key itself is fine/);
	});

	it('keeps details unchanged in the error item', async () => {
		const result = await run({
			parameters: schedulalaCreateParams({ content: 'x'.repeat(281) }),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0]).details).toEqual({
			field: 'content',
			platform: 'twitter',
			limit: 280,
			length: 281,
		});
	});

	it('treats success:false under HTTP 200 as an error', async () => {
		sim.script({
			kind: 'status',
			status: 200,
			body: {
				success: false,
				error: {
					code: 'validation_error',
					message: 'Caption too long',
					details: { field: 'content' },
				},
			},
		});
		const result = await run({
			parameters: schedulalaCreateParams(),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0])).toMatchObject({
			code: 'validation_error',
			message: 'Caption too long',
			httpCode: 200,
			details: { field: 'content' },
		});
	});

	it('maps an unknown code cleanly', async () => {
		sim.script({
			kind: 'status',
			status: 402,
			body: {
				success: false,
				error: { code: 'payment_required', message: 'X posting needs a paid plan' },
			},
		});
		const result = await run({
			parameters: schedulalaCreateParams(),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0])).toMatchObject({
			code: 'payment_required',
			message: 'X posting needs a paid plan',
			httpCode: 402,
			retryable: false,
		});
	});
});

describe('Schedulala node: idempotency', () => {
	const keysSent = () =>
		sim.requestsTo('POST', '/posts').map((request) => request.headers['idempotency-key']);

	it('sends the same derived key when n8n "Retry On Fail" re-runs the node, so the post exists once', async () => {
		// The first attempt is processed, then the connection drops; our own retries are off.
		sim.script({ kind: 'dropAfter', method: 'POST', path: '/posts' });
		const result = await run({
			parameters: schedulalaCreateParams({ requestOptions: NO_RETRIES }),
			items: [{ text: 'one' }, { text: 'two' }],
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		});
		expect(result.error).toBeUndefined();
		const keys = keysSent();
		// Run 1: item 0 dropped. Run 2: item 0 replayed, item 1 created.
		expect(keys).toHaveLength(3);
		expect(keys[0]).toBe(keys[1]);
		expect(keys[2]).not.toBe(keys[0]);
		expect(sim.posts.size).toBe(2);
		expect(result.main.map((item) => item.json.id)).toHaveLength(2);
	});

	it('derives new keys in a new execution', async () => {
		await run({ parameters: schedulalaCreateParams(), executionId: 'exec-a' });
		await run({ parameters: schedulalaCreateParams(), executionId: 'exec-b' });
		const [a, b] = keysSent();
		expect(a).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(a).not.toBe(b);
		expect(sim.posts.size).toBe(2);
	});

	it('a user-set key (a row ID) makes a re-run of the same row safe', async () => {
		const parameters = schedulalaCreateParams({
			options: { idempotencyKey: '={{ "row-" + $json.row }}' },
		});
		const first = await run({ parameters, items: [{ row: 7 }], executionId: 'monday' });
		const second = await run({ parameters, items: [{ row: 7 }], executionId: 'tuesday' });
		expect(keysSent()).toEqual(['row-7', 'row-7']);
		expect(sim.posts.size).toBe(1);
		expect(second.main[0].json.id).toBe(first.main[0].json.id);
	});

	it('explains idempotency_conflict', async () => {
		const parameters = schedulalaCreateParams({ options: { idempotencyKey: 'row-1' } });
		await run({ parameters });
		const conflict = await run({ parameters: { ...parameters, content: 'Different text' } });
		expect(conflict.error?.message).toBe(
			'Idempotency key was already used with a different request body',
		);
		expect(conflict.error?.description).toMatch(/already used for a different post/);
	});
});
