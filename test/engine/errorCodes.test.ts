import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	createParams,
	errorOf,
	FAST_RETRIES,
	postIdParams,
	SCHEDULALA_KEY,
	SCHEDULALA_READONLY_KEY,
	SCHEDULALA_TEST_KEY,
	schedulalaCreateParams,
	SOCIAL_KEY,
	UNKNOWN_KEY,
	visibleText,
} from '../support/helpers';
import { STATUS_FOR_CODE } from '../support/simulators/schedulala';
import type { NodeName, RunOptions } from '../support/engine/harness';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();
const NO_RETRIES = { ...FAST_RETRIES, maxRetries: 0 };

// Every code of SocialSyncerAPI's error table, as the contract's NodeApiError and as an error item.
const socialSyncerCodes: Array<{
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
			sims.socialSyncer.script({
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
			sims.socialSyncer.script({
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
			sims.socialSyncer.script({
				kind: 'error',
				code: 'INTERNAL_ERROR',
				message: 'Internal server error',
			});
			return { parameters: postIdParams('get', 'post_x', { requestOptions: NO_RETRIES }) };
		},
	},
];

// All 15 codes of Schedulala's table. Most come from the simulator's real checks; the rest are scripted.
const schedulalaCodes: Array<{ code: string; status: number; setup: () => Partial<RunOptions> }> = [
	{
		code: 'invalid_request',
		status: 400,
		setup: () => (
			sims.schedulala.script({
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
		setup: () => (
			(sims.schedulala.state.planPostLimit = 0),
			{ parameters: schedulalaCreateParams() }
		),
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
			sims.schedulala.idempotency.set('row-7', { hash: 'other', reply: {} }),
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
			sims.schedulala.script({
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
			sims.schedulala.script({
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
			sims.schedulala.script({
				kind: 'error',
				code: 'internal_error',
				message: 'Internal server error',
			}),
			{ parameters: postIdParams('get', 'x', { requestOptions: NO_RETRIES }) }
		),
	},
	{
		code: 'platform_error',
		status: 502,
		setup: () => (
			sims.schedulala.script({
				kind: 'error',
				code: 'platform_error',
				message: 'Instagram API is unavailable',
				details: { platform: 'instagram' },
			}),
			{ parameters: postIdParams('get', 'x', { requestOptions: NO_RETRIES }) }
		),
	},
];

describe('SocialSyncerAPI: every documented error code', () => {
	const social = async (options: Partial<RunOptions>) =>
		await run('socialSyncer', options as RunOptions);

	it.each(socialSyncerCodes)(
		'$code is thrown as the API said it',
		async ({ code, status, message, setup }) => {
			const result = await social(setup());
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

	it.each(socialSyncerCodes)(
		'$code becomes an error item under "Continue"',
		async ({ code, status, message, setup }) => {
			const result = await social({ ...setup(), onError: 'continueRegularOutput' });
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
		const result = await run('socialSyncer', { parameters: createParams(), apiKey: UNKNOWN_KEY });
		expect(String(result.error?.description)).toMatch(/API key in the SocialSyncerAPI credential/);
	});

	it('passes the API details through when it sends them', async () => {
		sims.socialSyncer.script({
			kind: 'error',
			code: 'VALIDATION_ERROR',
			message: 'Content too long',
			details: { field: 'content', limit: 280 },
		});
		const result = await run('socialSyncer', {
			parameters: createParams(),
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error.details).toEqual({ field: 'content', limit: 280 });
		expect(error.description).toContain('field: content, limit: 280');
	});
});

describe('Schedulala: all 15 documented error codes', () => {
	const schedulala = async (options: Partial<RunOptions>) =>
		await run('schedulala', options as RunOptions);

	it('covers the whole table', () => {
		expect(schedulalaCodes.map(({ code }) => code).sort()).toEqual(
			Object.keys(STATUS_FOR_CODE).sort(),
		);
	});

	it.each(schedulalaCodes)(
		'$code ($status) is thrown with the API message, code, details and status',
		async ({ code, status, setup }) => {
			const result = await schedulala(setup());
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

	it.each(schedulalaCodes)(
		'$code becomes an error item with the details unchanged',
		async ({ code, status, setup }) => {
			const result = await schedulala({ ...setup(), onError: 'continueErrorOutput' });
			expect(result.main).toHaveLength(0);
			const error = errorOf(result.errorOutput[0]);
			expect(error).toMatchObject({
				code,
				httpCode: status,
				retryable: ['rate_limit_exceeded', 'internal_error', 'platform_error'].includes(code),
			});
			const sent = sims.schedulala.requests.at(-1);
			expect(sent).toBeDefined();
		},
	);

	it("keeps sandbox_unsupported's message and asks for a live key in the description", async () => {
		const result = await run('schedulala', {
			parameters: postIdParams('retry', 'any'),
			apiKey: SCHEDULALA_TEST_KEY,
		});
		// The API's own words, unchanged; the advice is in the description.
		expect(result.error?.message).toBe('Retry is not available with test keys');
		expect(result.error?.description).toMatch(/needs a live key/);
	});

	it('tells forbidden and plan_limit_exceeded apart', async () => {
		const forbidden = await run('schedulala', {
			parameters: schedulalaCreateParams(),
			apiKey: SCHEDULALA_READONLY_KEY,
		});
		sims.schedulala.state.planPostLimit = 0;
		const plan = await run('schedulala', { parameters: schedulalaCreateParams() });
		expect(forbidden.error?.description).toMatch(/not allowed to do this/);
		expect(forbidden.error?.description).toMatch(/Upgrading the plan does not help/);
		expect(plan.error?.description).toMatch(/Upgrade the plan/);
		expect(plan.error?.description).toMatch(/The API key itself is fine/);
	});

	it('keeps details unchanged in the error item', async () => {
		const result = await run('schedulala', {
			parameters: schedulalaCreateParams({ content: 'x'.repeat(281) }),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0]).details).toEqual({
			field: 'content',
			platform: 'twitter',
			reason: 'too_long',
			limit: 280,
			length: 281,
		});
	});

	it('treats success:false under HTTP 200 as an error', async () => {
		sims.schedulala.script({
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
		const result = await run('schedulala', {
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
});

// A code and status the table does not have: kept as the API sent them, not retried.
const unknownCodes: Array<{
	node: NodeName;
	parameters: INodeParameters;
	status: number;
	body: IDataObject;
	message: string;
	code: string;
}> = [
	{
		node: 'socialSyncer',
		parameters: postIdParams('get', 'p1'),
		status: 418,
		body: { error: 'Short and stout', code: 'TEAPOT' },
		message: 'Short and stout',
		code: 'TEAPOT',
	},
	{
		node: 'schedulala',
		parameters: schedulalaCreateParams(),
		status: 402,
		body: {
			success: false,
			error: { code: 'payment_required', message: 'X posting needs a paid plan' },
		},
		message: 'X posting needs a paid plan',
		code: 'payment_required',
	},
];

describe.each(unknownCodes)(
	'$node: an unknown error code',
	({ node, parameters, status, body, message, code }) => {
		it('maps an unknown code and status cleanly', async () => {
			sims[node].script({ kind: 'status', status, body });
			const result = await run(node, { parameters, onError: 'continueRegularOutput' });
			expect(errorOf(result.main[0])).toMatchObject({
				message,
				code,
				httpCode: status,
				retryable: false,
			});
		});
	},
);
