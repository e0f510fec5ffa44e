import type { IDataObject } from 'n8n-workflow';

import { schedulalaDialect } from '../../nodes/Schedulala/dialect';
import { networkFailure } from '../../nodes/shared/transport/network';
import { interpretResponse } from '../../nodes/shared/transport/response';
import { socialSyncerDialect } from '../../nodes/SocialSyncer/dialect';

const json = (body: unknown) => JSON.stringify(body);

function failureOf(outcome: ReturnType<typeof interpretResponse>) {
	if (outcome.ok) throw new Error('expected a failure');
	return outcome.failure;
}

describe('SocialSyncerAPI dialect', () => {
	it.each([
		['VALIDATION_ERROR', 400, 'input', false],
		['AUTH_MISSING_KEY', 401, 'auth', false],
		['AUTH_INVALID_KEY', 401, 'auth', false],
		['NOT_FOUND', 404, 'notFound', false],
		['RATE_LIMIT_EXCEEDED', 429, 'rateLimit', true],
		['INTERNAL_ERROR', 500, 'server', true],
	])('%s (%i) is %s, retryable %p', (code, status, kind, retryable) => {
		const failure = failureOf(
			interpretResponse(socialSyncerDialect, status, {}, json({ error: 'Text', code })),
		);
		expect(failure).toMatchObject({ code, kind, retryable, httpCode: status, message: 'Text' });
	});

	it('a 429 was not processed and carries the asked wait', () => {
		const failure = failureOf(
			interpretResponse(
				socialSyncerDialect,
				429,
				{ 'retry-after': '3' },
				json({ error: 'Rate limit exceeded', code: 'RATE_LIMIT_EXCEEDED' }),
			),
		);
		expect(failure.processed).toBe(false);
		expect(failure.askedWaitMs).toBe(3000);
	});

	it('returns the post as sent, or unwrapped from { post } / { data }', () => {
		const post = { id: 'post_1', status: 'published' };
		for (const body of [post, { post }, { data: post }, { data: { post } }]) {
			expect(interpretResponse(socialSyncerDialect, 200, {}, json(body))).toEqual({
				ok: true,
				data: post,
				raw: body,
			});
		}
	});

	it('does not mistake a post with per-platform errors for an error', () => {
		const post = {
			id: 'p',
			status: 'partial',
			platforms: [{ platform: 'tiktok', status: 'failed', error: 'codec' }],
		};
		expect(interpretResponse(socialSyncerDialect, 200, {}, json(post)).ok).toBe(true);
	});
});

describe('Schedulala dialect', () => {
	it('treats success:false as an error whatever the status', () => {
		const failure = failureOf(
			interpretResponse(
				schedulalaDialect,
				200,
				{},
				json({
					success: false,
					error: { code: 'validation_error', message: 'Too long', details: { field: 'content' } },
				}),
			),
		);
		expect(failure).toMatchObject({
			code: 'validation_error',
			message: 'Too long',
			details: { field: 'content' },
			httpCode: 200,
			retryable: false,
		});
	});

	it.each([
		['rate_limit_exceeded', 429, true],
		['internal_error', 500, true],
		['platform_error', 502, true],
		['forbidden', 403, false],
		['plan_limit_exceeded', 403, false],
		['idempotency_conflict', 409, false],
	])('%s is retryable: %p', (code, status, retryable) => {
		const failure = failureOf(
			interpretResponse(
				schedulalaDialect,
				status,
				{},
				json({ success: false, error: { code, message: 'm' } }),
			),
		);
		expect(failure.retryable).toBe(retryable);
	});

	it('judges by the code, not the status', () => {
		// An API that sent platform_error under 400 still means "retry later".
		const failure = failureOf(
			interpretResponse(
				schedulalaDialect,
				400,
				{},
				json({ success: false, error: { code: 'platform_error', message: 'm' } }),
			),
		);
		expect(failure.kind).toBe('platform');
		expect(failure.retryable).toBe(true);
	});

	it('reads the rate-limit reset in epoch milliseconds', () => {
		const reset = Date.now() + 2000;
		const failure = failureOf(
			interpretResponse(
				schedulalaDialect,
				429,
				{ 'X-RateLimit-Reset': String(reset) },
				json({ success: false, error: { code: 'rate_limit_exceeded', message: 'm' } }),
			),
		);
		expect(failure.askedWaitMs).toBeGreaterThan(1800);
		expect(failure.askedWaitMs).toBeLessThanOrEqual(2000);
	});

	it('unwraps data, post, and a bare body without the success flag', () => {
		const data = (body: IDataObject) =>
			(interpretResponse(schedulalaDialect, 200, {}, json(body)) as { data?: IDataObject }).data;
		expect(data({ success: true, data: { id: 'a' } })).toEqual({ id: 'a' });
		expect(data({ success: true, post: { _id: 'b' } })).toEqual({ _id: 'b' });
		expect(data({ success: true, id: 'c' })).toEqual({ id: 'c' });
	});

	it('keeps an unknown code and falls back on the status for its kind', () => {
		const failure = failureOf(
			interpretResponse(
				schedulalaDialect,
				503,
				{},
				json({ success: false, error: { code: 'maintenance', message: 'Back soon' } }),
			),
		);
		expect(failure).toMatchObject({ code: 'maintenance', kind: 'server', retryable: true });
	});
});

describe('answers that are not JSON', () => {
	it.each<[string, number, unknown, IDataObject]>([
		[
			'HTML under 200',
			200,
			'<!doctype html><html></html>',
			{ code: 'INVALID_RESPONSE', retryable: false },
		],
		['empty under 200', 200, '', { code: 'INVALID_RESPONSE', retryable: true }],
		['cut-off JSON', 200, '{"id": "post_1", "sta', { code: 'INVALID_RESPONSE', retryable: true }],
		['plain text 500', 500, 'upstream connect error', { code: 'HTTP_500', retryable: true }],
		['redirect', 302, '', { code: 'INVALID_RESPONSE', retryable: false }],
		['a JSON string', 200, '"ok"', { code: 'INVALID_RESPONSE', retryable: false }],
	])('%s', (_name, status, body, expected) => {
		for (const dialect of [socialSyncerDialect, schedulalaDialect]) {
			expect(failureOf(interpretResponse(dialect, status, {}, body))).toMatchObject(expected);
		}
	});
});

describe('errors without an answer', () => {
	it.each([
		[{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'ECONNREFUSED', true, false],
		[{ code: 'ECONNABORTED', message: 'timeout of 300ms exceeded' }, 'ETIMEDOUT', true, undefined],
		[{ message: 'socket hang up' }, 'ECONNRESET', true, undefined],
		[{ message: 'x', cause: { code: 'ECONNRESET' } }, 'ECONNRESET', true, undefined],
		[
			{ message: 'getaddrinfo ENOTFOUND api.example', code: 'ENOTFOUND' },
			'ENOTFOUND',
			false,
			false,
		],
		[
			{
				name: 'NodeApiError',
				message: 'wrapped',
				cause: {
					name: 'SsrfBlockedIpError',
					message: 'The request was blocked because it resolves to a restricted IP address',
				},
			},
			'REQUEST_BLOCKED',
			false,
			false,
		],
	])('%j → %s', (error, code, retryable, processed) => {
		expect(networkFailure(error, 'Schedulala', 300)).toMatchObject({
			code,
			retryable,
			processed,
			kind: 'network',
		});
	});
});
