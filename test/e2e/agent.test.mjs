// The nodes as tools of n8n's AI Agent in real n8n (2.41.1 and 1.123.81): an
// AI Agent with an OpenAI Chat Model whose credential points at a scripted
// OpenAI-compatible model on loopback. The model lists the accounts, asks to
// post to "instagram" (two accounts: the tool says which to pass), schedules
// the post with the account and a media URL, then posts again while the API
// drops the answer after creating the post: the tool tells it not to create
// again, and it does not. Checked: the posts the simulator holds, the tool
// arguments the agent sent, and what the agent was told. A second agent uses a
// Create Post tool configured by hand, as people do from n8n's docs: their own
// $fromAI('content', …) on Content and $fromAI('accountId', …) on the account, next
// to the tool-only fields' defaults (n8n refused that with "Duplicate key 'content'").
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { packPackage, readExample } from '../support/n8n/n8n.mjs';
import { RUNTIMES } from '../support/n8n/runtime.mjs';
import { majors, require, simulators, n8nWithSimulators } from '../support/n8n/common.mjs';

/** SocialSyncerAPI's tool also offers its platform-setting arguments, all optional. */
const withSettingArgs = (args) =>
	[...args, 'firstCommentText', 'instagramPostType', 'tiktokPrivacy'].sort();

const { createFakeOpenAi } = require('../support/simulators/fakeOpenAi.js');

const packageDir = packPackage();

const WHEN = '2030-03-04T09:00:00+01:00';
const SCRIPT = [
	{ tool: /accounts/i, args: {} },
	{
		tool: /create/i,
		args: { content: 'Spring menu is here', targets: 'instagram', scheduledFor: WHEN },
	},
	{
		tool: /create/i,
		args: {
			content: 'Spring menu is here',
			targets: '[{"platform":"instagram","accountId":"ig_123"}]',
			mediaUrls: 'https://cdn.example.com/spring.jpg',
			scheduledFor: WHEN,
		},
	},
	{ tool: /create/i, args: { content: 'Doors open at 9', targets: 'twitter' } },
	{
		answer:
			'I scheduled the spring menu post. The second post may already exist, so I did not create it again: please check it.',
	},
];

const OWN_SCRIPT = [
	// Instagram takes no text-only post.
	{
		tool: /post/i,
		args: {
			content: 'Own keys work',
			accountId: 'ig_999',
			mediaUrls: 'https://cdn.example.com/own-keys.jpg',
		},
	},
	{
		tool: /schedule/i,
		args: { Content: 'The button works too', scheduledFor: '2030-04-01T10:00:00+02:00' },
	},
	{ answer: 'Posted it with the second Instagram account, and scheduled the X post.' },
];

/**
 * The agent example (examples/agent-schedule-posts.json) with its Chat Trigger swapped for
 * a manual start and the chat message, so that the CLI-free REST run can start it.
 */
function agentWorkflow() {
	const example = readExample('agent-schedule-posts.json');
	const nodes = example.nodes.filter((node) => node.name !== 'When chat message received');
	nodes.find((node) => node.name === 'OpenAI Chat Model').credentials = {
		openAiApi: { id: 'openAiFake00001', name: 'Scripted model' },
	};
	nodes.push(
		{
			id: '9d3e0000-0000-4000-8000-000000000001',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [-400, 0],
			parameters: {},
		},
		{
			id: '9d3e0000-0000-4000-8000-000000000002',
			name: 'Prompt',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [-200, 0],
			parameters: {
				jsCode:
					"return [{ json: { chatInput: 'Schedule our spring menu post on Instagram for Monday 9:00, then announce that doors open at 9 on X.' } }];",
			},
		},
	);
	const connections = { ...example.connections };
	delete connections['When chat message received'];
	connections.Start = { main: [[{ node: 'Prompt', type: 'main', index: 0 }]] };
	connections.Prompt = { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] };
	return { ...example, id: 'AgentPosting0001', nodes, connections };
}

/**
 * An agent whose only tool is Create Post with the user's own $fromAI on Content and on
 * the account (stored as the editor stores it: tool-only fields at their defaults are left out).
 */
function ownFromAiWorkflow() {
	const base = agentWorkflow();
	const keep = ['Start', 'Prompt', 'AI Agent', 'OpenAI Chat Model'];
	const nodes = base.nodes
		.filter((node) => keep.includes(node.name))
		.map((node, index) => ({ ...node, id: `7c1e0000-0000-4000-8000-00000000000${index}` }));
	nodes.find((node) => node.name === 'OpenAI Chat Model').credentials = {
		openAiApi: { id: 'openAiFake00002', name: 'Scripted model, own keys' },
	};
	nodes.push({
		id: '7c1e0000-0000-4000-8000-000000000009',
		name: 'Post to Instagram',
		type: 'n8n-nodes-social-posting.socialSyncerTool',
		typeVersion: 1,
		position: [460, 240],
		parameters: {
			resource: 'post',
			operation: 'create',
			content: "={{ $fromAI('content', 'The text of the post', 'string') }}",
			platforms: {
				target: [
					{
						platform: 'instagram',
						accountId: {
							__rl: true,
							mode: 'id',
							value: "={{ $fromAI('accountId', 'The ID of the Instagram account', 'string') }}",
						},
					},
				],
			},
		},
		credentials: { socialSyncerApi: { id: 'SocialSyncerDemo', name: 'SocialSyncerAPI account' } },
	});
	// The editor's button on Content, and a hand-written $fromAI on Scheduled For.
	nodes.push({
		id: '7c1e0000-0000-4000-8000-000000000010',
		name: 'Schedule on X',
		type: 'n8n-nodes-social-posting.socialSyncerTool',
		typeVersion: 1,
		position: [620, 240],
		parameters: {
			resource: 'post',
			operation: 'create',
			content: "={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Content', ``, 'string') }}",
			platforms: { target: [{ platform: 'twitter', accountId: 'tw_789' }] },
			publishMode: 'schedule',
			scheduledFor:
				"={{ $fromAI('scheduledFor', 'When to publish, ISO 8601 with its offset', 'string') }}",
		},
		credentials: { socialSyncerApi: { id: 'SocialSyncerDemo', name: 'SocialSyncerAPI account' } },
	});
	const connections = {
		Start: base.connections.Start,
		Prompt: base.connections.Prompt,
		'OpenAI Chat Model': base.connections['OpenAI Chat Model'],
		'Post to Instagram': {
			ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]],
		},
		'Schedule on X': {
			ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]],
		},
	};
	return { ...base, id: 'AgentOwnFromAi01', name: 'Agent with own $fromAI', nodes, connections };
}

for (const major of majors) {
	describe(
		`AI Agent with the nodes as tools, real n8n ${RUNTIMES[major].n8n}`,
		{ concurrency: 1 },
		() => {
			const sims = simulators();
			const model = createFakeOpenAi(SCRIPT);
			const ownModel = createFakeOpenAi(OWN_SCRIPT);
			let n8n;
			let execution;
			let ownExecution;
			let postsBefore = 0;

			before(async () => {
				const modelUrl = await model.start();
				const ownModelUrl = await ownModel.start();
				({ n8n } = await n8nWithSimulators({
					major,
					packageDir,
					sims,
					extraCredentials: () => [
						{
							id: 'openAiFake00001',
							name: 'Scripted model',
							type: 'openAiApi',
							data: { apiKey: 'sk-fake-0000', url: modelUrl, header: false },
						},
						{
							id: 'openAiFake00002',
							name: 'Scripted model, own keys',
							type: 'openAiApi',
							data: { apiKey: 'sk-fake-0000', url: ownModelUrl, header: false },
						},
					],
				}));
				await n8n.importWorkflow(agentWorkflow());
				await n8n.importWorkflow(ownFromAiWorkflow());
				await n8n.start();
				await n8n.setupOwner();
				// The second create is processed, then its connection drops: the outcome is unknown.
				sims.socialSyncer.script({ kind: 'dropAfter', method: 'POST', path: '/posts', skip: 1 });
				execution = await n8n.execution(await n8n.run('AgentPosting0001'), 180_000);
				postsBefore = sims.socialSyncer.posts.size;
				ownExecution = await n8n.execution(await n8n.run('AgentOwnFromAi01'), 180_000);
			});

			after(async () => {
				await n8n?.stop();
				n8n?.cleanup();
				await model.stop();
				await ownModel.stop();
				await Promise.all(Object.values(sims).map((sim) => sim.stop()));
			});

			it('the run succeeds with the agent answer', () => {
				assert.equal(
					execution.status,
					'success',
					JSON.stringify(execution.data.resultData.error ?? {}).slice(0, 2000),
				);
				const output = execution.data.resultData.runData['AI Agent'][0].data.main[0][0].json.output;
				assert.match(output, /did not create it again/);
			});

			it('the agent called the tools with simple list arguments', () => {
				const calls = model.toolCalls();
				assert.deepEqual(
					calls.map((call) => call.name),
					['Social_accounts', 'Create_social_post', 'Create_social_post', 'Create_social_post'],
				);
				assert.deepEqual(model.requests[0].tools.map((tool) => tool.function.name).sort(), [
					'Create_social_post',
					'Get_social_post',
					'Social_accounts',
				]);
				assert.deepEqual(calls[2].args.targets, '[{"platform":"instagram","accountId":"ig_123"}]');
				// The tool offered its arguments, optional ones with defaults.
				const offered = model.requests[0].tools.find(
					(tool) => tool.function.name === 'Create_social_post',
				).function;
				assert.deepEqual(
					Object.keys(offered.parameters.properties).sort(),
					withSettingArgs(['content', 'mediaUrls', 'scheduledFor', 'targets']),
				);
			});

			it("own $fromAI('content', …) on Content and on the account: offered once each, and posted", () => {
				assert.equal(
					ownExecution.status,
					'success',
					JSON.stringify(ownExecution.data.resultData.error ?? {}).slice(0, 2000),
				);
				const offered = ownModel.requests[0].tools.find(
					(tool) => tool.function.name === 'Post_to_Instagram',
				).function.parameters;
				assert.deepEqual(
					Object.keys(offered.properties).sort(),
					withSettingArgs(['accountId', 'content', 'mediaUrls', 'scheduledFor', 'targets']),
				);
				assert.equal(offered.properties.content.description, 'The text of the post');
				assert.ok(offered.required.includes('content'));
				const posts = [...sims.socialSyncer.posts.values()].slice(postsBefore);
				assert.equal(posts.length, 2);
				assert.equal(posts[0].content, 'Own keys work');
				assert.deepEqual(
					posts[0].platforms.map((target) => [target.platform, target.accountId]),
					[['instagram', 'ig_999']],
				);
				assert.match(ownModel.toolAnswers()[0], /"status":"published"/);
			});

			it("the editor's button on Content and own $fromAI('scheduledFor', …): the tool's own two step aside", () => {
				const offered = ownModel.requests[0].tools.find(
					(tool) => tool.function.name === 'Schedule_on_X',
				).function.parameters;
				assert.deepEqual(
					Object.keys(offered.properties).sort(),
					withSettingArgs(['Content', 'mediaUrls', 'scheduledFor', 'targets']),
				);
				assert.equal(
					offered.properties.scheduledFor.description,
					'When to publish, ISO 8601 with its offset',
				);
				const scheduled = [...sims.socialSyncer.posts.values()].slice(postsBefore)[1];
				assert.equal(scheduled.content, 'The button works too');
				assert.equal(scheduled.status, 'scheduled');
				assert.equal(scheduled.scheduledFor, '2030-04-01T08:00:00.000Z');
				assert.deepEqual(
					scheduled.platforms.map((target) => target.accountId),
					['tw_789'],
				);
			});

			it('the simulator holds exactly the posts intended: one scheduled, one whose answer was lost', () => {
				const posts = [...sims.socialSyncer.posts.values()].slice(0, postsBefore);
				assert.equal(posts.length, 2);
				const [scheduled, dropped] = posts;
				assert.equal(scheduled.status, 'scheduled');
				assert.equal(scheduled.scheduledFor, '2030-03-04T08:00:00.000Z');
				assert.deepEqual(
					scheduled.platforms.map((target) => target.accountId),
					['ig_123'],
				);
				assert.deepEqual(scheduled.mediaItems, [
					{ type: 'image', url: 'https://cdn.example.com/spring.jpg' },
				]);
				assert.equal(dropped.content, 'Doors open at 9');
				assert.deepEqual(
					dropped.platforms.map((target) => target.accountId),
					['tw_789'],
				);
				const creates = sims.socialSyncer.requests.filter(
					(request) => request.method === 'POST' && request.path === '/posts',
				);
				assert.equal(
					creates.length,
					4,
					'the ambiguous create was not sent again (+2 own-keys posts)',
				);
			});

			it('the agent was told which account to pass, and not to create the lost post again', () => {
				const answers = model.toolAnswers();
				assert.equal(answers.length, 4);
				assert.match(answers[0], /ig_123/);
				assert.match(answers[1], /Several instagram accounts are connected: say which one/);
				assert.match(answers[1], /ig_999/);
				assert.match(answers[2], /"status":"scheduled"/);
				assert.match(
					answers[3],
					/Do not create this post again: it may already exist\. Check with Get Post or Get Many Posts first/,
				);
				// Compact: no raw API body in what the model reads.
				assert.doesNotMatch(answers[2], /createdAt|updatedAt|mediaItems/);
			});
		},
	);
}
