/**
 * The user's own $fromAI next to the tool-only fields. n8n builds a tool's arguments
 * from every $fromAI in the node's parameters as the workflow holds them (defaults filled
 * in, hidden fields left out: n8n-core's getSchema, used here as n8n uses it) and refuses
 * one key with two descriptions. Each configuration is built the way the editor saves it
 * (tool-only fields left at their defaults, so not stored), then run through the engine
 * with the arguments the model would give.
 */
import { getSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	createParams,
	FAST_RETRIES,
	schedulalaCreateParams,
	allToolFields,
} from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';
import { type NodeName, nodeTypes } from '../support/engine/harness';

const { sims, run } = useBothSimulators();

/** What people write from n8n's docs. */
const OWN_CONTENT = "={{ $fromAI('content', 'The text of the post', 'string') }}";
/** What the editor's "Let the model define this parameter" button writes in Content. */
const BUTTON_CONTENT =
	"={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Content', ``, 'string') }}";
/** The button on the first target's Account (its key: target index and display name). */
const BUTTON_ACCOUNT =
	"={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('target0_Account', ``, 'string') }}";
const OWN_ACCOUNT =
	"={{ $fromAI('accountId', 'The ID of the instagram account to post with', 'string') }}";

const account = (value: string) => ({ __rl: true, mode: 'id', value });
const requestOptions = { ...FAST_RETRIES, requestsPerMinute: 0 } as INodeParameters;

/** The tool's arguments as n8n gives them to the model: key → description (and whether optional). */
/** The platform-setting arguments SocialSyncerAPI's tool offers besides the four post ones. */
const withSettingArgs = (args: string[]) =>
	[...args, 'firstCommentText', 'instagramPostType', 'tiktokPrivacy'].sort();

function toolArguments(node: NodeName, parameters: INodeParameters) {
	const workflow = new Workflow({
		nodes: [
			{
				id: 'tool',
				name: 'Create social post',
				type: `n8n-nodes-social-posting.${node}Tool`,
				typeVersion: 1,
				position: [0, 0],
				parameters,
			},
		],
		connections: {},
		active: false,
		nodeTypes,
	});
	const schema = getSchema(workflow.getNode('Create social post')!);
	return Object.fromEntries(
		Object.entries(schema.shape).map(([key, value]) => [
			key,
			{ description: value.description ?? '', optional: value.isOptional() },
		]),
	);
}

const creates = (node: NodeName) =>
	sims[node].requests.filter((request) => request.method === 'POST' && request.path === '/posts');

describe("the user's own $fromAI next to the tool-only fields", () => {
	it('the defaults alone: content, targets, mediaUrls and scheduledFor, all optional', () => {
		const args = toolArguments('socialSyncer', createParams({ content: '', platforms: {} }));
		expect(Object.keys(args).sort()).toEqual(
			withSettingArgs(['content', 'mediaUrls', 'scheduledFor', 'targets']),
		);
		expect(Object.values(args).every((arg) => arg.optional)).toBe(true);
	});

	it("own $fromAI('content', …) on Content: one content argument, with the user's description", async () => {
		const parameters = createParams({ content: OWN_CONTENT, platforms: {}, requestOptions });
		const args = toolArguments('socialSyncer', parameters);
		expect(Object.keys(args).sort()).toEqual(
			withSettingArgs(['content', 'mediaUrls', 'scheduledFor', 'targets']),
		);
		expect(args.content).toEqual({ description: 'The text of the post', optional: false });

		const result = await run('socialSyncer', {
			asTool: true,
			parameters,
			items: [{ content: 'Soup of the day: leek', targets: 'twitter' }],
		});
		expect(result.main[0].json.error).toBeUndefined();
		expect(creates('socialSyncer')[0].body).toMatchObject({
			content: 'Soup of the day: leek',
			platforms: [{ platform: 'twitter', accountId: 'tw_789' }],
		});
	});

	it("the editor's button on Content: its key replaces the tool's content argument", async () => {
		const parameters = createParams({ content: BUTTON_CONTENT, platforms: {}, requestOptions });
		const args = toolArguments('socialSyncer', parameters);
		expect(Object.keys(args).sort()).toEqual(
			withSettingArgs(['Content', 'mediaUrls', 'scheduledFor', 'targets']),
		);

		const result = await run('socialSyncer', {
			asTool: true,
			parameters,
			items: [{ Content: 'Open late tonight', targets: 'facebook' }],
		});
		expect(result.main[0].json.error).toBeUndefined();
		expect(creates('socialSyncer')[0].body).toMatchObject({ content: 'Open late tonight' });
	});

	it('own $fromAI on Content and on the account: the model picks the account, the node the platform', async () => {
		const parameters = createParams({
			content: OWN_CONTENT,
			platforms: { target: [{ platform: 'instagram', accountId: account(OWN_ACCOUNT) }] },
			requestOptions,
		});
		const args = toolArguments('socialSyncer', parameters);
		expect(Object.keys(args).sort()).toEqual(
			withSettingArgs(['accountId', 'content', 'mediaUrls', 'scheduledFor', 'targets']),
		);

		const result = await run('socialSyncer', {
			asTool: true,
			parameters,
			items: [{ content: 'Two shops, one post', accountId: 'ig_999' }],
		});
		expect(result.main[0].json.error).toBeUndefined();
		expect(creates('socialSyncer')[0].body).toMatchObject({
			content: 'Two shops, one post',
			platforms: [{ platform: 'instagram', accountId: 'ig_999' }],
		});
	});

	it('the button on the account and on Content, the tool-only fields stored with their defaults', async () => {
		const defaults = Object.fromEntries(
			allToolFields.map((field) => [field.name, field.default]),
		) as INodeParameters;
		const parameters = createParams({
			...defaults,
			content: BUTTON_CONTENT,
			platforms: { target: [{ platform: 'instagram', accountId: account(BUTTON_ACCOUNT) }] },
			requestOptions,
		});
		expect(Object.keys(toolArguments('socialSyncer', parameters)).sort()).toEqual(
			withSettingArgs(['Content', 'mediaUrls', 'scheduledFor', 'target0_Account', 'targets']),
		);
		const result = await run('socialSyncer', {
			asTool: true,
			parameters,
			items: [{ Content: 'New mugs', target0_Account: 'ig_123' }],
		});
		expect(result.main[0].json.error).toBeUndefined();
		expect(creates('socialSyncer')[0].body).toMatchObject({
			content: 'New mugs',
			platforms: [{ platform: 'instagram', accountId: 'ig_123' }],
		});
	});

	it("own $fromAI('scheduledFor', …) on Scheduled For: one scheduledFor argument, the user's", async () => {
		const parameters = createParams({
			content: OWN_CONTENT,
			platforms: { target: [{ platform: 'twitter', accountId: 'tw_789' }] },
			publishMode: 'schedule',
			scheduledFor:
				"={{ $fromAI('scheduledFor', 'When to publish, ISO 8601 with offset', 'string') }}",
			requestOptions,
		});
		const args = toolArguments('socialSyncer', parameters);
		expect(Object.keys(args).sort()).toEqual(
			withSettingArgs(['content', 'mediaUrls', 'scheduledFor', 'targets']),
		);
		expect(args.scheduledFor.description).toBe('When to publish, ISO 8601 with offset');

		const result = await run('socialSyncer', {
			asTool: true,
			parameters,
			items: [{ content: 'Brunch on Sunday', scheduledFor: '2030-05-05T10:00:00+02:00' }],
		});
		expect(result.main[0].json.error).toBeUndefined();
		expect(creates('socialSyncer')[0].body).toMatchObject({
			scheduledFor: '2030-05-05T08:00:00.000Z',
		});
	});

	it('tool-only fields cleared: only the own arguments are offered', () => {
		const parameters = createParams({
			content: OWN_CONTENT,
			platforms: { target: [{ platform: 'instagram', accountId: account(OWN_ACCOUNT) }] },
			toolContent: '',
			toolTargets: '',
			toolMediaUrls: '',
			toolScheduledFor: '',
			toolTiktokPrivacy: '',
			toolInstagramPostType: '',
			toolFirstComment: '',
		});
		expect(Object.keys(toolArguments('socialSyncer', parameters)).sort()).toEqual([
			'accountId',
			'content',
		]);
	});

	it("own 'content' on a target's Text Override works with Content (From the Agent) cleared", async () => {
		const parameters = createParams({
			content: 'Weekly news',
			platforms: {
				target: [
					{
						platform: 'twitter',
						accountId: 'tw_789',
						content: "={{ $fromAI('content', 'A short text for X', 'string') }}",
					},
				],
			},
			toolContent: '',
			requestOptions,
		});
		expect(toolArguments('socialSyncer', parameters).content.description).toBe(
			'A short text for X',
		);
		const result = await run('socialSyncer', {
			asTool: true,
			parameters,
			items: [{ content: 'News, in short' }],
		});
		expect(result.main[0].json.error).toBeUndefined();
		expect((creates('socialSyncer')[0].body as IDataObject).content).toBe('Weekly news');
	});

	it("Schedulala: own $fromAI('content', …) on Content", async () => {
		const parameters = schedulalaCreateParams({
			content: OWN_CONTENT,
			requestOptions: FAST_RETRIES as unknown as INodeParameters,
		});
		expect(toolArguments('schedulala', parameters).content.description).toBe(
			'The text of the post',
		);
		const result = await run('schedulala', {
			asTool: true,
			parameters,
			items: [{ content: 'Hello from the agent' }],
		});
		expect(result.main[0].json.error).toBeUndefined();
		expect(creates('schedulala')[0].body).toMatchObject({ content: 'Hello from the agent' });
	});
});
