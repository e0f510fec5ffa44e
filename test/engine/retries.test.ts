import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	errorOf,
	FAST_RETRIES,
	postIdParams,
	SCHEDULALA_KEY,
	SOCIAL_KEY,
	schedulalaCreateParams,
} from '../support/helpers';
import { createSchedulalaSimulator } from '../support/simulators/schedulala';
import { createSocialSyncerSimulator } from '../support/simulators/socialsyncer';
import { runNode } from '../support/engine/harness';

const social = createSocialSyncerSimulator();
const schedulala = createSchedulalaSimulator();
const urls = { social: '', schedulala: '' };

beforeAll(async () => {
	urls.social = await social.start();
	urls.schedulala = await schedulala.start();
});
afterAll(async () => await Promise.all([social.stop(), schedulala.stop()]));
beforeEach(() => {
	social.clear();
	schedulala.clear();
});

const getFromSocial = async (extra: INodeParameters = {}, runExtra: IDataObject = {}) =>
	await runNode({
		node: 'socialSyncer',
		baseUrl: urls.social,
		apiKey: SOCIAL_KEY,
		parameters: postIdParams('get', 'post_1', extra),
		...runExtra,
	});

async function schedulalaPosts(count: number): Promise<string[]> {
	const created = await runNode({
		node: 'schedulala',
		baseUrl: urls.schedulala,
		apiKey: SCHEDULALA_KEY,
		parameters: schedulalaCreateParams({ content: '={{ "Post " + $json.n }}' }),
		items: Array.from({ length: count }, (_, n) => ({ n })),
	});
	schedulala.requests.length = 0;
	return created.main.map((item) => String(item.json.id));
}

/** A 429 whose Retry-After asks for this many seconds. */
const rateLimitAsking = (seconds: number) => ({
	kind: 'error',
	code: 'RATE_LIMIT_EXCEEDED',
	message: 'Rate limit exceeded',
	headers: { 'Retry-After': String(seconds) },
});

describe('what is never retried', () => {
	it.each([
		['VALIDATION_ERROR', 400],
		['AUTH_INVALID_KEY', 401],
		['FORBIDDEN', 403],
		['NOT_FOUND', 404],
		['CONFLICT', 409],
		['UNPROCESSABLE', 422],
	])('%s (%i) is sent exactly once', async (code, status) => {
		social.script({ kind: 'status', status, body: { error: 'No', code }, times: 5 });
		const result = await getFromSocial({}, { onError: 'continueRegularOutput' });
		expect(errorOf(result.main[0])).toMatchObject({ code, retryable: false, attempts: 1 });
		expect(social.requests).toHaveLength(1);
	});
});

describe('giving up', () => {
	it('says how many attempts were made and why it stopped', async () => {
		social.script({
			kind: 'error',
			code: 'INTERNAL_ERROR',
			message: 'Internal server error',
			times: 10,
		});
		const result = await getFromSocial();
		expect(social.requests).toHaveLength(4);
		expect(result.error?.message).toBe('Internal server error');
		expect(result.error?.description).toContain('Gave up after 4 attempts: "Max Retries" is 3.');

		social.script({
			kind: 'error',
			code: 'INTERNAL_ERROR',
			message: 'Internal server error',
			times: 10,
		});
		const continued = await getFromSocial({}, { onError: 'continueRegularOutput' });
		expect(errorOf(continued.main[0])).toMatchObject({
			code: 'INTERNAL_ERROR',
			retryable: true,
			attempts: 4,
		});
	});

	it('fails at once when the API asks for a longer wait than Max Wait, saying when to try again', async () => {
		social.script(rateLimitAsking(120));
		const result = await getFromSocial({ requestOptions: { ...FAST_RETRIES, maxWait: 60 } });
		expect(social.requests).toHaveLength(1);
		// The API's words unchanged; when to try again is in the description and the error item.
		expect(result.error?.message).toBe('Rate limit exceeded');
		expect(result.error?.description).toMatch(/Try again after \d{4}-\d\d-\d\dT/);
		expect(result.error?.description).toMatch(
			/asked to wait 120 s, longer than "Max Wait" \(60 s\)/,
		);
	});

	it('"Max Retries" 0 turns retries off', async () => {
		social.script({ kind: 'error', code: 'INTERNAL_ERROR', message: 'Internal server error' });
		await getFromSocial({ requestOptions: { ...FAST_RETRIES, maxRetries: 0 } });
		expect(social.requests).toHaveLength(1);
	});

	it('a cancelled execution stops waiting', async () => {
		social.script(rateLimitAsking(30));
		const startedAt = Date.now();
		await getFromSocial(
			{ requestOptions: { ...FAST_RETRIES, maxWait: 60 } },
			{ cancelAfterMs: 300 },
		);
		// It stopped long before the 30 s the API asked for, and sent nothing more.
		expect(Date.now() - startedAt).toBeLessThan(15_000);
		expect(social.requests).toHaveLength(1);
	});
});

describe('success after retries', () => {
	it('is a plain success item, the same as without the fault', async () => {
		const [id] = await schedulalaPosts(1);
		const get = async () =>
			await runNode({
				node: 'schedulala',
				baseUrl: urls.schedulala,
				apiKey: SCHEDULALA_KEY,
				parameters: postIdParams('get', id),
			});
		const clean = await get();
		schedulala.script({
			kind: 'error',
			code: 'internal_error',
			message: 'Internal server error',
			method: 'GET',
		});
		const retried = await get();
		expect(schedulala.requests.map((request) => request.status)).toEqual([200, 500, 200]);
		expect(retried.main).toEqual(clean.main);
	});
});

describe('rate limits shared with other executions', () => {
	it('waits out more 429s than Max Retries (another execution took each window), and posts once', async () => {
		schedulala.script({
			kind: 'error',
			code: 'rate_limit_exceeded',
			message: 'Too many requests. Please slow down.',
			headers: { 'Retry-After': '0' },
			method: 'POST',
			times: 5,
		});
		const result = await runNode({
			node: 'schedulala',
			baseUrl: urls.schedulala,
			apiKey: SCHEDULALA_KEY,
			parameters: schedulalaCreateParams(),
		});
		expect(schedulala.requests.map((request) => request.status)).toEqual([
			429, 429, 429, 429, 429, 201,
		]);
		expect(schedulala.posts.size).toBe(1);
		expect(result.main[0].json.id).toBeDefined();
	});

	it('still gives up on a window that never opens, and says so', async () => {
		social.script({ ...rateLimitAsking(0), times: 20 });
		const result = await getFromSocial({}, { onError: 'continueRegularOutput' });
		expect(social.requests).toHaveLength(11);
		expect(errorOf(result.main[0])).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', attempts: 11 });
		expect(String(errorOf(result.main[0]).description)).toContain(
			'still rate limited after waiting 10 times',
		);
	});
});

describe('proactive throttling', () => {
	it('waits for the window to reset when X-RateLimit-Remaining reaches 0, instead of collecting a 429', async () => {
		const ids = await schedulalaPosts(5);
		const windowStart = Date.now();
		schedulala.rateLimit(2, 800);
		const result = await runNode({
			node: 'schedulala',
			baseUrl: urls.schedulala,
			apiKey: SCHEDULALA_KEY,
			parameters: postIdParams('get', '={{ $json.id }}'),
			items: ids.map((id) => ({ id })),
		});
		expect(result.main.map((item) => item.json.id)).toEqual(ids);
		expect(schedulala.requests.map((request) => request.status)).toEqual([200, 200, 200, 200, 200]);
		// The third request waited for the reset the second answer announced.
		expect(schedulala.requests[2].at).toBeGreaterThanOrEqual(windowStart + 800);
	});

	it("does not hold items back past Max Wait: the API's 429 then fails the item clearly", async () => {
		const ids = await schedulalaPosts(3);
		schedulala.rateLimit(2, 60_000);
		const result = await runNode({
			node: 'schedulala',
			baseUrl: urls.schedulala,
			apiKey: SCHEDULALA_KEY,
			parameters: postIdParams('get', '={{ $json.id }}', {
				requestOptions: { ...FAST_RETRIES, maxWait: 1 },
			}),
			items: ids.map((id) => ({ id })),
			onError: 'continueRegularOutput',
		});
		// The window opens in 60 s, beyond Max Wait: the third item is not held back but fails clearly.
		expect(errorOf(result.main[2])).toMatchObject({ code: 'rate_limit_exceeded', httpCode: 429 });
		expect(String(errorOf(result.main[2]).advice)).toMatch(/^Try again after/);
	});
});
