// End-to-end, Schedulala Analytics in real n8n (both majors): the weekly example
// (examples/weekly-post-metrics.json, its Monday trigger swapped for a manual start) reads
// every page of Post Metrics from the simulator, keeps last week's posts and writes them as a
// CSV file with n8n's Convert to File and Read/Write Files from Disk; the rows of the written
// file are checked against the simulator's data. Every other operation runs once with its
// request and rows checked, and a key without the analytics permission gets the API's 403
// with how to grant the permission.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { packPackage, readExample } from '../support/n8n/n8n.mjs';
import { RUNTIMES } from '../support/n8n/runtime.mjs';
import { jsonOf, majors, n8nWithSimulators, require, simulators } from '../support/n8n/common.mjs';
import { linear, node, SCHEDULALA } from '../support/n8n/workflows.mjs';

const { postRows } = require('../support/simulators/schedulalaAnalytics.js');

const packageDir = packPackage();
const NO_ANALYTICS_KEY = 'sk_live_schedulala_no_analytics_key';
const DAY = 86_400_000;

/** Monday 00:00 UTC of the week before this one, and of this one. */
function lastWeekUtc(now = Date.now()) {
	const today = Math.floor(now / DAY) * DAY;
	const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
	const thisMonday = today - sinceMonday * DAY;
	return { from: thisMonday - 7 * DAY, to: thisMonday };
}

/** The example as the test runs it: a manual start, UTC, the file written into `folder`. */
function weeklyExample(folder) {
	const example = readExample('weekly-post-metrics.json');
	const nodes = example.nodes.filter((entry) => entry.name !== 'Every Monday at 8:00');
	nodes.push({
		id: '7a4e0000-0000-4000-8000-0000000000ff',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 200],
		parameters: {},
	});
	const write = nodes.find((entry) => entry.name === 'Write the file');
	write.parameters.fileName = write.parameters.fileName.replace('/home/node/.n8n-files', folder);
	const connections = { ...example.connections };
	connections.Start = connections['Every Monday at 8:00'];
	delete connections['Every Monday at 8:00'];
	return {
		...example,
		id: 'E2eWeeklyMetric1',
		nodes,
		connections,
		// Last week in UTC, so that the test computes the same week as the Code node.
		settings: { ...example.settings, timezone: 'UTC' },
	};
}

/**
 * A small CSV reader for what Convert to File writes: a byte-order mark (for Excel), a header
 * row, quotes only where needed.
 */
function readCsv(csv) {
	const text = csv.replace(/^\uFEFF/, '');
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (quoted) {
			if (char === '"' && text[index + 1] === '"') ((field += '"'), index++);
			else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') (row.push(field), (field = ''));
		else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[index + 1] === '\n') index++;
			(row.push(field), rows.push(row), (row = []), (field = ''));
		} else field += char;
	}
	if (field !== '' || row.length > 0) (row.push(field), rows.push(row));
	const [header, ...body] = rows.filter((entry) => entry.some((cell) => cell !== ''));
	return body.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index]])));
}

const forbiddenWorkflow = linear(
	'E2eNoAnalytics01',
	'E2E: Post Metrics with a key lacking analytics',
	[
		node('Start', 'n8n-nodes-base.manualTrigger', {}),
		node(
			'Post metrics',
			'n8n-nodes-social-posting.schedulala',
			{
				resource: 'analytics',
				operation: 'postMetrics',
				accountId: { __rl: true, mode: 'id', value: 'acc_tw_1' },
			},
			{ credentials: { schedulalaApi: { id: 'SchedulalaNoAnal', name: 'Key without analytics' } } },
		),
	],
);

const report = (name, operation, extra = {}) =>
	node(
		name,
		'n8n-nodes-social-posting.schedulala',
		{ resource: 'analytics', operation, accountId: { __rl: true, mode: 'id', value: 'acc_tw_1' } },
		// Each report once, whatever the previous node output.
		{ credentials: SCHEDULALA, executeOnce: true, ...extra },
	);
const everyReport = linear('E2eEveryReport01', 'E2E: every Schedulala Analytics operation', [
	node('Start', 'n8n-nodes-base.manualTrigger', {}),
	node(
		'Post metrics',
		'n8n-nodes-social-posting.schedulala',
		{
			resource: 'analytics',
			operation: 'postMetrics',
			accountId: { __rl: true, mode: 'list', value: 'acc_tw_1' },
			sort: 'likes',
			order: 'asc',
			limit: 150,
		},
		{ credentials: SCHEDULALA },
	),
	report('Daily', 'daily'),
	report('Best time', 'bestTime'),
	report('Followers', 'followers'),
	report('Content types', 'contentTypes'),
	report('YouTube retention', 'youtubeRetention'),
	report('Refresh', 'refresh'),
]);

for (const major of majors) {
	describe(`n8n ${RUNTIMES[major].n8n}: Schedulala Analytics`, { timeout: 600_000 }, () => {
		const sims = simulators();
		const { socialSyncer: social, schedulala } = sims;
		const folder = mkdtempSync(join(tmpdir(), 'n8n-e2e-metrics-'));
		let n8n;

		before(async () => {
			({ n8n } = await n8nWithSimulators({
				major,
				packageDir,
				sims,
				extraCredentials: (urls) => [
					{
						id: 'SchedulalaNoAnal',
						name: 'Key without analytics',
						type: 'schedulalaApi',
						data: { apiKey: NO_ANALYTICS_KEY, baseUrl: urls.schedulala },
					},
				],
			}));
			// Read/Write Files from Disk may write only here (2.x restricts it by default).
			n8n.env.N8N_RESTRICT_FILE_ACCESS_TO = folder;
			await n8n.importWorkflow(weeklyExample(folder));
			await n8n.importWorkflow(forbiddenWorkflow);
			await n8n.importWorkflow(everyReport);
		});

		after(async () => {
			await n8n?.stop();
			n8n?.cleanup();
			rmSync(folder, { recursive: true, force: true });
			await Promise.all([social.stop(), schedulala.stop()]);
		});

		it('example: every page of Post Metrics, last week kept, written as a CSV file', async () => {
			schedulala.clear();
			const week = lastWeekUtc();
			const { code, stdout, stderr } = await n8n.execute('E2eWeeklyMetric1');
			assert.equal(code, 0, `${stdout}\n${stderr}`.slice(-3000));

			// Return All followed the cursor: 230 posts in pages of 100.
			const pages = schedulala.requestsTo('GET', '/analytics/posts');
			assert.equal(pages.length, 3);
			assert.deepEqual(
				pages.map((request) => request.query.get('limit')),
				['100', '100', '100'],
			);
			assert.equal(pages[0].query.get('accountId'), 'acc_tw_1');

			const name = `post-metrics-${new Date(week.from).toISOString().slice(0, 10)}.csv`;
			const file = join(folder, name);
			assert.ok(existsSync(file), `${name} was not written`);
			const rows = readCsv(readFileSync(file, 'utf8'));

			const expected = postRows('acc_tw_1', Date.now())
				.filter((post) => {
					const at = Date.parse(post.publishedAt);
					return at >= week.from && at < week.to;
				})
				.reverse();
			// One post every 12 hours: 14 in a week.
			assert.equal(rows.length, 14);
			assert.deepEqual(
				rows.map((row) => row.publishedAt),
				expected.map((post) => post.publishedAt),
			);
			assert.deepEqual(Object.keys(rows[0]), [
				'publishedAt',
				'platform',
				'content',
				'impressions',
				'likes',
				'comments',
				'shares',
				'engagement',
				'engagementRate',
				'postUrl',
			]);
			rows.forEach((row, index) => {
				const post = expected[index];
				assert.equal(row.platform, 'twitter');
				assert.equal(row.content, post.content);
				assert.equal(Number(row.impressions), post.impressions);
				assert.equal(Number(row.likes), post.likes);
				assert.equal(Number(row.engagementRate), post.engagementRate);
				assert.equal(row.postUrl, post.postUrl);
			});
		});

		it('every operation: its request, one item per row, numbers as numbers', async () => {
			schedulala.clear();
			schedulala.analytics.numbersAsStrings = true;
			const { code, run, stdout, stderr } = await n8n.execute('E2eEveryReport01');
			assert.equal(code, 0, `${stdout}\n${stderr}`.slice(-3000));
			const metrics = jsonOf(run, 'Post metrics');
			assert.equal(metrics.length, 150);
			const likes = metrics.map((row) => row.likes);
			assert.ok(likes.every((value) => typeof value === 'number'));
			assert.deepEqual(
				[...likes].sort((a, b) => a - b),
				likes,
			);
			assert.equal(typeof metrics[0].platformPostId, 'string');
			assert.deepEqual(
				schedulala
					.requestsTo('GET', '/analytics/posts')
					.map((request) => [
						request.query.get('limit'),
						request.query.get('sort'),
						request.query.get('order'),
					]),
				[
					['100', 'likes', 'asc'],
					['50', 'likes', 'asc'],
				],
			);
			for (const [name, path, rows, field] of [
				['Daily', '/analytics/daily', 30, 'impressions'],
				['Best time', '/analytics/best-time', 3, 'avgEngagement'],
				['Followers', '/analytics/followers', 30, 'followers'],
				['Content types', '/analytics/content-types', 3, 'avgImpressions'],
				['YouTube retention', '/analytics/retention', 5, 'audienceWatchRatio'],
			]) {
				const items = jsonOf(run, name);
				assert.equal(items.length, rows, name);
				assert.equal(typeof items[0][field], 'number', name);
				const requests = schedulala.requestsTo('GET', path);
				assert.equal(requests.length, 1, name);
				assert.equal(requests[0].query.get('accountId'), 'acc_tw_1', name);
			}
			const [refreshed] = jsonOf(run, 'Refresh');
			assert.equal(refreshed.refreshing, true);
			assert.deepEqual(schedulala.requestsTo('POST', '/analytics/refresh')[0].body, {
				accountId: 'acc_tw_1',
			});
		});

		it('a key without the analytics permission: the 403 says so and how to grant it', async () => {
			schedulala.clear();
			const { code, run } = await n8n.execute('E2eNoAnalytics01');
			assert.notEqual(code, 0);
			const error = run.data.resultData.error;
			assert.equal(error.message, "This API key doesn't have the analytics permission");
			assert.match(error.description, /error code forbidden \(HTTP 403\)/);
			assert.match(error.description, /lacks the analytics permission/);
			assert.match(error.description, /create a key with the analytics permission/);
			assert.equal(schedulala.requestsTo('GET', '/analytics/posts').length, 1);
		});
	});
}
