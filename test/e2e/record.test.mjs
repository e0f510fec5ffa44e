// The re-run record in real n8n (2.41.1 and 1.123.81), issue 21 "never lost, never doubled".
// One n8n server per version for the whole file (restarted where a test needs another
// process); workflows run as the editor runs them, failed executions retried through n8n's
// REST API. Every test counts at the simulator: each row's text posted exactly once, none
// missing.
// - Loop Over Items (batch size 1) over 100 rows into a create, looping back: 100 posts.
// - 1,000 SocialSyncerAPI rows, a 429 asking for an hour at row 601, n8n restarted, the
//   execution retried: 1,000 posts, none twice (the posts made are found among the account's).
// - Execution Data holding n8n's 10 custom-data keys before the posting node: the Retry
//   posts nothing twice and the user's 10 keys are kept (same process; and after a restart).
// - After a successful Retry, the node's own custom-data key is gone again.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';

import { packPackage } from '../support/n8n/n8n.mjs';
import { RUNTIMES } from '../support/n8n/runtime.mjs';
import { majors, require, simulators, n8nWithSimulators, sleep } from '../support/n8n/common.mjs';
import { linear, node, SCHEDULALA, SOCIAL } from '../support/n8n/workflows.mjs';

const { printTable } = require('../support/report.js');

const packageDir = packPackage();

const NODES = ['socialSyncer', 'schedulala'];
const RECORD_KEY = 'socialPosting';
const USER_KEYS = Object.fromEntries(
	Array.from({ length: 10 }, (_, index) => [`k${index + 1}`, `user value ${index + 1}`]),
);

const rateLimited = (name, skip) => ({
	kind: 'error',
	method: 'POST',
	path: '/posts',
	skip,
	status: 429,
	code: name === 'socialSyncer' ? 'RATE_LIMIT_EXCEEDED' : 'rate_limit_exceeded',
	message: 'Rate limit exceeded',
	headers: { 'Retry-After': '3600' },
});

/** A Create Post (Publish Now) of `$json.text` on the node's simulator account. */
function poster(name, requestOptions = {}) {
	const parameters = {
		resource: 'post',
		operation: 'create',
		content: '={{ $json.text }}',
		platforms: {
			target: [
				name === 'socialSyncer'
					? { platform: 'instagram', accountId: 'ig_123' }
					: { platform: 'twitter', accountId: '' },
			],
		},
		requestOptions,
	};
	return node('Post', `n8n-nodes-social-posting.${name}`, parameters, {
		credentials: name === 'socialSyncer' ? SOCIAL : SCHEDULALA,
	});
}

const start = () => node('Start', 'n8n-nodes-base.manualTrigger', {});

/** A Code node returning `count` rows `{ text: prefix + index }`. */
const rows = (count, prefix) =>
	node(
		'Rows',
		'n8n-nodes-base.code',
		{
			jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { text: ${JSON.stringify(prefix)} + i } }));`,
		},
		{ typeVersion: 2 },
	);

const texts = (count, prefix) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

const short = (name) => (name === 'socialSyncer' ? 'Ss' : 'Sc');

/** Loop Over Items (batch size 1) over 100 rows, each batch into Post, looping back. */
function loopWorkflow(name) {
	const post = poster(name);
	const loop = node(
		'Loop Over Items',
		'n8n-nodes-base.splitInBatches',
		{ batchSize: 1, options: {} },
		{ typeVersion: 3 },
	);
	const done = node('Done', 'n8n-nodes-base.noOp', {});
	const to = (target) => ({ node: target, type: 'main', index: 0 });
	return {
		id: `RecLoop${short(name)}0000000`.slice(0, 16),
		name: `Record: loop of 100 on ${name}`,
		nodes: [start(), rows(100, `Loop row `), loop, post, done],
		connections: {
			Start: { main: [[to('Rows')]] },
			Rows: { main: [[to('Loop Over Items')]] },
			'Loop Over Items': { main: [[to('Done')], [to('Post')]] },
			Post: { main: [[to('Loop Over Items')]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

const BIG = 1000;
const BIG_PREFIX = 'Bulk row ';
const bigWorkflow = () =>
	linear('RecBigSs00000000', 'Record: 1,000 rows, a 429 at row 601', [
		start(),
		rows(BIG, BIG_PREFIX),
		poster('socialSyncer', { concurrency: 5, requestsPerMinute: 0 }),
	]);

const saveUserKeys = () =>
	node(
		'Execution Data',
		'n8n-nodes-base.executionData',
		{
			operation: 'save',
			dataToSave: {
				values: Object.entries(USER_KEYS).map(([key, value]) => ({ key, value })),
			},
		},
		{ typeVersion: 1 },
	);

const SIX_PREFIX = 'Six row ';
const fullWorkflow = (name) =>
	linear(`RecFull${short(name)}0000000`.slice(0, 16), `Record: 10 user keys, ${name}`, [
		start(),
		saveUserKeys(),
		rows(6, SIX_PREFIX),
		poster(name, { concurrency: 1 }),
	]);

const plainWorkflow = (name) =>
	linear(`RecPlain${short(name)}000000`.slice(0, 16), `Record: released, ${name}`, [
		start(),
		rows(6, SIX_PREFIX),
		poster(name, { concurrency: 1 }),
	]);

/** Posts per text at the simulator, and what is wrong against `expected`. */
function tally(sim, expected) {
	const counts = new Map();
	for (const post of sim.posts.values()) {
		const text = String(post.content);
		counts.set(text, (counts.get(text) ?? 0) + 1);
	}
	const duplicates = [...counts].filter(([, count]) => count > 1).map(([text]) => text);
	const missing = expected.filter((text) => !counts.has(text));
	const unexpected = [...counts.keys()].filter((text) => !expected.includes(text));
	return { counts, posts: sim.posts.size, duplicates, missing, unexpected };
}

function assertOnceEach(sim, expected) {
	const found = tally(sim, expected);
	assert.deepEqual(
		found.duplicates,
		[],
		`posted twice: ${found.duplicates.slice(0, 10).join(', ')}`,
	);
	assert.deepEqual(found.missing, [], `never posted: ${found.missing.slice(0, 10).join(', ')}`);
	assert.deepEqual(found.unexpected, []);
	assert.equal(found.posts, expected.length);
	return found;
}

const errorText = (execution) =>
	JSON.stringify(execution.data?.resultData?.error ?? '').slice(0, 800);

/** The output items of the Post node's last run. */
const postOutput = (execution) =>
	execution.data.resultData.runData.Post?.at(-1)?.data?.main?.[0] ?? [];

/** Custom data as the REST API shows it (execution_metadata) and as the run data holds it. */
const customDataOf = (execution) => ({
	table: execution.customData ?? {},
	run: execution.data?.resultData?.metadata ?? {},
});

for (const major of majors) {
	describe(`re-run record in real n8n ${RUNTIMES[major].n8n}`, { timeout: 900_000 }, () => {
		const sims = simulators();
		const table = [];
		let n8n;

		/**
		 * Retry of a failed execution (the executions list's Retry), waiting up to `timeoutMs`.
		 * n8n 1.x answers the POST only once the retried execution has finished.
		 */
		async function retry(id, sim, timeoutMs = 90_000) {
			const requestsBefore = sim.requests.length;
			const logBefore = n8n.serverLog.length;
			const started = Date.now();
			let response;
			try {
				response = await fetch(`${n8n.url}/rest/executions/${id}/retry`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie: n8n.cookie, 'browser-id': 'e2e' },
					body: JSON.stringify({ loadWorkflow: false }),
					signal: AbortSignal.timeout(timeoutMs),
				});
			} catch (error) {
				const executions = await n8n.rest('GET', '/executions?limit=5');
				const sent = sim.requests.slice(requestsBefore);
				assert.fail(
					[
						`the Retry of execution ${id} did not answer in ${(Date.now() - started) / 1000} s (${error.message})`,
						`executions: ${JSON.stringify(executions.json?.data?.results?.map((e) => [e.id, e.mode, e.status, e.retryOf]) ?? executions.text.slice(0, 300))}`,
						`simulator since the Retry: ${sent.length} requests (${sent.filter((r) => r.method === 'GET').length} GET, ${sent.filter((r) => r.method === 'POST').length} POST), ${sim.posts.size} posts`,
						`first requests: ${sent
							.slice(0, 5)
							.map((r) => `${r.method} ${r.path}?${r.query} ${r.status}`)
							.join(', ')}`,
						`n8n log since the Retry:\n${n8n.serverLog.slice(logBefore).slice(-4000)}`,
					].join('\n'),
				);
			}
			const text = await response.text();
			const retryId = JSON.parse(text || '{}')?.data?.id;
			assert.ok(
				retryId !== undefined,
				`retry of ${id} failed: HTTP ${response.status} ${text.slice(0, 300)}`,
			);
			const retried = await finished(retryId, timeoutMs);
			assert.equal(retried.mode, 'retry');
			assert.equal(String(retried.retryOf), String(id));
			return retried;
		}

		/**
		 * The finished execution once n8n has also stored its custom data: n8n writes the
		 * execution row (status, run data) first and its custom data (execution_metadata) just
		 * after, so a poll can see the one without the other.
		 */
		async function finished(id, timeoutMs) {
			let execution = await n8n.execution(id, timeoutMs);
			const deadline = Date.now() + 15_000;
			while (Date.now() < deadline) {
				const { table, run } = customDataOf(execution);
				if (isDeepStrictEqual(table, run)) break;
				await sleep(200);
				execution = await n8n.execution(id, timeoutMs);
			}
			return execution;
		}

		async function restart() {
			await n8n.stop();
			await n8n.start();
		}

		before(async () => {
			({ n8n } = await n8nWithSimulators({ major, packageDir, sims }));
			// RECORD_DEBUG=1: n8n logs at debug level (a hung Retry then shows which node it is in).
			if (process.env.RECORD_DEBUG) n8n.env.N8N_LOG_LEVEL = 'debug';
			for (const name of NODES) {
				await n8n.importWorkflow(loopWorkflow(name));
				await n8n.importWorkflow(fullWorkflow(name));
				await n8n.importWorkflow(plainWorkflow(name));
			}
			await n8n.importWorkflow(bigWorkflow());
			await n8n.start();
			await n8n.setupOwner();
		});

		after(async () => {
			printTable(
				`Re-run record in real n8n ${RUNTIMES[major].n8n}`,
				[
					'scenario',
					'posts before Retry',
					'posts',
					'duplicates',
					'missing',
					'seconds (run / Retry)',
					'GET /posts pages',
				],
				table,
			);
			await n8n?.stop();
			n8n?.cleanup();
			await Promise.all(Object.values(sims).map((sim) => sim.stop()));
		});

		for (const name of NODES) {
			it(`${name}: Loop Over Items (batch size 1) over 100 rows posts each row once`, async () => {
				const sim = sims[name];
				sim.clear();
				const started = Date.now();
				const execution = await n8n.execution(await n8n.run(loopWorkflow(name).id), 240_000);
				const seconds = ((Date.now() - started) / 1000).toFixed(1);
				const found = tally(sim, texts(100, 'Loop row '));
				table.push([
					`${name}: loop of 100`,
					'-',
					found.posts,
					found.duplicates.length,
					found.missing.length,
					seconds,
					sim.requestsTo('GET', '/posts').length,
				]);
				assert.equal(execution.status, 'success', errorText(execution));
				assertOnceEach(sim, texts(100, 'Loop row '));
				assert.equal(execution.data.resultData.runData.Post.length, 100);
				const done = execution.data.resultData.runData.Done?.at(-1)?.data?.main?.[0] ?? [];
				assert.equal(done.length, 100);
			});
		}

		it('socialSyncer: 1,000 rows, a 429 at row 601, n8n restarted, Retry: 1,000 posts, none twice', async () => {
			const sim = sims.socialSyncer;
			sim.clear();
			sim.script(rateLimited('socialSyncer', 600));
			let started = Date.now();
			const first = await finished(await n8n.run('RecBigSs00000000'), 120_000);
			const firstSeconds = ((Date.now() - started) / 1000).toFixed(1);
			assert.equal(first.status, 'error', errorText(first));
			assert.match(first.data.resultData.error?.message ?? '', /Rate limit exceeded/);
			const before = sim.posts.size;
			assert.ok(before >= 600 && before < BIG, `${before} posts before the Retry`);
			assert.ok(customDataOf(first).table[RECORD_KEY], 'the failed execution holds the record');

			await restart();
			const requestsBefore = sim.requests.length;
			started = Date.now();
			let retried;
			try {
				retried = await retry(first.id, sim);
			} catch (error) {
				table.push([
					'socialSyncer: 1,000 rows, restart',
					before,
					sim.posts.size,
					'-',
					'-',
					'Retry did not finish',
					'-',
				]);
				throw error;
			}
			const retrySeconds = ((Date.now() - started) / 1000).toFixed(1);
			const pages = sim.requests
				.slice(requestsBefore)
				.filter((request) => request.method === 'GET' && request.path === '/posts').length;
			const found = tally(sim, texts(BIG, BIG_PREFIX));
			table.push([
				'socialSyncer: 1,000 rows, restart',
				before,
				found.posts,
				found.duplicates.length,
				found.missing.length,
				`${firstSeconds} / ${retrySeconds}`,
				pages,
			]);
			assert.equal(retried.status, 'success', errorText(retried));
			assertOnceEach(sim, texts(BIG, BIG_PREFIX));
			const out = postOutput(retried);
			assert.equal(out.length, BIG);
			assert.deepEqual(
				out.map((item) => item.json.content),
				texts(BIG, BIG_PREFIX),
			);
			assert.equal(new Set(out.map((item) => item.json.id)).size, BIG);
		});

		const fullCases = [
			...NODES.map((name) => ({ name, restartBeforeRetry: false })),
			{ name: 'socialSyncer', restartBeforeRetry: true },
		];
		for (const { name, restartBeforeRetry } of fullCases) {
			it(`${name}: 10 user keys in Execution Data, fails at item 3, Retry${restartBeforeRetry ? ' after a restart' : ''}: all 6 once, the user's keys kept`, async () => {
				const sim = sims[name];
				sim.clear();
				sim.script(rateLimited(name, 2));
				const id = fullWorkflow(name).id;
				let started = Date.now();
				const first = await finished(await n8n.run(id));
				const firstSeconds = ((Date.now() - started) / 1000).toFixed(1);
				assert.equal(first.status, 'error', errorText(first));
				assert.equal(sim.posts.size, 2);
				const before = sim.posts.size;
				// No room for the node's key: the user's ten stay as they were.
				assert.deepEqual(customDataOf(first).table, USER_KEYS);

				if (restartBeforeRetry) await restart();
				const requestsBefore = sim.requests.length;
				started = Date.now();
				const retried = await retry(first.id, sim);
				const retrySeconds = ((Date.now() - started) / 1000).toFixed(1);
				const pages = sim.requests
					.slice(requestsBefore)
					.filter((request) => request.method === 'GET' && request.path === '/posts').length;
				const found = tally(sim, texts(6, SIX_PREFIX));
				table.push([
					`${name}: 10 user keys${restartBeforeRetry ? ', restart' : ''}`,
					before,
					found.posts,
					found.duplicates.length,
					found.missing.length,
					`${firstSeconds} / ${retrySeconds}`,
					pages,
				]);
				assert.equal(retried.status, 'success', errorText(retried));
				assertOnceEach(sim, texts(6, SIX_PREFIX));
				assert.deepEqual(
					postOutput(retried).map((item) => item.json.content),
					texts(6, SIX_PREFIX),
				);
				const custom = customDataOf(retried);
				assert.deepEqual(custom.table, USER_KEYS, 'custom data of the retried execution');
				assert.deepEqual(custom.run, USER_KEYS, 'resultData.metadata of the retried execution');
			});
		}

		for (const name of NODES) {
			it(`${name}: fails at item 3, Retry succeeds: the node's key is gone from the retried execution`, async () => {
				const sim = sims[name];
				sim.clear();
				sim.script(rateLimited(name, 2));
				const first = await finished(await n8n.run(plainWorkflow(name).id));
				assert.equal(first.status, 'error', errorText(first));
				assert.equal(sim.posts.size, 2);
				assert.deepEqual(Object.keys(customDataOf(first).table), [RECORD_KEY]);
				assert.deepEqual(Object.keys(customDataOf(first).run), [RECORD_KEY]);

				const retried = await retry(first.id, sim);
				const found = tally(sim, texts(6, SIX_PREFIX));
				table.push([
					`${name}: key released`,
					2,
					found.posts,
					found.duplicates.length,
					found.missing.length,
					'-',
					'-',
				]);
				assert.equal(retried.status, 'success', errorText(retried));
				assertOnceEach(sim, texts(6, SIX_PREFIX));
				const custom = customDataOf(retried);
				assert.ok(!(RECORD_KEY in custom.table), JSON.stringify(custom.table));
				assert.ok(!(RECORD_KEY in custom.run), JSON.stringify(custom.run));
			});
		}
	});
}
