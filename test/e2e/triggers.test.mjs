// The trigger nodes in real n8n (2.41.1 and 1.123.81): activation registers the
// webhook with the simulator (Schedulala: its own registration; SocialSyncerAPI:
// the account's one URL), the simulators publish and fail a scheduled post and
// deliver signed events to n8n's production URL, each starts one execution with
// the expected item, a bad signature starts nothing, deactivation removes the
// registration, and the editor's "listen for test event" path (the test URL) works.
// The alert example runs end to end: its chat message arrives at a local sink.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';

import {
	N8nInstance,
	packPackage,
	readExample,
	simulatorCredentials,
} from '../support/n8n/n8n.mjs';
import { ensureRuntime, RUNTIMES } from '../support/n8n/runtime.mjs';
import { KEYS, majors, simulators, sleep } from '../support/n8n/common.mjs';

const packageDir = packPackage();

const ALERT = 'AlertFailedPost1';
const SOCIAL = 'SocialTrigger001';
/** The same trigger with a credential whose API key is wrong. */
const BAD_KEY = 'SocialBadKey0001';

/** SocialSyncerAPI Trigger (automatic registration) → No Operation. */
function socialWorkflow(id = SOCIAL, credentialId = 'SocialSyncerDemo') {
	return {
		id,
		name: 'React to SocialSyncerAPI events',
		nodes: [
			{
				id: '7b2c0000-0000-4000-8000-000000000001',
				name: 'SocialSyncerAPI Trigger',
				type: 'n8n-nodes-social-posting.socialSyncerTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: `7b2c0000-0000-4000-8000-0000000000${id === SOCIAL ? 'b1' : 'b2'}`,
				parameters: {
					registration: 'automatic',
					events: ['post.published', 'post.failed', 'account.disconnected'],
				},
				credentials: {
					socialSyncerApi: { id: credentialId, name: 'SocialSyncerAPI account' },
				},
			},
			{
				id: '7b2c0000-0000-4000-8000-000000000002',
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: {
			'SocialSyncerAPI Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** A local "team chat" incoming webhook: records what the alert example sends. */
async function startChatSink() {
	const messages = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			messages.push(JSON.parse(body || '{}'));
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		messages,
		url: `http://127.0.0.1:${server.address().port}/chat`,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

async function createScheduled(sim, url, key, platforms) {
	const response = await fetch(`${url}/posts`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: JSON.stringify({
			content: 'Launch day',
			scheduledFor: new Date(Date.now() + 86_400_000).toISOString(),
			platforms,
		}),
	});
	const json = await response.json();
	const id = json.id ?? json.post?._id ?? json.data?.id;
	assert.ok(id, `post created: ${JSON.stringify(json)}`);
	return id;
}

for (const major of majors) {
	describe(`triggers in real n8n ${RUNTIMES[major].n8n}`, { concurrency: 1 }, () => {
		const sims = simulators();
		const urls = {};
		let n8n;
		let chat;

		const executionsOf = async (workflowId) => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const { json } = await n8n.rest('GET', `/executions?filter=${filter}&limit=50`);
			return (json?.data?.results ?? [])
				.map((row) => String(row.id))
				.sort((a, b) => Number(a) - Number(b));
		};
		/** Waits until the workflow has `count` executions; resolves with their first items, oldest first. */
		const waitForExecutions = async (workflowId, count, nodeName) => {
			const deadline = Date.now() + 60_000;
			let ids = [];
			while (Date.now() < deadline) {
				ids = await executionsOf(workflowId);
				if (ids.length >= count) break;
				await sleep(250);
			}
			assert.equal(ids.length, count, `${count} executions of ${workflowId}`);
			const items = [];
			for (const id of ids) {
				const execution = await n8n.execution(id);
				assert.equal(
					execution.status,
					'success',
					`execution ${id}: ${JSON.stringify(execution.data.resultData.error ?? {})}`,
				);
				items.push(execution.data.resultData.runData[nodeName][0].data.main[0][0].json);
			}
			return items;
		};
		const activate = async (id) => {
			const saved = await n8n.rest('GET', `/workflows/${id}`);
			const answer = await n8n.rest('POST', `/workflows/${id}/activate`, {
				versionId: saved.json.data.versionId,
			});
			assert.equal(answer.status, 200, `activate ${id}: ${answer.text.slice(0, 500)}`);
		};
		const deactivate = async (id) => {
			const answer = await n8n.rest('POST', `/workflows/${id}/deactivate`, {});
			assert.equal(answer.status, 200, `deactivate ${id}: ${answer.text.slice(0, 500)}`);
		};
		/** The editor's "Execute step" on a trigger: n8n registers the test URL and waits for one delivery. */
		const listen = async (id, triggerName) => {
			const saved = await n8n.rest('GET', `/workflows/${id}`);
			const answer = await n8n.rest('POST', `/workflows/${id}/run`, {
				workflowData: saved.json.data,
				triggerToStartFrom: { name: triggerName },
			});
			assert.equal(answer.status, 200, `listen ${id}: ${answer.text.slice(0, 500)}`);
			assert.equal(
				answer.json?.data?.waitingForWebhook,
				true,
				`waiting for a test event: ${answer.text.slice(0, 300)}`,
			);
		};

		/** "Listen for test event" that n8n refuses: resolves with the error the editor shows. */
		const listenRefused = async (id, triggerName) => {
			const saved = await n8n.rest('GET', `/workflows/${id}`);
			const answer = await n8n.rest('POST', `/workflows/${id}/run`, {
				workflowData: saved.json.data,
				triggerToStartFrom: { name: triggerName },
			});
			assert.notEqual(answer.status, 200, `refused: ${answer.text.slice(0, 300)}`);
			return answer.json ?? { message: answer.text };
		};
		/** The editor's Stop on a trigger that listens. */
		const stopListening = async (id) => {
			const answer = await n8n.rest('DELETE', `/test-webhook/${id}`);
			assert.equal(answer.status, 200, `stop ${id}: ${answer.text.slice(0, 300)}`);
		};
		/**
		 * Activation as the editor does it; resolves with the error n8n reports for it:
		 * the answer, the activation error the editor shows, or (2.x retries activation
		 * for minutes before it records one) the line n8n logs for the failed attempt.
		 */
		const activationError = async (id, expected) => {
			const logFrom = n8n.serverLog.length;
			const saved = await n8n.rest('GET', `/workflows/${id}`);
			const answer = await n8n.rest('POST', `/workflows/${id}/activate`, {
				versionId: saved.json.data.versionId,
			});
			if (answer.status !== 200) return answer.json?.message ?? answer.text;
			const deadline = Date.now() + 120_000;
			while (Date.now() < deadline) {
				const { json } = await n8n.rest('GET', `/active-workflows/error/${id}`);
				if (typeof json?.data === 'string' && json.data !== '') return json.data;
				const logged = n8n.serverLog.slice(logFrom).match(expected);
				if (logged) return logged[0];
				await sleep(500);
			}
			assert.fail(`no activation error for ${id}: ${n8n.serverLog.slice(-2000)}`);
		};
		const settingsPosts = () =>
			sims.socialSyncer.requests.filter(
				(request) => request.method === 'POST' && /webhooks\/settings/.test(request.path),
			);
		const waitForSetting = async (predicate) => {
			const deadline = Date.now() + 15_000;
			while (!predicate(sims.socialSyncer.webhookSettings.url) && Date.now() < deadline)
				await sleep(100);
			return sims.socialSyncer.webhookSettings.url;
		};

		before(async () => {
			await ensureRuntime(major);
			urls.socialSyncer = await sims.socialSyncer.start();
			urls.schedulala = await sims.schedulala.start();
			chat = await startChatSink();
			n8n = new N8nInstance({ major, packageDir });
			n8n.env.WEBHOOK_URL = `${n8n.url}/`;
			const credentials = simulatorCredentials(urls, KEYS);
			credentials[0].data.webhookSecret = sims.socialSyncer.webhookSecret;
			credentials.push({
				...credentials[0],
				id: 'SocialSyncerBadK',
				name: 'SocialSyncerAPI wrong key',
				data: { ...credentials[0].data, apiKey: 'sk_test_not_the_right_key' },
			});
			await n8n.importCredentials(credentials);
			const alert = readExample('alert-on-failed-post.json');
			alert.nodes.find((node) => node.name === 'Send to team chat').parameters.url = chat.url;
			await n8n.importWorkflow(alert);
			await n8n.importWorkflow(socialWorkflow());
			await n8n.importWorkflow(socialWorkflow(BAD_KEY, 'SocialSyncerBadK'));
			await n8n.start();
			await n8n.setupOwner();
		});

		after(async () => {
			await n8n?.stop();
			n8n?.cleanup();
			await chat?.close();
			await Promise.all(Object.values(sims).map((sim) => sim.stop()));
		});

		it('activation registers each trigger with its API', async () => {
			await activate(ALERT);
			await activate(SOCIAL);
			// n8n may finish adding an activated workflow's webhooks just after it answers.
			const deadline = Date.now() + 15_000;
			while (
				(sims.schedulala.webhookList.size === 0 || sims.socialSyncer.webhookSettings.url === '') &&
				Date.now() < deadline
			)
				await sleep(100);
			const registered = [...sims.schedulala.webhookList.values()];
			assert.equal(registered.length, 1, n8n.serverLog.slice(-3000));
			assert.match(registered[0].url, new RegExp(`^${n8n.url}/webhook/`));
			assert.deepEqual([...registered[0].events].sort(), ['account.error', 'post.failed']);
			assert.match(
				sims.socialSyncer.webhookSettings.url,
				new RegExp(`^${n8n.url}/webhook/`),
				n8n.serverLog.slice(-3000),
			);
			assert.deepEqual([...sims.socialSyncer.webhookSettings.events].sort(), [
				'account.disconnected',
				'post.failed',
				'post.published',
			]);
		});

		it('Schedulala: a failed platform starts the alert example; a published one (not picked) starts nothing', async () => {
			const postId = await createScheduled(sims.schedulala, urls.schedulala, KEYS.schedulala, [
				'twitter',
				'facebook',
			]);
			sims.schedulala.failPlatform('facebook', 'Page token expired');
			await sims.schedulala.publishScheduled(postId);
			assert.deepEqual(
				sims.schedulala.webhooks.deliveries.map((delivery) => [delivery.event, delivery.status]),
				[['post.failed', 200]],
			);
			const [item] = await waitForExecutions(ALERT, 1, 'Schedulala Trigger');
			assert.equal(item.event, 'post.failed');
			assert.equal(item.postId, postId);
			assert.equal(item.platform, 'facebook');
			assert.equal(item.status, 'failed');
			assert.equal(item.error, 'Page token expired (platform_error)');
			assert.equal(item.data.postId, postId);
			const deadline = Date.now() + 10_000;
			while (chat.messages.length === 0 && Date.now() < deadline) await sleep(100);
			assert.deepEqual(chat.messages, [
				{ text: `Post ${postId} failed on facebook: Page token expired (platform_error)` },
			]);
		});

		it('SocialSyncerAPI: published and failed platforms start one execution each, both header spellings verify', async () => {
			const postId = await createScheduled(
				sims.socialSyncer,
				urls.socialSyncer,
				KEYS.socialSyncer,
				[
					{ platform: 'twitter', accountId: 'tw_789' },
					{ platform: 'facebook', accountId: 'fb_456' },
				],
			);
			sims.socialSyncer.failPlatform('facebook', 'Media rejected');
			await sims.socialSyncer.publishScheduled(postId);
			await sims.socialSyncer.webhooks.deliver(
				'account.disconnected',
				{ accountId: 'ig_999', platform: 'instagram' },
				{ header: 'x-socialapi-signature' },
			);
			assert.deepEqual(
				sims.socialSyncer.webhooks.deliveries.map((delivery) => delivery.status),
				[200, 200, 200],
			);
			const items = await waitForExecutions(SOCIAL, 3, 'SocialSyncerAPI Trigger');
			const byEvent = Object.fromEntries(items.map((item) => [item.event, item]));
			assert.equal(byEvent['post.published'].postId, postId);
			assert.equal(byEvent['post.published'].status, 'published');
			assert.match(byEvent['post.published'].url, /^https:\/\/twitter\.example\/p\//);
			assert.equal(byEvent['post.failed'].error, 'Media rejected');
			assert.equal(byEvent['account.disconnected'].accountId, 'ig_999');
		});

		it('a missing or wrong signature gets 401 and starts no execution', async () => {
			const before = {
				alert: (await executionsOf(ALERT)).length,
				social: (await executionsOf(SOCIAL)).length,
			};
			const answers = [
				...(await sims.schedulala.webhooks.deliver(
					'post.failed',
					{ postId: 'p1' },
					{ signature: 'wrong' },
				)),
				...(await sims.schedulala.webhooks.deliver(
					'post.failed',
					{ postId: 'p1' },
					{ signature: 'missing' },
				)),
				...(await sims.socialSyncer.webhooks.deliver(
					'post.failed',
					{ postId: 'p1' },
					{ signature: 'wrong' },
				)),
				...(await sims.socialSyncer.webhooks.deliver(
					'post.failed',
					{ postId: 'p1' },
					{ signature: 'missing' },
				)),
			];
			assert.deepEqual(
				answers.map((answer) => answer.status),
				[401, 401, 401, 401],
			);
			// A malformed JSON body: n8n itself answers 422 before the trigger runs.
			const [malformed] = await sims.schedulala.webhooks.deliver(
				'post.failed',
				{},
				{ rawBody: '{"event":' },
			);
			assert.ok([400, 422].includes(malformed.status), `malformed body: ${malformed.status}`);
			await sleep(1500);
			assert.equal((await executionsOf(ALERT)).length, before.alert);
			assert.equal((await executionsOf(SOCIAL)).length, before.social);
		});

		it('deactivation deletes the Schedulala registration and puts the SocialSyncerAPI setting back', async () => {
			await deactivate(ALERT);
			await deactivate(SOCIAL);
			// As with activation, n8n may remove the webhooks just after it answers.
			const deadline = Date.now() + 15_000;
			while (
				(sims.schedulala.webhookList.size > 0 || sims.socialSyncer.webhookSettings.url !== '') &&
				Date.now() < deadline
			)
				await sleep(100);
			assert.equal(sims.schedulala.webhookList.size, 0, n8n.serverLog.slice(-2000));
			assert.deepEqual({ ...sims.socialSyncer.webhookSettings }, { url: '', events: [] });
		});

		it("the editor's test URL: listening registers it, one delivery runs, and the registration goes again", async () => {
			await listen(ALERT, 'Schedulala Trigger');
			const [testHook] = [...sims.schedulala.webhookList.values()];
			assert.match(testHook.url, new RegExp(`^${n8n.url}/webhook-test/`));
			const before = (await executionsOf(ALERT)).length;
			const [delivery] = await sims.schedulala.webhooks.deliver('account.error', {
				accountId: 'acc_1',
				platform: 'instagram',
				error: 'Token expired',
			});
			assert.equal(delivery.status, 200);
			const items = await waitForExecutions(ALERT, before + 1, 'Schedulala Trigger');
			assert.equal(items.at(-1).event, 'account.error');
			const deadline = Date.now() + 10_000;
			while (sims.schedulala.webhookList.size > 0 && Date.now() < deadline) await sleep(100);
			assert.equal(
				sims.schedulala.webhookList.size,
				0,
				'the test registration is deleted after its delivery',
			);

			await listen(SOCIAL, 'SocialSyncerAPI Trigger');
			assert.match(sims.socialSyncer.webhookSettings.url, new RegExp(`^${n8n.url}/webhook-test/`));
			const socialBefore = (await executionsOf(SOCIAL)).length;
			const [socialDelivery] = await sims.socialSyncer.webhooks.deliver('post.published', {
				postId: 'p9',
				platform: 'x',
				status: 'published',
			});
			assert.equal(socialDelivery.status, 200);
			const socialItems = await waitForExecutions(
				SOCIAL,
				socialBefore + 1,
				'SocialSyncerAPI Trigger',
			);
			assert.equal(socialItems.at(-1).postId, 'p9');
			const until = Date.now() + 10_000;
			while (sims.socialSyncer.webhookSettings.url !== '' && Date.now() < until) await sleep(100);
			assert.equal(sims.socialSyncer.webhookSettings.url, '', 'the account setting is empty again');
		});
		it('SocialSyncerAPI listening on an empty setting sets it once, and empties it after the event and after Stop', async () => {
			assert.equal(sims.socialSyncer.webhookSettings.url, '');
			const before = settingsPosts().length;
			await listen(SOCIAL, 'SocialSyncerAPI Trigger');
			const testUrl = sims.socialSyncer.webhookSettings.url;
			assert.match(testUrl, new RegExp(`^${n8n.url}/webhook-test/`));
			assert.equal(settingsPosts().length - before, 1, 'one POST /webhooks/settings');
			await sims.socialSyncer.webhooks.deliver('post.failed', { postId: 'p10', error: 'x' });
			assert.equal(await waitForSetting((url) => url === ''), '', 'empty after the event');
			assert.deepEqual({ ...sims.socialSyncer.webhookSettings }, { url: '', events: [] });
			assert.deepEqual(
				settingsPosts()
					.slice(before)
					.map((request) => request.body.url),
				[testUrl, ''],
			);

			await listen(SOCIAL, 'SocialSyncerAPI Trigger');
			assert.equal(sims.socialSyncer.webhookSettings.url, testUrl);
			await stopListening(SOCIAL);
			assert.equal(await waitForSetting((url) => url === ''), '', 'empty after Stop');
			assert.equal(settingsPosts().length - before, 4);
		});

		it('SocialSyncerAPI listening next to an active workflow or a dashboard URL is refused, naming the URL', async () => {
			await activate(SOCIAL);
			const production = await waitForSetting((url) => url.includes('/webhook/'));
			assert.match(production, new RegExp(`^${n8n.url}/webhook/`));
			const posts = settingsPosts().length;
			const nextToActive = await listenRefused(SOCIAL, 'SocialSyncerAPI Trigger');
			assert.equal(
				nextToActive.message,
				`SocialSyncerAPI sends this account's webhooks to ${production}, this workflow's production URL: deactivate the workflow first, or set Registration to "Set It in the Dashboard" and paste the test URL there`,
			);
			await sleep(1000);
			assert.equal(sims.socialSyncer.webhookSettings.url, production, 'production URL kept');
			assert.equal(settingsPosts().length, posts, 'nothing written');
			await deactivate(SOCIAL);
			assert.equal(await waitForSetting((url) => url === ''), '');

			const dashboard = 'https://hooks.example.com/socialsyncer';
			Object.assign(sims.socialSyncer.webhookSettings, { url: dashboard, events: ['post.failed'] });
			const nextToDashboard = await listenRefused(SOCIAL, 'SocialSyncerAPI Trigger');
			assert.equal(
				nextToDashboard.message,
				`SocialSyncerAPI sends this account's webhooks to ${dashboard}: deactivate the workflow that uses it or clear it in the SocialSyncerAPI dashboard first, or set Registration to "Set It in the Dashboard" and paste the test URL there`,
			);
			await sleep(1000);
			assert.deepEqual(
				{ ...sims.socialSyncer.webhookSettings },
				{ url: dashboard, events: ['post.failed'] },
			);
			Object.assign(sims.socialSyncer.webhookSettings, { url: '', events: [] });
		});

		it("trigger errors reach the user as the API's message, every time (never 'Maximum call stack size exceeded')", async () => {
			await n8n.rest('POST', `/workflows/${SOCIAL}/deactivate`, {});
			await waitForSetting((url) => url === '');
			for (let attempt = 0; attempt < 3; attempt++) {
				const refused = await listenRefused(BAD_KEY, 'SocialSyncerAPI Trigger');
				// 2.x answers with the API's message, 1.x with its description (code, status, advice).
				assert.match(
					refused.message,
					/^(Invalid API key|SocialSyncerAPI error code AUTH_INVALID_KEY \(HTTP 401\)\..*)$/,
					JSON.stringify(refused).slice(0, 300),
				);
			}
			sims.socialSyncer.script({
				kind: 'status',
				status: 500,
				path: '/webhooks/settings',
				times: 1000,
			});
			try {
				for (let attempt = 0; attempt < 3; attempt++) {
					const refused = await listenRefused(SOCIAL, 'SocialSyncerAPI Trigger');
					assert.match(refused.message, /HTTP 500/, JSON.stringify(refused).slice(0, 300));
				}
				assert.match(
					await activationError(SOCIAL, /SocialSyncerAPI answered with HTTP 500[^\n]*/),
					/HTTP 500/,
				);
				// Deactivated while the API still fails (n8n logs the API's message): n8n would
				// otherwise retry the activation in the background once the API is back, and a retry
				// under way at the deactivation could register after it (n8n's race, not the node's).
				// The API keeps failing a while longer, so that a retry already under way (its one
				// quick retry of each request included) fails too.
				await n8n.rest('POST', `/workflows/${SOCIAL}/deactivate`, {});
				await sleep(6_000);
			} finally {
				sims.socialSyncer.faults = [];
			}
			assert.match(
				await activationError(BAD_KEY, /Invalid API key/),
				/^(Invalid API key|SocialSyncerAPI error code AUTH_INVALID_KEY \(HTTP 401\)\..*)$/,
			);
			await n8n.rest('POST', `/workflows/${BAD_KEY}/deactivate`, {});
			// Nothing is left behind that breaks the next listen.
			await listen(SOCIAL, 'SocialSyncerAPI Trigger');
			await stopListening(SOCIAL);
			assert.equal(await waitForSetting((url) => url === ''), '');
			assert.doesNotMatch(n8n.serverLog, /Maximum call stack/);
			assert.doesNotMatch(n8n.serverLog, /sk_test_not_the_right_key/);
		});
	});
}
