// The nodes as tools of n8n's AI Agent in real n8n (2.41.1 and 1.123.81): an
// AI Agent with an OpenAI Chat Model whose credential points at a scripted
// OpenAI-compatible model on loopback. The model lists the accounts, asks to
// post to "instagram" (two accounts: the tool says which to pass), schedules
// the post with the account and a media URL, then posts again while the API
// drops the answer after creating the post: the tool tells it not to create
// again, and it does not. Checked: the posts the simulator holds, the tool
// arguments the agent sent, and what the agent was told.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { packPackage, readExample } from '../../scripts/lib/n8n.mjs';
import { RUNTIMES } from '../../scripts/lib/runtime.mjs';
import { majors, require, simulators, n8nWithSimulators } from './common.mjs';

const { createFakeOpenAi } = require('../support/fakeOpenAi.js');

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

for (const major of majors) {
	describe(
		`AI Agent with the nodes as tools, real n8n ${RUNTIMES[major].n8n}`,
		{ concurrency: 1 },
		() => {
			const sims = simulators();
			const model = createFakeOpenAi(SCRIPT);
			let n8n;
			let execution;

			before(async () => {
				const modelUrl = await model.start();
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
					],
				}));
				await n8n.importWorkflow(agentWorkflow());
				await n8n.start();
				await n8n.setupOwner();
				// The second create is processed, then its connection drops: the outcome is unknown.
				sims.socialSyncer.script({ kind: 'dropAfter', method: 'POST', path: '/posts', skip: 1 });
				execution = await n8n.execution(await n8n.run('AgentPosting0001'), 180_000);
			});

			after(async () => {
				await n8n?.stop();
				n8n?.cleanup();
				await model.stop();
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
				assert.deepEqual(Object.keys(offered.parameters.properties).sort(), [
					'content',
					'mediaUrls',
					'scheduledFor',
					'targets',
				]);
			});

			it('the simulator holds exactly the posts intended: one scheduled, one whose answer was lost', () => {
				const posts = [...sims.socialSyncer.posts.values()];
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
				assert.equal(creates.length, 2, 'the ambiguous create was not sent again');
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
