/**
 * Edges of error paths found by an independent review of issue 22: odd Retry-After values,
 * http: Base URLs without "//", a TLS stream broken after the request went out, a garbage
 * Date header, a key pasted with a trailing space.
 */

import { SchedulalaApi } from '../../credentials/SchedulalaApi.credentials';
import { SocialSyncerApi } from '../../credentials/SocialSyncerApi.credentials';
import { isCleartextRemote } from '../../nodes/shared/transport/baseUrl';
import { startBrokenAfterRequest, trustAllCertificates } from '../support/brokenTls';
import { credentialTestBaseUrl } from '../support/credentialExpression';
import { createParams, FAST_RETRIES, schedulalaCreateParams } from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, urls, run } = useBothSimulators();

describe('item 14: odd Retry-After values: the first valid number counts', () => {
	it.each([', 2', 'abc, 2', '-1, 2'])(
		'Retry-After "%s" waits 2 s, not 0',
		async (value) => {
			sims.socialSyncer.script({
				kind: 'status',
				method: 'GET',
				path: /^\/posts\/p1$/,
				status: 503,
				headers: { 'Retry-After': value },
			});
			sims.socialSyncer.seedPost({ id: 'p1', content: 'x', platforms: ['instagram'] });
			const result = await run('socialSyncer', {
				parameters: {
					resource: 'post',
					operation: 'get',
					postId: 'p1',
					requestOptions: { ...FAST_RETRIES, initialBackoff: 10, maxWait: 30 },
				},
			});
			expect(result.error).toBeUndefined();
			const [first, second] = sims.socialSyncer.requestsTo('GET', '/posts/p1');
			expect(second.at - first.at).toBeGreaterThanOrEqual(1900);
		},
		30_000,
	);
});

describe('items 8/15: the credential test never sends the key in clear text to another machine', () => {
	/** The Base URL the credential test would request, as n8n resolves the test's expression. */
	const testBaseUrl = (credential: SocialSyncerApi | SchedulalaApi, baseUrl: string): string =>
		credentialTestBaseUrl(String(credential.test!.request.baseURL), baseUrl) as string;

	it.each([
		['http:api.example.com/v1'],
		['http:/api.example.com/v1'],
		['http:\\\\api.example.com\\v1'],
		['http:\\/api.example.com/v1'],
	])('Base URL %s (which the node itself refuses) is not tried by the test', (baseUrl) => {
		// The node's own rule sees plain http:// to another machine here (WHATWG URL parsing) …
		expect(isCleartextRemote(baseUrl)).toBe(true);
		for (const credential of [new SocialSyncerApi(), new SchedulalaApi()]) {
			const sent = testBaseUrl(credential, baseUrl);
			// … so the credential test must not produce a URL a client can send to.
			expect(() => new URL(`${sent}/accounts`)).toThrow();
		}
	});
});

describe('item 15: a TLS error after the request went out is not "nothing was sent"', () => {
	it('the server got the create, then the TLS stream broke: mayExist, not "nothing was sent"', async () => {
		const server = await startBrokenAfterRequest();
		const restore = trustAllCertificates();
		try {
			const { runNode } = await import('../support/engine/harness');
			const { SOCIAL_KEY } = await import('../support/helpers');
			const result = await runNode({
				node: 'socialSyncer',
				baseUrl: `https://127.0.0.1:${server.port}/v1`,
				apiKey: SOCIAL_KEY,
				parameters: createParams(),
				onError: 'continueRegularOutput',
			});
			expect(server.received()).toMatch(/^POST \/v1\/posts /);
			const error = result.main[0].json.error as Record<string, unknown>;
			expect(JSON.stringify(error)).not.toMatch(/nothing was sent|Nothing was sent/);
			expect(error.mayExist).toBe(true);
		} finally {
			restore();
			server.stop();
		}
	});
});

describe('item 13: a garbage Date header does not move the API clock by decades', () => {
	it.each(['0', 'Thu, 01 Jan 1970 00:00:00 GMT'])(
		'Date: "%s" on every answer: the rows still go out, waiting only the window',
		async (date) => {
			const sim = sims.schedulala;
			sim.rateLimit(2, 1500);
			sim.script({ kind: 'headers', headers: { Date: date }, times: 50 });
			const result = await run('schedulala', {
				parameters: schedulalaCreateParams({
					requestOptions: { ...FAST_RETRIES, maxRetries: 2, maxWait: 30 },
				}),
				items: [1, 2, 3, 4, 5].map((index) => ({ text: `Row ${index}` })),
				onError: 'continueRegularOutput',
			});
			expect(result.main.map((item) => item.json.error)).toEqual([
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
			]);
		},
		60_000,
	);
});

describe('item 10: the key appears in no item', () => {
	const echoGet = (debug: unknown) => {
		sims.socialSyncer.script({
			kind: 'replaceBody',
			method: 'GET',
			path: /^\/posts\/p1$/,
			status: 200,
			body: { id: 'p1', status: 'published', platforms: [], debug },
		});
		sims.socialSyncer.seedPost({ id: 'p1', content: 'x', platforms: ['instagram'] });
	};
	const getP1 = { resource: 'post', operation: 'get', postId: 'p1', requestOptions: FAST_RETRIES };

	it('a key pasted with a trailing space: the API echoes the key it got, it is masked', async () => {
		const { runNode } = await import('../support/engine/harness');
		const { SOCIAL_KEY } = await import('../support/helpers');
		echoGet({ authorization: `Bearer ${SOCIAL_KEY}` });
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: `${SOCIAL_KEY} `,
			parameters: getP1,
		});
		expect(result.main[0]?.json.id).toBe('p1');
		expect(JSON.stringify(result.run.data)).not.toContain(SOCIAL_KEY);
	});
});
