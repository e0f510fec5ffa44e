import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	createParams,
	errorOf,
	FAST_RETRIES,
	postIdParams,
	serveDuringTests,
	SOCIAL_KEY,
	UNKNOWN_KEY,
	visibleText,
} from '../helpers';
import { createSocialSyncerSimulator } from '../simulators/socialsyncer';
import { runNode, type RunOptions } from './harness';

const sim = createSocialSyncerSimulator();
const baseUrl = serveDuringTests(sim);

const run = async (
	options: Omit<RunOptions, 'node' | 'baseUrl' | 'apiKey'> & { apiKey?: string },
) => await runNode({ node: 'socialSyncer', baseUrl: baseUrl(), apiKey: SOCIAL_KEY, ...options });

const NO_RETRIES = { ...FAST_RETRIES, maxRetries: 0 };

async function createdPostId(): Promise<string> {
	const result = await run({ parameters: createParams() });
	return String(result.main[0].json.id);
}

describe('SocialSyncerAPI node: Create Post', () => {
	it('publishes now and sends the documented body with the Bearer key', async () => {
		const result = await run({ parameters: createParams({ content: 'Hello world' }) });
		expect(result.error).toBeUndefined();
		const post = result.main[0].json;
		expect(post).toMatchObject({ status: 'published', failedPlatforms: [] });
		expect(String(post.id)).toMatch(/^post_/);
		expect((post.platforms as IDataObject[])[0]).toMatchObject({
			platform: 'instagram',
			status: 'published',
		});
		expect(result.main[0].pairedItem).toEqual({ item: 0 });

		const [request] = sim.requestsTo('POST', '/posts');
		expect(request.headers.authorization).toBe(`Bearer ${SOCIAL_KEY}`);
		expect(request.headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(request.body).toEqual({
			content: 'Hello world',
			platforms: [{ platform: 'instagram', accountId: 'ig_123' }],
			publishNow: true,
		});
	});

	it('schedules with the time zone, tags and per-platform text', async () => {
		// A wall time in Berlin in January (UTC+1): the API gets the instant that was checked.
		const year = new Date().getUTCFullYear() + 1;
		const at = `${year}-01-15T09:30:00`;
		const result = await run({
			parameters: createParams({
				publishMode: 'schedule',
				scheduledFor: at,
				platforms: {
					target: [
						{ platform: 'instagram', accountId: 'ig_123' },
						{ platform: 'twitter', accountId: 'tw_789', content: 'Short text for X' },
					],
				},
				media: { item: [{ type: 'image', url: 'https://cdn.example.com/photo.jpg' }] },
				options: { timezone: 'Europe/Berlin', tags: 'launch, summer' },
			}),
		});
		expect(result.main[0].json.status).toBe('scheduled');
		expect(sim.requestsTo('POST', '/posts')[0].body).toEqual({
			content: 'Hello from n8n',
			platforms: [
				{ platform: 'instagram', accountId: 'ig_123' },
				{ platform: 'twitter', accountId: 'tw_789', customContent: 'Short text for X' },
			],
			mediaItems: [{ type: 'image', url: 'https://cdn.example.com/photo.jpg' }],
			scheduledFor: `${year}-01-15T08:30:00.000Z`,
			timezone: 'Europe/Berlin',
			tags: ['launch', 'summer'],
		});
	});

	it('saves a draft without targets', async () => {
		const result = await run({ parameters: createParams({ publishMode: 'draft', platforms: {} }) });
		expect(result.main[0].json.status).toBe('draft');
		expect(sim.requestsTo('POST', '/posts')[0].body).toMatchObject({
			isDraft: true,
			platforms: [],
		});
	});

	it('reports a partial post in failedPlatforms, and Retry Post fixes it', async () => {
		sim.failPlatform('tiktok', 'Video processing failed: unsupported codec');
		const created = await run({
			parameters: createParams({
				platforms: {
					target: [
						{ platform: 'instagram', accountId: 'ig_123' },
						{ platform: 'tiktok', accountId: 'tt_321' },
					],
				},
			}),
		});
		const post = created.main[0].json;
		expect(post.status).toBe('partial');
		expect(post.failedPlatforms).toEqual([
			{ platform: 'tiktok', error: 'Video processing failed: unsupported codec' },
		]);

		const retried = await run({ parameters: postIdParams('retry', String(post.id)) });
		expect(retried.main[0].json).toMatchObject({
			id: post.id,
			status: 'published',
			failedPlatforms: [],
		});
		expect(sim.requestsTo('POST', `/posts/${String(post.id)}/retry`)).toHaveLength(1);
	});
});

describe('SocialSyncerAPI node: Get Post', () => {
	it('returns the post', async () => {
		const id = await createdPostId();
		const result = await run({ parameters: postIdParams('get', id) });
		expect(result.main[0].json).toMatchObject({ id, status: 'published', failedPlatforms: [] });
	});

	it('accepts a post wrapped in { post } and with only _id', async () => {
		sim.script({
			kind: 'status',
			method: 'GET',
			status: 200,
			body: { post: { _id: 'post_x', status: 'mystery', platforms: [] } },
		});
		const result = await run({ parameters: postIdParams('get', 'post_x') });
		expect(result.main[0].json).toEqual({
			_id: 'post_x',
			id: 'post_x',
			status: 'mystery',
			platforms: [],
			failedPlatforms: [],
		});
	});
});

// Every code of the seed's error table, as the contract's NodeApiError and as an error item.
const seedCodes: Array<{
	code: string;
	status: number;
	message: string;
	setup: () => Partial<RunOptions>;
}> = [
	{
		code: 'VALIDATION_ERROR',
		status: 400,
		message: 'Platforms required for non-draft posts',
		setup: () => {
			sim.script({
				kind: 'error',
				code: 'VALIDATION_ERROR',
				message: 'Platforms required for non-draft posts',
			});
			return { parameters: createParams() };
		},
	},
	{
		code: 'AUTH_MISSING_KEY',
		status: 401,
		message: 'Missing API key',
		setup: () => ({ parameters: createParams(), apiKey: '' }),
	},
	{
		code: 'AUTH_INVALID_KEY',
		status: 401,
		message: 'Invalid API key',
		setup: () => ({ parameters: createParams(), apiKey: UNKNOWN_KEY }),
	},
	{
		code: 'NOT_FOUND',
		status: 404,
		message: 'Post not found',
		setup: () => ({ parameters: postIdParams('get', 'post_missing') }),
	},
	{
		code: 'RATE_LIMIT_EXCEEDED',
		status: 429,
		message: 'Rate limit exceeded',
		setup: () => {
			sim.script({
				kind: 'error',
				code: 'RATE_LIMIT_EXCEEDED',
				message: 'Rate limit exceeded',
				headers: { 'Retry-After': '1' },
			});
			return { parameters: postIdParams('get', 'post_x', { requestOptions: NO_RETRIES }) };
		},
	},
	{
		code: 'INTERNAL_ERROR',
		status: 500,
		message: 'Internal server error',
		setup: () => {
			sim.script({ kind: 'error', code: 'INTERNAL_ERROR', message: 'Internal server error' });
			return { parameters: postIdParams('get', 'post_x', { requestOptions: NO_RETRIES }) };
		},
	},
];

describe('SocialSyncerAPI node: every documented error code', () => {
	it.each(seedCodes)(
		'$code is thrown as the API said it',
		async ({ code, status, message, setup }) => {
			const result = await run(setup() as RunOptions);
			expect(result.error).toBeDefined();
			const error = result.error as IDataObject;
			expect(error.name).toBe('NodeApiError');
			expect(error.message).toBe(message);
			expect(error.description).toContain(code);
			expect(error.description).toContain(`HTTP ${status}`);
			expect(error.httpCode).toBe(String(status));
			expect((error.context as IDataObject).itemIndex).toBe(0);
			expect(visibleText(result)).not.toContain(SOCIAL_KEY);
		},
	);

	it.each(seedCodes)(
		'$code becomes an error item under "Continue"',
		async ({ code, status, message, setup }) => {
			const options = setup() as RunOptions;
			const result = await run({ ...options, onError: 'continueRegularOutput' });
			expect(result.error).toBeUndefined();
			expect(result.main).toHaveLength(1);
			const error = errorOf(result.main[0]);
			expect(error).toMatchObject({
				message,
				code,
				httpCode: status,
				retryable: ['RATE_LIMIT_EXCEEDED', 'INTERNAL_ERROR'].includes(code),
			});
			expect(String(error.description)).toContain(code);
			expect(result.main[0].pairedItem).toEqual({ item: 0 });
		},
	);

	it('says what to do in the description', async () => {
		const result = await run({ parameters: createParams(), apiKey: UNKNOWN_KEY });
		expect(String(result.error?.description)).toMatch(/API key in the SocialSyncerAPI credential/);
	});

	it('maps an unknown code and status cleanly', async () => {
		sim.script({ kind: 'status', status: 418, body: { error: 'Short and stout', code: 'TEAPOT' } });
		const result = await run({
			parameters: postIdParams('get', 'p1'),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0])).toMatchObject({
			message: 'Short and stout',
			code: 'TEAPOT',
			httpCode: 418,
			retryable: false,
		});
	});

	it('passes the API details through when it sends them', async () => {
		sim.script({
			kind: 'error',
			code: 'VALIDATION_ERROR',
			message: 'Content too long',
			details: { field: 'content', limit: 280 },
		});
		const result = await run({ parameters: createParams(), onError: 'continueRegularOutput' });
		const error = errorOf(result.main[0]);
		expect(error.details).toEqual({ field: 'content', limit: 280 });
		expect(error.description).toContain('field: content, limit: 280');
	});
});

describe("SocialSyncerAPI node: answers that are not the API's JSON", () => {
	const cases = [
		{
			name: 'an HTML page under 200',
			fault: { kind: 'html' },
			message: /HTML page instead of JSON/,
			code: 'INVALID_RESPONSE',
		},
		{
			name: 'an empty body',
			fault: { kind: 'empty' },
			message: /empty body/,
			code: 'INVALID_RESPONSE',
		},
		{
			name: 'a truncated body',
			fault: { kind: 'truncated' },
			message: /cut off/,
			code: 'INVALID_RESPONSE',
		},
		{
			name: 'an HTML 502 from a gateway',
			fault: { kind: 'html', status: 502 },
			message: /HTTP 502 and an HTML page/,
			code: 'HTTP_502',
		},
		{
			name: 'a JSON array',
			fault: { kind: 'status', status: 200, body: [1, 2] },
			message: /answered without a post ID/,
			code: 'INVALID_RESPONSE',
		},
	];

	it.each(cases)('$name becomes a clear NodeApiError', async ({ fault, message, code }) => {
		const id = await createdPostId();
		sim.script({ ...fault, times: 10 });
		const result = await run({
			parameters: postIdParams('get', id, { requestOptions: NO_RETRIES }),
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).not.toMatch(/TypeError|undefined|Unexpected token/);
		expect((result.error?.context as IDataObject).itemIndex).toBe(0);

		sim.script({ ...fault, times: 10 });
		const continued = await run({
			parameters: postIdParams('get', id, { requestOptions: NO_RETRIES }),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(continued.main[0])).toMatchObject({ code });
	});

	it('a redirect is not followed, so the key never goes to another host', async () => {
		const elsewhere = createSocialSyncerSimulator();
		const elsewhereUrl = await elsewhere.start();
		try {
			sim.script({
				kind: 'status',
				status: 302,
				headers: { Location: `${elsewhereUrl}/posts/p1` },
			});
			const result = await run({
				parameters: postIdParams('get', 'p1'),
				onError: 'continueRegularOutput',
			});
			const error = errorOf(result.main[0]);
			expect(error).toMatchObject({ code: 'INVALID_RESPONSE', httpCode: 302, retryable: false });
			expect(String(error.message)).toContain(`redirected the request to ${elsewhereUrl}`);
			expect(elsewhere.requests).toHaveLength(0);
		} finally {
			await elsewhere.stop();
		}
	});

	it('a refused connection carries a network code and no HTTP status', async () => {
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl: 'http://127.0.0.1:9/v1',
			apiKey: SOCIAL_KEY,
			parameters: postIdParams('get', 'p1', { requestOptions: NO_RETRIES }),
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error.code).toBe('ECONNREFUSED');
		expect(error.httpCode).toBeUndefined();
		expect(error.retryable).toBe(true);
	});
});

describe('SocialSyncerAPI node: several items, one failing in the middle', () => {
	const parameters = createParams({
		platforms: { target: [{ platform: 'instagram', accountId: '={{ $json.account }}' }] },
	});
	const input = [{ account: 'ig_123' }, { account: 'ig_unknown' }, { account: 'ig_123' }];

	it('"Continue (regular output)" keeps order and pairing, with the error item in place', async () => {
		const result = await run({ parameters, items: input, onError: 'continueRegularOutput' });
		expect(result.main.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.main[0].json.status).toBe('published');
		expect(errorOf(result.main[1])).toMatchObject({ code: 'VALIDATION_ERROR', httpCode: 400 });
		expect(result.main[2].json.status).toBe('published');
		expect(result.errorOutput).toHaveLength(0);
	});

	it('"Continue (using error output)" sends the failed item to the error output', async () => {
		const result = await run({ parameters, items: input, onError: 'continueErrorOutput' });
		expect(result.main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.errorOutput).toHaveLength(1);
		expect(result.errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(errorOf(result.errorOutput[0])).toMatchObject({
			code: 'VALIDATION_ERROR',
			message: 'Unknown account for instagram: ig_unknown',
		});
	});

	it('"Stop Workflow" fails on the item and sends nothing after it', async () => {
		const result = await run({ parameters, items: input });
		expect((result.error?.context as IDataObject).itemIndex).toBe(1);
		expect(sim.requestsTo('POST', '/posts')).toHaveLength(2);
	});
});

describe('SocialSyncerAPI node: invalid input is rejected before any request', () => {
	const cases: Array<{
		name: string;
		parameters: INodeParameters;
		field: string;
		message: RegExp;
	}> = [
		{
			name: 'no target for a post published now',
			parameters: createParams({ platforms: {} }),
			field: 'platforms',
			message: /at least one target/,
		},
		{
			name: 'a target without account',
			parameters: createParams({
				platforms: { target: [{ platform: 'instagram', accountId: '={{ $json.missing }}' }] },
			}),
			field: 'platforms',
			message: /no account ID/,
		},
		{
			name: 'a schedule without time',
			parameters: createParams({ publishMode: 'schedule', scheduledFor: '={{ $json.missing }}' }),
			field: 'scheduledFor',
			message: /Scheduled For is empty/,
		},
		{
			name: 'a schedule in the past',
			parameters: createParams({ publishMode: 'schedule', scheduledFor: '2020-01-01T10:00:00Z' }),
			field: 'scheduledFor',
			message: /in the past/,
		},
		{
			name: 'a publish mode this service does not offer',
			// scheduledFor is set because n8n shows it for any publish mode given as an expression.
			parameters: createParams({
				publishMode: '={{ "queue" }}',
				scheduledFor: '={{ $json.when }}',
			}),
			field: 'publishMode',
			message: /Unknown publish mode "queue"/,
		},
		{
			name: 'an unknown time zone',
			parameters: createParams({ options: { timezone: 'Mars/Olympus' } }),
			field: 'timezone',
			message: /Unknown time zone/,
		},
		{
			name: 'an empty post',
			parameters: createParams({ content: '' }),
			field: 'content',
			message: /empty/,
		},
		{
			name: 'a media item without URL',
			parameters: createParams({ media: { item: [{ type: 'image', url: 'photo.jpg' }] } }),
			field: 'media',
			message: /no valid URL/,
		},
		{
			name: 'TikTok settings that are not JSON',
			parameters: createParams({ options: { tiktokSettings: '{privacy' } }),
			field: 'tiktokSettings',
			message: /not valid JSON/,
		},
		{
			name: 'an empty post ID',
			parameters: postIdParams('get', ' '),
			field: 'postId',
			message: /Post ID is empty/,
		},
	];

	it.each(cases)('$name', async ({ parameters, field, message }) => {
		const thrown = await run({ parameters });
		expect(thrown.error?.name).toBe('NodeOperationError');
		expect(thrown.error?.message).toMatch(message);
		expect((thrown.error?.context as IDataObject).itemIndex).toBe(0);

		const continued = await run({ parameters, onError: 'continueRegularOutput' });
		expect(errorOf(continued.main[0])).toMatchObject({
			code: 'INVALID_PARAMETER',
			retryable: false,
			details: { field },
		});
		expect(sim.requests).toHaveLength(0);
	});
});

describe('SocialSyncerAPI node: a credential that cannot work', () => {
	it('a Base URL that is not http(s) fails clearly and sends nothing', async () => {
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl: 'api.socialsyncerapi.com/v1',
			apiKey: SOCIAL_KEY,
			parameters: postIdParams('get', 'p1'),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0])).toMatchObject({ code: 'INVALID_CREDENTIAL', retryable: false });
		expect(sim.requests).toHaveLength(0);
	});
});

describe('SocialSyncerAPI node: the API key stays secret', () => {
	it('is masked even when the API echoes it', async () => {
		const echoingApi = {
			kind: 'status',
			status: 401,
			body: {
				error: `Key ${SOCIAL_KEY} is disabled`,
				code: 'AUTH_INVALID_KEY',
				details: { key: SOCIAL_KEY },
			},
		};
		sim.script(echoingApi);
		const thrown = await run({ parameters: createParams() });
		expect(thrown.error?.message).toBe('Key [redacted] is disabled');
		expect(visibleText(thrown)).not.toContain(SOCIAL_KEY);

		sim.script(echoingApi);
		const continued = await run({ parameters: createParams(), onError: 'continueErrorOutput' });
		expect(errorOf(continued.errorOutput[0]).details).toEqual({ key: '[redacted]' });
		expect(visibleText(continued)).not.toContain(SOCIAL_KEY);
	});
});
