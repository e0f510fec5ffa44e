/**
 * The nodes as an AI agent's tool (a node type ending in "Tool"), through
 * n8n-core's engine: simple list arguments become the same request, accounts
 * are picked by platform, the output is compact, and every error is returned
 * as an item whose message says what to do next, never thrown.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	createParams,
	FAST_RETRIES,
	schedulalaCreateParams,
	allToolFields,
} from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();

/** The tool node as a user adds it: the tool-only fields keep their $fromAI defaults. */
const toolDefaults: INodeParameters = Object.fromEntries(
	allToolFields.map((field) => [field.name, field.default]),
);

const socialTool = (extra: INodeParameters = {}) =>
	createParams({
		...toolDefaults,
		platforms: {},
		content: '',
		requestOptions: { ...FAST_RETRIES, requestsPerMinute: 0 } as INodeParameters,
		...extra,
	});

const creates = (sim: typeof sims.socialSyncer | typeof sims.schedulala) =>
	sim.requests.filter((request) => request.method === 'POST' && request.path === '/posts');

describe('SocialSyncerAPI as a tool', () => {
	it('takes targets as a comma-separated list, picks the only account of each platform, and schedules', async () => {
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: socialTool(),
			items: [
				{
					content: 'Monday menu is up',
					targets: 'twitter, facebook',
					scheduledFor: '2030-01-07T09:00:00+01:00',
				},
			],
		});
		expect(result.error).toBeUndefined();
		const [sent] = creates(sims.socialSyncer);
		expect(sent.body).toMatchObject({
			content: 'Monday menu is up',
			platforms: [
				{ platform: 'twitter', accountId: 'tw_789' },
				{ platform: 'facebook', accountId: 'fb_456' },
			],
			scheduledFor: '2030-01-07T08:00:00.000Z',
		});
		const [item] = result.main;
		// Compact: what an agent acts on, not the whole API body.
		expect(Object.keys(item.json).sort()).toEqual(
			['failedPlatforms', 'id', 'platforms', 'scheduledFor', 'status', 'timezone'].sort(),
		);
		expect(item.json.status).toBe('scheduled');
		expect(item.json.platforms).toEqual([
			{ platform: 'twitter', accountId: 'tw_789', status: 'scheduled' },
			{ platform: 'facebook', accountId: 'fb_456', status: 'scheduled' },
		]);
	});

	it('the short call: text only, published now to the targets set in the node', async () => {
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: socialTool({
				platforms: { target: [{ platform: 'instagram', accountId: 'ig_123' }] },
				media: { item: [{ type: 'image', url: 'https://cdn.example.com/a.jpg' }] },
			}),
			items: [{ content: 'Hello' }],
		});
		expect(result.error).toBeUndefined();
		const [sent] = creates(sims.socialSyncer);
		expect(sent.body).toMatchObject({ content: 'Hello', publishNow: true });
		expect((result.main[0].json.platforms as IDataObject[])[0]).toMatchObject({
			platform: 'instagram',
			status: 'published',
		});
		expect(String((result.main[0].json.platforms as IDataObject[])[0].url)).toMatch(/^https:/);
	});

	it('several accounts of a platform: an error item naming them, nothing sent', async () => {
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: socialTool(),
			items: [{ content: 'Hi', targets: 'instagram' }],
		});
		expect(result.error).toBeUndefined();
		expect(creates(sims.socialSyncer)).toHaveLength(0);
		const error = result.main[0].json.error as IDataObject;
		expect(error.code).toBe('INVALID_PARAMETER');
		expect(error.message).toBe(
			'Several instagram accounts are connected: say which one. Give the target as {"platform":"instagram","accountId":"…"} with one of: ig_123 (@mybusiness (instagram)), ig_999 (@oldshop (instagram)). Fix the field "targets" and call again with the corrected value.',
		);
		expect(error.details).toEqual({ field: 'targets' });
	});

	it('a JSON array of targets with account IDs and media URLs', async () => {
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: socialTool(),
			items: [
				{
					content: 'New in store',
					targets: '[{"platform":"instagram","accountId":"ig_123"}]',
					mediaUrls: 'https://cdn.example.com/a.jpg, https://cdn.example.com/b.mp4',
				},
			],
		});
		expect(result.main[0].json.error).toBeUndefined();
		expect(creates(sims.socialSyncer)[0].body).toMatchObject({
			platforms: [{ platform: 'instagram', accountId: 'ig_123' }],
			mediaItems: [
				{ type: 'image', url: 'https://cdn.example.com/a.jpg' },
				{ type: 'video', url: 'https://cdn.example.com/b.mp4' },
			],
		});
	});

	it('after an ambiguous failure the agent is told not to create the post again', async () => {
		sims.socialSyncer.script({ kind: 'dropAfter', method: 'POST', path: '/posts' });
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: socialTool(),
			items: [{ content: 'Once only', targets: 'twitter' }],
		});
		expect(result.error).toBeUndefined();
		expect(creates(sims.socialSyncer)).toHaveLength(1);
		const error = result.main[0].json.error as IDataObject;
		expect(error.message).toMatch(
			/Do not create this post again: it may already exist\. Check with Get Post or Get Many Posts first, and tell the user\.$/,
		);
	});

	it('a rate limit longer than Max Wait: wait N seconds', async () => {
		sims.socialSyncer.script({
			kind: 'error',
			status: 429,
			code: 'RATE_LIMIT_EXCEEDED',
			message: 'Rate limit exceeded',
			method: 'POST',
			headers: { 'Retry-After': '40' },
		});
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: socialTool(),
			items: [{ content: 'Later', targets: 'twitter' }],
		});
		const error = result.main[0].json.error as IDataObject;
		expect(error.code).toBe('RATE_LIMIT_EXCEEDED');
		expect(error.message).toMatch(/Wait 40 seconds, then call this tool once more\.$/);
		expect(error.retryable).toBe(true);
	});

	it('Account → Get Many as a tool returns the accounts compactly', async () => {
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: { resource: 'account', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(result.main.map((item) => item.json)).toContainEqual({
			accountId: 'ig_123',
			platform: 'instagram',
			username: 'mybusiness',
			needsReconnect: false,
		});
	});
});

describe('Schedulala as a tool', () => {
	it('platform names go through as they are (Schedulala needs no account ID)', async () => {
		const result = await run('schedulala', {
			asTool: true,
			parameters: schedulalaCreateParams({
				...toolDefaults,
				platforms: {},
				content: '',
				requestOptions: FAST_RETRIES as unknown as INodeParameters,
			}),
			items: [{ content: 'Hi all', targets: 'bluesky, linkedin' }],
		});
		expect(result.main[0].json.error).toBeUndefined();
		expect(creates(sims.schedulala)[0].body).toMatchObject({
			content: 'Hi all',
			platforms: [{ platform: 'bluesky' }, { platform: 'linkedin' }],
		});
	});

	it('a bad time is an error item that names the field', async () => {
		const result = await run('schedulala', {
			asTool: true,
			parameters: schedulalaCreateParams({
				...toolDefaults,
				requestOptions: FAST_RETRIES as unknown as INodeParameters,
			}),
			items: [{ content: 'Hi', scheduledFor: 'next monday' }],
		});
		const error = result.main[0].json.error as IDataObject;
		expect(error.message).toMatch(
			/^Scheduled For is not a valid date: "next monday"\. Use an ISO 8601 date/,
		);
		expect(error.message).toMatch(
			/Fix the field "scheduledFor" and call again with the corrected value\.$/,
		);
		expect(creates(sims.schedulala)).toHaveLength(0);
	});
});

it('the same node outside an agent still throws (nothing changes for workflows)', async () => {
	const result = await run('socialSyncer', {
		parameters: createParams({
			platforms: { target: [{ platform: 'instagram', accountId: 'ig_unknown' }] },
		}),
		items: [{ text: 'x' }],
	});
	expect(result.error).toBeDefined();
});
