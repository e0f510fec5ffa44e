// n8n queue mode (2.41.1 and 1.123.81): real PostgreSQL and Redis, one main and two workers,
// the packed package installed in every process, binary data in the database. Runs:
// several executions at once posting many items through both nodes against one
// rate-limited simulator each (0 lost, 0 duplicated, the limit kept in total, 429s counted);
// a media upload from a binary stored in the database, on a worker; a trigger delivery taken
// by the main and executed by a worker; and a worker killed in the middle of a run.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { packPackage, simulatorCredentials } from '../support/n8n/n8n.mjs';
import { QueueCluster, QueueServices } from '../support/n8n/queue.mjs';
import { ensureRuntime, RUNTIMES } from '../support/n8n/runtime.mjs';
import { KEYS, majors, require, simulators, sleep, startSimulators } from '../support/n8n/common.mjs';
import { node as baseNode, linear, SCHEDULALA, SOCIAL } from '../support/n8n/workflows.mjs';

const { MediaHost } = require('../support/simulators/mediaHost.js');
const { printTable } = require('../support/report.js');

const packageDir = packPackage();
const ROWS = 20;
const RUNS = 3;
const file = randomBytes(256 * 1024 + 7);

const node = (name, type, typeVersion, parameters, extra = {}) =>
	baseNode(name, type, parameters, { typeVersion, ...extra });
const workflow = (id, nodes, extra = {}) => linear(id, id, nodes, extra);

/** ROWS rows, each posted with SocialSyncerAPI and then with Schedulala; texts name the execution. */
const manyItems = workflow('QueueManyItems01', [
	node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
	node('Rows', 'n8n-nodes-base.code', 2, {
		jsCode: `return Array.from({ length: ${ROWS} }, (_, i) => ({ json: { text: 'Row ' + i + ' of execution ' + $execution.id } }));`,
	}),
	node(
		'SocialSyncerAPI',
		'n8n-nodes-social-posting.socialSyncer',
		1,
		{
			resource: 'post',
			operation: 'create',
			content: '={{ $json.text }}',
			platforms: { target: [{ platform: 'twitter', accountId: 'tw_789' }] },
			publishMode: 'now',
		},
		{ credentials: SOCIAL },
	),
	node(
		'Schedulala',
		'n8n-nodes-social-posting.schedulala',
		1,
		{
			resource: 'post',
			operation: 'create',
			content: "={{ $('Rows').item.json.text }}",
			platforms: { target: [{ platform: 'twitter', accountId: '' }] },
			publishMode: 'now',
		},
		{ credentials: SCHEDULALA },
	),
]);

/** A file made by a Code node (stored in the database) uploaded by Media → Upload. */
const media = workflow('QueueMediaUpl001', [
	node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
	node('Make file', 'n8n-nodes-base.code', 2, {
		jsCode: `const data = await this.helpers.prepareBinaryData(Buffer.from('${file.toString('base64')}', 'base64'), 'launch.mp4', 'video/mp4');\nreturn [{ json: {}, binary: { data } }];`,
	}),
	node(
		'Upload',
		'n8n-nodes-social-posting.socialSyncer',
		1,
		{ resource: 'media', operation: 'upload', binaryPropertyName: 'data' },
		{ credentials: SOCIAL },
	),
]);

/** Schedulala Trigger → No Operation; active from the start. */
const trigger = workflow(
	'QueueTrigger0001',
	[
		node(
			'Schedulala Trigger',
			'n8n-nodes-social-posting.schedulalaTrigger',
			1,
			{ events: ['post.failed'] },
			{ credentials: SCHEDULALA, webhookId: '5e7f0000-0000-4000-8000-0000000000d1' },
		),
		node('Done', 'n8n-nodes-base.noOp', 1, {}),
	],
	{ active: true },
);

/** Schedulala posts slowly (300 ms latency), long enough to kill its worker mid-run; each row's ID is its Idempotency Key. */
const slow = workflow('QueueSlowRun0001', [
	node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
	node('Rows', 'n8n-nodes-base.code', 2, {
		jsCode: `return Array.from({ length: 30 }, (_, i) => ({ json: { rowId: 'row-' + i, text: 'Slow row ' + i } }));`,
	}),
	node(
		'Schedulala',
		'n8n-nodes-social-posting.schedulala',
		1,
		{
			resource: 'post',
			operation: 'create',
			content: '={{ $json.text }}',
			platforms: { target: [{ platform: 'twitter', accountId: '' }] },
			publishMode: 'now',
			options: { idempotencyKey: '={{ $json.rowId }}' },
			requestOptions: { concurrency: 2 },
		},
		{ credentials: SCHEDULALA },
	),
]);

function duplicates(sim) {
	const counts = new Map();
	for (const post of sim.posts.values())
		counts.set(post.content, (counts.get(post.content) ?? 0) + 1);
	return [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
}

const services = new QueueServices();
before(async () => await services.start());
after(async () => await services.stop());

for (const major of majors) {
	describe(
		`queue mode, real n8n ${RUNTIMES[major].n8n}: main + 2 workers, PostgreSQL, Redis`,
		{ concurrency: 1 },
		() => {
			const sims = simulators();
			const mediaHost = new MediaHost();
			const table = [];
			let cluster;

			before(async () => {
				await ensureRuntime(major);
				sims.socialSyncer.mediaHost = mediaHost;
				await mediaHost.start();
				const urls = await startSimulators(sims);
				cluster = new QueueCluster({
					major,
					packageDir,
					services,
					workers: 2,
					redisDb: major,
					database: `n8n_queue_${major}`,
				});
				cluster.main.env.WEBHOOK_URL = `${cluster.main.url}/`;
				await cluster.main.importCredentials(simulatorCredentials(urls, KEYS));
				for (const entry of [manyItems, media, slow]) await cluster.main.importWorkflow(entry);
				// Active before the main starts (1.x registers webhooks of workflows activated later only after a restart).
				await cluster.main.importWorkflow(trigger);
				const activate =
					major === 2
						? ['publish:workflow', `--id=${trigger.id}`]
						: ['update:workflow', `--id=${trigger.id}`, '--active=true'];
				const activated = await cluster.main.cli(activate);
				assert.equal(activated.code, 0, `${activated.stdout}\n${activated.stderr}`);
				await cluster.start();
			});

			after(async () => {
				printTable(`Queue mode in real n8n ${RUNTIMES[major].n8n}`, ['run', 'result'], table);
				await cluster?.stop();
				await Promise.all([sims.socialSyncer.stop(), sims.schedulala.stop(), mediaHost.stop()]);
			});

			it('a trigger delivery is taken by the main and executed by a worker', async () => {
				const registered = [...sims.schedulala.webhookList.values()];
				assert.equal(registered.length, 1, 'the active trigger registered its webhook at start');
				assert.match(registered[0].url, new RegExp(`^${cluster.main.url}/webhook/`));
				const [delivery] = await sims.schedulala.webhooks.deliver('post.failed', {
					postId: 'post_q1',
					platform: 'instagram',
					error: 'Token expired',
				});
				assert.equal(delivery.status, 200);
				const filter = encodeURIComponent(JSON.stringify({ workflowId: trigger.id }));
				let rows = [];
				for (let tries = 0; tries < 100 && rows.length === 0; tries++) {
					rows =
						(await cluster.main.rest('GET', `/executions?filter=${filter}`)).json?.data?.results ??
						[];
					if (rows.length === 0) await sleep(200);
				}
				assert.equal(rows.length, 1);
				const execution = await cluster.main.execution(String(rows[0].id));
				assert.equal(execution.status, 'success');
				assert.equal(
					execution.data.resultData.runData['Schedulala Trigger'][0].data.main[0][0].json.postId,
					'post_q1',
				);
				assert.ok(cluster.workerOf(rows[0].id) >= 0, 'a worker executed it');
				const [bad] = await sims.schedulala.webhooks.deliver(
					'post.failed',
					{ postId: 'post_q2' },
					{ signature: 'wrong' },
				);
				assert.equal(bad.status, 401);
				table.push([
					'trigger delivery',
					`main answered 200, worker ${cluster.workerOf(rows[0].id)} ran it; a bad signature got 401`,
				]);
			});

			it(`${RUNS} executions at once, ${ROWS} items each through both nodes, one rate limit per API: nothing lost or doubled`, async () => {
				for (const sim of Object.values(sims)) {
					sim.clear();
					sim.latencyMs = 100;
					sim.rateLimit(10, 1000);
				}
				const started = Date.now();
				const ids = await Promise.all(
					Array.from({ length: RUNS }, () => cluster.main.run(manyItems.id)),
				);
				const executions = await Promise.all(ids.map((id) => cluster.main.execution(id, 300_000)));
				const wallS = (Date.now() - started) / 1000;
				for (const execution of executions)
					assert.equal(
						execution.status,
						'success',
						JSON.stringify(execution.data.resultData.error ?? {}).slice(0, 1000),
					);
				const workers = ids.map((id) => cluster.workerOf(id));
				assert.ok(
					workers.every((worker) => worker >= 0),
					`every execution ran on a worker: ${workers}`,
				);
				for (const [name, sim] of Object.entries(sims)) {
					assert.equal(sim.posts.size, RUNS * ROWS, `${name}: every item posted`);
					assert.equal(duplicates(sim), 0, `${name}: no duplicates`);
					const limited = sim.requests.filter((request) => request.status === 429);
					// Rows that lost several windows to the other executions: why 429s are not Max Retries.
					const perRow = new Map();
					for (const request of limited)
						perRow.set(request.body?.content, (perRow.get(request.body?.content) ?? 0) + 1);
					const most = Math.max(0, ...perRow.values());
					// The simulator never let more than 10 a second through (it answers 429 past that).
					table.push([
						`${name}: ${RUNS} runs × ${ROWS} items at 10/s`,
						`${sim.posts.size} posts, 0 duplicates, ${limited.length} × 429 (each waited out, at most ${most} for one row), ${wallS.toFixed(1)} s in all (each API's limit allows ${(RUNS * ROWS) / 10} s), workers ${[...new Set(workers)].join(', ')}`,
					]);
				}
				for (const sim of Object.values(sims)) sim.clear();
			});

			it('a media upload from a binary stored in the database, executed by a worker', async () => {
				const id = await cluster.main.run(media.id);
				const execution = await cluster.main.execution(id, 120_000);
				assert.equal(
					execution.status,
					'success',
					JSON.stringify(execution.data.resultData.error ?? {}).slice(0, 1000),
				);
				assert.ok(cluster.workerOf(id) >= 0, 'ran on a worker');
				const stored =
					execution.data.resultData.runData['Make file'][0].data.main[0][0].binary.data;
				assert.match(String(stored.id), /^database:/, 'the binary lives in the database');
				const [uploaded] = [...mediaHost.files.values()];
				assert.equal(uploaded.size, file.length);
				assert.equal(uploaded.sha256, createHash('sha256').update(file).digest('hex'));
				table.push([
					'media upload, database binary',
					`${file.length} bytes, hash matches, worker ${cluster.workerOf(id)}`,
				]);
			});

			it('a worker killed in the middle of a run: what n8n does, and no duplicate from our node', async () => {
				sims.schedulala.clear();
				sims.schedulala.latencyMs = 300;
				const id = await cluster.main.run(slow.id);
				let worker = -1;
				for (
					let tries = 0;
					tries < 100 && (worker < 0 || sims.schedulala.posts.size < 5);
					tries++
				) {
					worker = cluster.workerOf(id);
					await sleep(100);
				}
				assert.ok(worker >= 0, 'a worker started the run');
				const before = sims.schedulala.posts.size;
				cluster.killWorker(worker);
				// n8n's recovery: a stalled job is picked up again, or the execution is marked crashed.
				const deadline = Date.now() + 120_000;
				let execution;
				while (Date.now() < deadline) {
					const { json } = await cluster.main
						.rest('GET', `/executions/${id}`)
						.catch(() => ({ json: undefined }));
					execution = json?.data;
					if (execution && !['new', 'running', 'waiting'].includes(execution.status)) break;
					await sleep(500);
				}
				const rerun = cluster.workerLogs.some(
					(log, index) =>
						index !== worker && new RegExp(`started execution ${id}\\b`, 'i').test(log),
				);
				const afterCrash = sims.schedulala.posts.size;
				assert.equal(duplicates(sims.schedulala), 0, 'no post twice');
				await cluster.startWorker(worker);
				sims.schedulala.latencyMs = 0;
				const data = execution?.data ? cluster.main.parseRunData(execution.data) : undefined;
				const message = String(data?.resultData?.error?.message ?? '').slice(0, 70);
				let after = `${afterCrash} posts`;
				if (execution?.status !== 'success') {
					// 2.x marks it failed and does not re-run it. Retry of it cannot help (n8n has no run
					// data of it and fails it again); running the workflow anew is the way on, and the
					// rows' own keys keep that from posting twice.
					// n8n either refuses the retry ("aborted before starting") or fails it the same way.
					const retried = await cluster.main
						.retry(id)
						.catch((error) => ({ status: `refused (${String(error.message).slice(0, 80)})` }));
					const again = await cluster.main.execution(await cluster.main.run(slow.id), 180_000);
					assert.equal(
						again.status,
						'success',
						JSON.stringify(again.data.resultData.error ?? {}).slice(0, 1000),
					);
					after = `${afterCrash} posts; Retry of it: ${retried.status}; run anew: ${sims.schedulala.posts.size} posts`;
				}
				assert.equal(sims.schedulala.posts.size, 30, 'every row posted once');
				assert.equal(
					duplicates(sims.schedulala),
					0,
					'the rows posted before the crash were not posted again',
				);
				table.push([
					'worker killed mid-run (Schedulala, row IDs as keys)',
					`${before} of 30 posted when killed; n8n ${rerun ? 're-ran the execution on the other worker' : 'did not re-run it'}, status ${execution?.status ?? 'still running'}${message ? ` ("${message}…")` : ''}; ${after}, 0 duplicates`,
				]);
			});
		},
	);
}
