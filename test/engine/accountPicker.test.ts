/**
 * The account picker of a Create Post / Validate target: the editor's list
 * search, run through n8n-core's LoadOptionsContext against the simulators.
 */
import type { INodeParameters } from 'n8n-workflow';

import { useBothSimulators } from '../support/engine/bothSimulators';
import { type NodeName, searchList } from '../support/engine/harness';

const { sims, keys, urls, run } = useBothSimulators();

const PATH = 'parameters.platforms.target[0].accountId';

function createParams(platform: unknown): INodeParameters {
	return {
		resource: 'post',
		operation: 'create',
		content: 'hello',
		platforms: { target: [{ platform, accountId: { __rl: true, mode: 'list', value: '' } }] },
	} as INodeParameters;
}

const search = async (node: NodeName, platform: unknown, filter?: string) =>
	await searchList('searchAccounts', {
		node,
		parameters: createParams(platform),
		path: PATH,
		filter,
		baseUrl: urls[node],
		apiKey: keys[node],
	});

describe('SocialSyncerAPI: account picker', () => {
	it("lists the target platform's accounts by name, marking the one that needs reconnecting", async () => {
		const { results } = await search('socialSyncer', 'instagram');
		expect(results).toEqual([
			{ name: '@mybusiness (instagram)', value: 'ig_123' },
			{ name: '@oldshop (instagram) · needs reconnecting', value: 'ig_999' },
		]);
		expect(sims.socialSyncer.requests.map((request) => request.path)).toEqual([
			'/accounts',
			'/accounts/health',
		]);
		expect(sims.socialSyncer.requests[0].query.get('platform')).toBe('instagram');
	});

	it('lists every account when the platform is an expression the editor could not resolve', async () => {
		const { results } = await search('socialSyncer', null);
		expect(results.map((result) => result.value)).toEqual([
			'ig_123',
			'fb_456',
			'tw_789',
			'tt_321',
			'th_654',
			'ig_999',
		]);
		expect(results[1].name).toBe('My Business Page (facebook)');
	});

	it('filters by what the user types, in the name or the ID', async () => {
		expect((await search('socialSyncer', '', 'old')).results.map((r) => r.value)).toEqual([
			'ig_999',
		]);
		expect((await search('socialSyncer', '', 'TW_7')).results.map((r) => r.value)).toEqual([
			'tw_789',
		]);
	});

	it('still lists the accounts when the health list fails (only the marks are missing)', async () => {
		sims.socialSyncer.script({
			kind: 'status',
			status: 500,
			body: '',
			path: '/accounts/health',
			times: 5,
		});
		const { results } = await search('socialSyncer', 'instagram');
		expect(results.map((result) => result.name)).toEqual([
			'@mybusiness (instagram)',
			'@oldshop (instagram)',
		]);
	});
});

describe('Schedulala: account picker', () => {
	it('marks an account whose token is dead', async () => {
		const { results } = await search('schedulala', 'instagram');
		expect(results).toEqual([
			{ name: '@mybrand (instagram) · needs reconnecting', value: 'acc_ig_1' },
		]);
		expect(sims.schedulala.requests.map((request) => request.path)).toEqual(['/accounts']);
	});

	it('a 404 on the inferred accounts path says so, as an error the editor shows', async () => {
		sims.schedulala.script({
			kind: 'error',
			code: 'not_found',
			message: 'Not found',
			status: 404,
			path: '/accounts',
		});
		await expect(search('schedulala', 'instagram')).rejects.toMatchObject({
			message: 'Not found',
			httpCode: '404',
			description: expect.stringMatching(/GET \/accounts \(inferred\)/),
		});
	});
});

describe.each<NodeName>(['socialSyncer', 'schedulala'])('%s: account picker errors', (node) => {
	it("a wrong key shows the API's own message with its 401, never an empty list", async () => {
		const error = await searchList('searchAccounts', {
			node,
			parameters: createParams('instagram'),
			path: PATH,
			baseUrl: urls[node],
			apiKey: 'wrong-key',
		}).catch((caught: unknown) => caught);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		const { message, description } = error as { message: string; description: string };
		expect(message).not.toMatch(/wrong-key/);
		expect(String(description)).not.toMatch(/wrong-key/);
		// The editor drops dash-separated segments that mention checking credentials.
		expect(message).not.toMatch(/ - |check (your )?credentials?/i);
	});

	it('an API that is down shows its status after one quick retry', async () => {
		sims[node].script({ kind: 'status', status: 503, body: '<html>down</html>', times: 10 });
		await expect(search(node, 'instagram')).rejects.toMatchObject({
			name: 'NodeApiError',
			httpCode: '503',
		});
		expect(sims[node].requests).toHaveLength(2);
	});
});

describe.each<[NodeName, string]>([
	['socialSyncer', 'ig_123'],
	['schedulala', 'acc_tw_1'],
])('%s: Create Post with a picked account', (node, accountId) => {
	const platform = node === 'socialSyncer' ? 'instagram' : 'twitter';
	it.each([
		['picked from the list', { __rl: true, mode: 'list', value: accountId }],
		['typed by ID', { __rl: true, mode: 'id', value: accountId }],
		['saved by a wave-1 workflow as a plain string', accountId],
	])('sends the account ID when it is %s', async (_, value) => {
		const result = await run(node, {
			parameters: {
				resource: 'post',
				operation: 'create',
				content: 'hello',
				publishMode: 'draft',
				platforms: { target: [{ platform, accountId: value }] },
			} as INodeParameters,
		});
		expect(result.error).toBeUndefined();
		const create = sims[node].requests.find((request) => request.method === 'POST');
		expect((create?.body as { platforms: unknown[] }).platforms).toEqual([
			expect.objectContaining({ platform, accountId }),
		]);
	});
});
