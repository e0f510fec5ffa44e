/**
 * Error paths of issue 22 through n8n-core's engine against the simulators: n8n's own
 * expression errors, the API's message unchanged (guidance beside it), the key masked
 * wherever an answer echoes it, a list that ignores paging, a skewed API clock, odd
 * Retry-After values, TLS handshake failures and a plain-http Base URL.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	createParams,
	errorOf,
	FAST_RETRIES,
	SCHEDULALA_KEY,
	SOCIAL_KEY,
	schedulalaCreateParams,
	visibleText,
} from '../support/helpers';
import { startTlsServer } from '../support/tlsServer';
import { useBothSimulators } from '../support/engine/bothSimulators';
import { runNode } from '../support/engine/harness';

const { sims, urls, run } = useBothSimulators();

describe("n8n's own errors pass through as n8n made them", () => {
	it("$('Renamed Node') in Content: n8n's expression error, nothing sent", async () => {
		const params = createParams({ content: "={{ $('Renamed Node').item.json.text }}" });
		const thrown = await run('socialSyncer', { parameters: params });
		expect(thrown.error?.name).toBe('ExpressionError');
		expect(thrown.error?.message).not.toMatch(/Unexpected problem/);
		expect(String(thrown.error?.description ?? '')).not.toMatch(/bug in the node/);
		const continued = await run('socialSyncer', {
			parameters: params,
			onError: 'continueRegularOutput',
		});
		const error = errorOf(continued.main[0]);
		expect(error.code).toBe('EXPRESSION_ERROR');
		expect(error.message).toBe(thrown.error?.message);
		expect(sims.socialSyncer.requests).toHaveLength(0);
	});
});

describe("the API's message is unchanged; what to do is beside it", () => {
	const answered500 = () =>
		sims.socialSyncer.script({
			kind: 'error',
			method: 'POST',
			path: '/posts',
			status: 500,
			code: 'INTERNAL_ERROR',
			message: 'Internal server error',
		});

	it('thrown: the message is the API\'s words, "not sent again" in the description', async () => {
		answered500();
		const result = await run('socialSyncer', { parameters: createParams() });
		expect(result.error?.message).toBe('Internal server error');
		expect(result.error?.description).toMatch(/Not sent again/);
		expect(sims.socialSyncer.requestsTo('POST', '/posts')).toHaveLength(1);
	});

	it('under Continue: the error item says it may exist and what to check', async () => {
		answered500();
		const result = await run('socialSyncer', {
			parameters: createParams(),
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error).toMatchObject({
			message: 'Internal server error',
			code: 'INTERNAL_ERROR',
			httpCode: 500,
			mayExist: true,
		});
		expect(error.advice).toMatch(/^Not sent again: the post may already exist/);
		expect(error.description).toMatch(/Not sent again/);
	});

	it('as an AI tool: the returned error carries the advice and the rule', async () => {
		answered500();
		const result = await run('socialSyncer', {
			parameters: createParams(),
			asTool: true,
			items: [{ text: 'From the agent' }],
		});
		const error = result.main[0].json.error as IDataObject;
		expect(error.mayExist).toBe(true);
		expect(error.advice).toMatch(/^Not sent again/);
		expect(error.message).toMatch(/^Internal server error\. Do not create this post again/);
	});

	it('a failure that is not a duplicate risk has mayExist false and no advice', async () => {
		sims.socialSyncer.script({
			kind: 'error',
			method: 'POST',
			path: '/posts',
			status: 400,
			code: 'VALIDATION_ERROR',
			message: 'Content too long',
		});
		const result = await run('socialSyncer', {
			parameters: createParams(),
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error).toMatchObject({ message: 'Content too long', mayExist: false });
		expect(error.advice).toBeUndefined();
	});
});

describe('the API key appears in no item and no error', () => {
	const key = SCHEDULALA_KEY;

	it('bulk entries whose errors echo the key: message, description, details and their keys', async () => {
		sims.schedulala.script({
			kind: 'replaceBody',
			method: 'POST',
			path: '/posts/bulk',
			status: 200,
			body: {
				success: true,
				data: {
					results: [0, 1].map((index) => ({
						index,
						success: false,
						status: 400,
						error: {
							code: 'validation_error',
							message: `Invalid key ${key} for this account`,
							details: { [key]: 'rejected', header: `Bearer ${key}` },
						},
					})),
				},
			},
		});
		const result = await run('schedulala', {
			parameters: schedulalaCreateParams({ options: { bulk: true } }),
			items: [{ text: 'one' }, { text: 'two' }],
			onError: 'continueRegularOutput',
		});
		expect(result.main).toHaveLength(2);
		const error = errorOf(result.main[0]);
		expect(error.message).toBe('Invalid key [redacted] for this account');
		expect(visibleText(result)).not.toContain(key);
		expect(JSON.stringify(result.run.data)).not.toContain(key);
	});

	it('a success body that echoes the key does not carry it into the item', async () => {
		sims.socialSyncer.script({
			kind: 'replaceBody',
			method: 'GET',
			path: /^\/posts\/p1$/,
			status: 200,
			body: {
				id: 'p1',
				status: 'published',
				platforms: [],
				debug: { authorization: `Bearer ${SOCIAL_KEY}`, [SOCIAL_KEY]: true },
			},
		});
		sims.socialSyncer.seedPost({ id: 'p1', content: 'x', platforms: ['instagram'] });
		const result = await run('socialSyncer', {
			parameters: {
				resource: 'post',
				operation: 'get',
				postId: 'p1',
				requestOptions: FAST_RETRIES,
			},
		});
		expect(result.main[0].json.id).toBe('p1');
		expect(JSON.stringify(result.run.data)).not.toContain(SOCIAL_KEY);
		expect(JSON.stringify(result.main[0].json)).toContain('[redacted]');
	});
});

describe('Get Many with Return All against an API that ignores paging', () => {
	it('stops at the first page that brings nothing new, outputs each post once, says so', async () => {
		const sim = sims.socialSyncer;
		for (let index = 0; index < 150; index++)
			sim.posts.set(`p${index}`, { id: `p${index}`, content: `Post ${index}`, platforms: [] });
		sim.ignorePaging = true;
		const result = await run('socialSyncer', {
			parameters: {
				resource: 'post',
				operation: 'getAll',
				returnAll: true,
				requestOptions: FAST_RETRIES,
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(100);
		expect(new Set(result.main.map((item) => item.json.id)).size).toBe(100);
		expect(sim.requestsTo('GET', '/posts')).toHaveLength(2);
		const hints = (result.run.data.resultData.runData.SocialSyncerAPI[0] as { hints?: unknown })
			.hints;
		expect(JSON.stringify(hints)).toMatch(/seems to ignore paging/);
	});
});

describe("rate-limit resets read in the API's clock", () => {
	it("with n8n's clock 2 minutes ahead, a row waits for the window instead of failing", async () => {
		const sim = sims.schedulala;
		sim.rateLimit(2, 1500);
		// The API's clock is 2 minutes behind: its reset epochs look 2 minutes past to n8n.
		sim.clockOffsetMs = -120_000;
		const result = await run('schedulala', {
			parameters: schedulalaCreateParams({
				requestOptions: { ...FAST_RETRIES, maxRetries: 2 },
			}),
			items: [1, 2, 3, 4, 5].map((index) => ({ text: `Row ${index}` })),
		});
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(5);
		const limited = sim.requests.filter((request) => request.status === 429);
		// Without the Date header's correction every request of the next window is a 429.
		expect(limited.length).toBeLessThanOrEqual(3);
	});
});

describe('odd wait headers', () => {
	it('Retry-After: 5, 7 (two proxies) waits the first: 5 s', async () => {
		sims.socialSyncer.script({
			kind: 'status',
			method: 'GET',
			path: /^\/posts\/p1$/,
			status: 503,
			headers: { 'Retry-After': '5, 7' },
		});
		sims.socialSyncer.seedPost({ id: 'p1', content: 'x', platforms: ['instagram'] });
		const result = await run('socialSyncer', {
			parameters: {
				resource: 'post',
				operation: 'get',
				postId: 'p1',
				requestOptions: { ...FAST_RETRIES, maxWait: 30 },
			},
		});
		expect(result.error).toBeUndefined();
		const [first, second] = sims.socialSyncer.requestsTo('GET', '/posts/p1');
		expect(second.at - first.at).toBeGreaterThanOrEqual(4900);
	}, 30_000);
});

describe('TLS handshake failures', () => {
	it('a certificate n8n refuses: not "may already exist", nothing reached the server', async () => {
		const tls = await startTlsServer();
		try {
			const result = await runNode({
				node: 'socialSyncer',
				baseUrl: tls.url,
				apiKey: SOCIAL_KEY,
				parameters: createParams(),
				onError: 'continueRegularOutput',
			});
			const error = errorOf(result.main[0]);
			expect(error.message).toMatch(/TLS handshake failed/);
			expect(error.mayExist).toBe(false);
			expect(error.advice).toBeUndefined();
			expect(JSON.stringify(error)).not.toMatch(/may already exist/);
			expect(error.retryable).toBe(false);
			expect(tls.requests()).toBe(0);
		} finally {
			await tls.stop();
		}
	});
});

describe('a plain http:// Base URL to another machine', () => {
	it('is refused before any request: the key would travel in clear text', async () => {
		const result = await runNode({
			node: 'schedulala',
			baseUrl: 'http://api.example.com/api/v1',
			apiKey: SCHEDULALA_KEY,
			parameters: schedulalaCreateParams(),
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error.code).toBe('INVALID_CREDENTIAL');
		expect(error.message).toMatch(/not HTTPS/);
	});

	it('http:// on this machine stays allowed (local proxies, test servers)', async () => {
		expect(urls.schedulala).toMatch(/^http:\/\/127\.0\.0\.1:/);
		const result = await run('schedulala', { parameters: schedulalaCreateParams() });
		expect(result.error).toBeUndefined();
	});
});
