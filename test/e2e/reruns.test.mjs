// The fault matrix in real n8n (2.41.1 and 1.123.81): both nodes, Create / Get
// / Retry, through n8n's own re-run paths (Retry On Fail with On Error:
// Continue, Retry On Fail after a node error, Retry of a failed execution
// through n8n's REST API) and with the headers real APIs send (rate-limit
// state on every answer; 429s with no, zero, past and absurd waits). One n8n
// server per version for the whole file; workflows run as the editor runs them.
// Every cell checks: what the simulator did = what was intended, 0 lost items,
// 0 JavaScript errors, no key in the run, waits at least what the seeds ask and not much more.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { packPackage } from '../support/n8n/n8n.mjs';
import { RUNTIMES } from '../support/n8n/runtime.mjs';
import { KEYS, majors, require, simulators, n8nWithSimulators } from '../support/n8n/common.mjs';

const { printTable } = require('../support/report.js');

const packageDir = packPackage();

const NODES = ['socialSyncer', 'schedulala'];
const OPERATIONS = ['create', 'get', 'retry'];
const ROWS = [0, 1, 2, 3].map((index) => ({
	text: `Row ${index}`,
	account: 'ig_123',
	postId: `p${index}`,
}));
const BAD_FIRST = [{ text: '', account: '', postId: '' }, ...ROWS.slice(1)];
// The seeds' values: backoff from 1 s; Max Wait short enough that "no header" (60 s) is capped.
// One item after another: each cell is about what n8n's re-runs do with one item's fault
// (the concurrency scenario in n8n.test.mjs covers items in flight together).
const REQUEST_OPTIONS = {
	timeout: 5000,
	maxRetries: 3,
	initialBackoff: 1000,
	maxWait: 3,
	concurrency: 1,
};
const VARIANTS = {
	stop: { settings: {}, rows: ROWS },
	continue: {
		settings: { onError: 'continueRegularOutput' },
		rows: ROWS,
		requestOptions: { ...REQUEST_OPTIONS, initialBackoff: 100 },
	},
	retryContinue: {
		settings: {
			onError: 'continueRegularOutput',
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
		},
		rows: BAD_FIRST,
	},
	retryOnFail: { settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 }, rows: ROWS },
};

const workflowId = (node, operation, variant) =>
	`Rr${node === 'socialSyncer' ? 'Ss' : 'Sc'}${operation}${variant}`.padEnd(16, '0').slice(0, 16);

function workflow(node, operation, variant) {
	const { settings, rows, requestOptions = REQUEST_OPTIONS } = VARIANTS[variant];
	const type = `n8n-nodes-social-posting.${node}`;
	const credentials =
		node === 'socialSyncer'
			? { socialSyncerApi: { id: 'SocialSyncerDemo', name: 'SocialSyncerAPI account' } }
			: { schedulalaApi: { id: 'SchedulalaDemo01', name: 'Schedulala account' } };
	const target =
		node === 'socialSyncer'
			? { platform: 'instagram', accountId: '={{ $json.account }}' }
			: { platform: 'twitter', accountId: '' };
	const parameters =
		operation === 'create'
			? {
					resource: 'post',
					operation,
					content: '={{ $json.text }}',
					platforms: { target: [target] },
					requestOptions,
				}
			: { resource: 'post', operation, postId: '={{ $json.postId }}', requestOptions };
	return {
		id: workflowId(node, operation, variant),
		name: `Fault matrix: ${node} ${operation} ${variant}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(rows.map((json) => ({ json })))};` },
			},
			{
				id: 'b0000000-0000-4000-8000-000000000003',
				name: 'Post',
				type,
				typeVersion: 1,
				position: [440, 0],
				parameters,
				credentials,
				...settings,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Post', type: 'main', index: 0 }]] },
		},
	};
}

/** A variant with other Post parameters, for the checks outside the matrix. */
function special(id, parameters, settings = {}) {
	const base = workflow('socialSyncer', 'create', 'stop');
	base.id = id;
	base.name = `Fault matrix: ${id}`;
	Object.assign(base.nodes[2].parameters, parameters);
	Object.assign(base.nodes[2], settings);
	return base;
}
const SPECIALS = [
	special('RrExpressionErr0', { content: "={{ $('Renamed Node').item.json.text }}" }),
	special(
		'RrScheduledDates',
		{
			publishMode: 'schedule',
			// Each row another date type an expression yields: Luxon, epoch ms, an impossible date, a JS Date.
			scheduledFor:
				"={{ [$now.plus(2, 'days'), $now.plus(2, 'days').toMillis(), '2027-02-30T09:00', $now.plus(2, 'days').toJSDate()][$itemIndex] }}",
		},
		{ onError: 'continueRegularOutput' },
	),
];

// Schedulala with a test key: its own message for sandbox_unsupported, unchanged.
const sandbox = workflow('schedulala', 'retry', 'stop');
sandbox.id = 'RrSandboxRetry00';
sandbox.nodes[2].credentials = {
	schedulalaApi: { id: 'SchedulalaTest01', name: 'Schedulala test key' },
};
SPECIALS.push(sandbox);

// A loop runs the node once per batch: item 0 of batch 2 is another post than item 0 of batch 1.
const loop = special('RrLoopBatches000', {});
loop.nodes.splice(2, 0, {
	id: 'b0000000-0000-4000-8000-000000000004',
	name: 'Loop',
	type: 'n8n-nodes-base.splitInBatches',
	typeVersion: 3,
	position: [330, 0],
	parameters: { batchSize: 2, options: {} },
});
loop.connections = {
	Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
	Rows: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
	Loop: { main: [[], [{ node: 'Post', type: 'main', index: 0 }]] },
	Post: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
};
SPECIALS.push(loop);

const rateCode = (node) =>
	node === 'socialSyncer' ? 'RATE_LIMIT_EXCEEDED' : 'rate_limit_exceeded';
const rateLimited = (node, headers, extra = {}) => ({
	kind: 'error',
	code: rateCode(node),
	message: 'Rate limit exceeded',
	status: 429,
	headers,
	...extra,
});
const serverError = (node) => ({
	kind: 'error',
	code: node === 'socialSyncer' ? 'INTERNAL_ERROR' : 'internal_error',
	message: 'Internal server error',
	status: 500,
});
const platformError = (node) =>
	node === 'socialSyncer'
		? { kind: 'html', status: 502 }
		: { kind: 'error', code: 'platform_error', message: 'Instagram is unavailable', status: 502 };
/** Rate-limit state as real APIs send it on every answer; the window resets `inMs` from now. */
const rateHeaders = (inMs) => () => ({
	'X-RateLimit-Limit': '600',
	'X-RateLimit-Remaining': '599',
	'X-RateLimit-Reset': String(Date.now() + inMs),
});
// Create and Retry act once: SocialSyncerAPI cannot deduplicate them, so they are re-sent only after a 429.
const actsOnceWithoutKey = (node, operation) => node === 'socialSyncer' && operation !== 'get';

/**
 * The cells. `fault` is scripted on the request for row `row` (default 1);
 * `expected` says what the run must end with: rows acted on once, the final
 * status, error codes per row, and the wait the seeds prescribe.
 */
function cells(node, operation) {
	const unsafe = actsOnceWithoutKey(node, operation);
	const all = [0, 1, 2, 3];
	const list = [
		{
			name: 'Retry On Fail + Continue, invalid first item',
			variant: 'retryContinue',
			expected: { acted: [1, 2, 3], status: 'success', codes: { 0: 'INVALID_PARAMETER' } },
		},
		{
			name: 'Retry of the failed execution (REST)',
			variant: 'stop',
			row: 2,
			fault: () => rateLimited(node, { 'Retry-After': '3600' }),
			retryExecution: true,
			expected: {
				acted: all,
				status: 'success',
				firstStatus: 'error',
				// The API's words unchanged; when to try again is in the description.
				firstMessage: /^Rate limit exceeded$/,
				firstDescription: /Try again after/,
			},
		},
		...(operation === 'create'
			? [
					{
						// The retry runs in a process that never saw the failed run: SocialSyncerAPI finds
						// the posts in one list of the account's posts; Schedulala re-sends with the same keys.
						name: 'Retry of the failed execution after n8n restarted',
						variant: 'stop',
						row: 2,
						fault: () => rateLimited(node, { 'Retry-After': '3600' }),
						retryExecution: true,
						restartBeforeRetry: true,
						expected: {
							acted: all,
							status: 'success',
							firstStatus: 'error',
							readBack: node === 'socialSyncer' ? 1 : 0,
						},
					},
				]
			: []),
		{
			name: 'Retry On Fail after a node error',
			variant: 'retryOnFail',
			row: 2,
			fault: () => rateLimited(node, { 'Retry-After': '3600' }),
			expected: { acted: all, status: 'success' },
		},
		{
			name: 'answer lost after processing',
			variant: 'stop',
			fault: () => ({ kind: 'dropAfter' }),
			retryExecution: unsafe,
			expected:
				unsafe && operation === 'create'
					? // Never a silent duplicate: the retried execution finds row 1's post among the
						// account's posts instead of posting it again, then posts rows 2 and 3.
						{
							acted: all,
							status: 'success',
							firstStatus: 'error',
							firstDescription: /Not sent again/,
						}
					: unsafe
						? // Retry Post is found again by its ID: read back, not retried twice.
							{
								acted: all,
								status: 'success',
								firstStatus: 'error',
								firstDescription: /Not sent again/,
							}
						: { acted: all, status: 'success', sameKeyTwice: operation !== 'get' },
		},
		{
			name: '500, window resets in 45 s (every answer)',
			variant: 'stop',
			headers: rateHeaders(45_000),
			fault: () => serverError(node),
			expected: unsafe
				? { acted: [0], status: 'error', finalDescription: /Not sent again/ }
				: { acted: all, status: 'success', waitMs: 1000 },
		},
		{
			name: '502, window resets in 40 min (every answer)',
			variant: 'stop',
			headers: rateHeaders(40 * 60_000),
			fault: () => platformError(node),
			expected: unsafe
				? { acted: [0], status: 'error', finalDescription: /Not sent again/ }
				: { acted: all, status: 'success', waitMs: 1000 },
		},
		{
			name: '429 without a wait header',
			variant: 'stop',
			fault: () => rateLimited(node, {}),
			// The seeds' 60 s, capped by Max Wait (3 s).
			expected: { acted: all, status: 'success', waitMs: 3000 },
		},
		{
			name: '429 Retry-After: 0',
			variant: 'stop',
			fault: () => rateLimited(node, { 'Retry-After': '0' }),
			expected: { acted: all, status: 'success', waitMs: 1000 },
		},
		{
			name: '429 Retry-After: a past date',
			variant: 'stop',
			fault: () =>
				rateLimited(node, { 'Retry-After': new Date(Date.now() - 60_000).toUTCString() }),
			expected: { acted: all, status: 'success', waitMs: 1000 },
		},
		{
			name: '429 Retry-After: 9999999999999',
			variant: 'stop',
			fault: () => rateLimited(node, { 'Retry-After': '9999999999999' }),
			expected: {
				acted: [0],
				status: 'error',
				finalMessage: /^Rate limit exceeded$/,
				finalDescription: /Try again much later/,
			},
		},
		{
			name: '429, X-RateLimit-Reset in 1.5 s',
			variant: 'stop',
			fault: () => {
				const reset = Date.now() + 1500;
				return {
					spec: rateLimited(node, {
						'X-RateLimit-Reset': String(reset),
						'X-RateLimit-Remaining': '0',
					}),
					until: reset,
				};
			},
			expected: { acted: all, status: 'success', waitUntilReset: true },
		},
	];
	if (operation === 'retry') {
		list.push({
			name: 'accepted with 202 and no body',
			variant: 'stop',
			fault: () => ({ kind: 'acceptedEmpty' }),
			// A success: the post is read back with Get Post, and retried once.
			expected: { acted: all, status: 'success', readBack: 1 },
		});
	}
	if (operation !== 'retry') {
		list.push({
			name: 'API down: 3 items, then fail fast',
			variant: 'continue',
			fault: () => ({ kind: 'status', status: 503, body: '', times: 1000 }),
			row: 0,
			expected: {
				acted: [],
				status: 'success',
				codes: { 0: 'HTTP_503', 1: 'HTTP_503', 2: 'HTTP_503', 3: 'API_UNAVAILABLE' },
				requests: unsafe ? 3 : 12,
			},
		});
	}
	return list;
}

const postOutput = (execution) => {
	const task = execution.data.resultData.runData.Post?.at(-1);
	return [...(task?.data?.main?.[0] ?? []), ...(task?.data?.main?.[1] ?? [])];
};

for (const major of majors) {
	describe(`fault matrix in real n8n ${RUNTIMES[major].n8n}`, { timeout: 1_800_000 }, () => {
		const sims = simulators();
		const table = [];
		let n8n;

		before(async () => {
			({ n8n } = await n8nWithSimulators({
				major,
				packageDir,
				sims,
				extraCredentials: (urls) => [
					{
						id: 'SchedulalaTest01',
						name: 'Schedulala test key',
						type: 'schedulalaApi',
						data: { apiKey: 'sk_test_schedulala_simulator_key', baseUrl: urls.schedulala },
					},
				],
			}));
			for (const node of NODES)
				for (const operation of OPERATIONS)
					for (const variant of Object.keys(VARIANTS))
						await n8n.importWorkflow(workflow(node, operation, variant));
			for (const extra of SPECIALS) await n8n.importWorkflow(extra);
			await n8n.start();
			await n8n.setupOwner();
		});

		after(async () => {
			printTable(
				`Fault matrix in real n8n ${RUNTIMES[major].n8n}`,
				['node', 'operation', 'cell', 'outcome', 'wait: seeds / node'],
				table,
			);
			await n8n?.stop();
			n8n?.cleanup();
			await Promise.all(Object.values(sims).map((sim) => sim.stop()));
		});

		/** Posts p0–p3 for Get and Retry, each with one failed platform. */
		function seedPosts(node) {
			const sim = sims[node];
			for (const { postId, text } of ROWS) {
				const platforms = [
					{ platform: 'instagram', accountId: 'ig_123', status: 'published' },
					{
						platform: 'facebook',
						accountId: 'fb_456',
						status: 'failed',
						error: 'Page token expired',
					},
				];
				const post =
					node === 'socialSyncer'
						? { id: postId, content: text, status: 'partial', platforms }
						: { _id: postId, content: text, status: 'partial', platforms };
				sim.posts.set(postId, post);
			}
		}

		/** How often the API acted for each row: posts per text (Create), retries per post (Retry). */
		function actedPerRow(node, operation) {
			const sim = sims[node];
			return ROWS.map(({ text, postId }) => {
				if (operation === 'create')
					return [...sim.posts.values()].filter((post) => post.content === text).length;
				if (operation === 'retry') return sim.posts.get(postId)?.retries ?? 0;
				return sim.requests.filter(
					(request) =>
						request.method === 'GET' && request.path === `/posts/${postId}` && request.processed,
				).length > 0
					? 1
					: 0;
			});
		}

		it('an expression error reaches the user as n8n made it, not as a bug in the node', async () => {
			sims.socialSyncer.clear();
			const execution = await n8n.execution(await n8n.run('RrExpressionErr0'));
			assert.equal(execution.status, 'error');
			const error = execution.data.resultData.error;
			assert.doesNotMatch(
				`${error.message} ${error.description}`,
				/Unexpected problem|bug in the node|UNEXPECTED_ERROR/,
			);
			assert.match(
				`${error.message} ${error.description ?? ''}`,
				/Renamed Node|doesn't exist|does not exist/i,
			);
			assert.equal(sims.socialSyncer.requests.length, 0);
		});

		it("the API's message is kept as it was sent: sandbox_unsupported", async () => {
			sims.schedulala.clear();
			seedPosts('schedulala');
			const execution = await n8n.execution(await n8n.run('RrSandboxRetry00'));
			const error = execution.data.resultData.error;
			assert.equal(error.message, 'Retry is not available with test keys');
			assert.match(error.description, /sandbox_unsupported \(HTTP 400\).*needs a live key/);
		});

		it('a node inside a loop posts every batch: the re-run memory tells batches apart', async () => {
			sims.socialSyncer.clear();
			const execution = await n8n.execution(await n8n.run('RrLoopBatches000'));
			assert.equal(
				execution.status,
				'success',
				JSON.stringify(execution.data.resultData.error ?? ''),
			);
			assert.equal(execution.data.resultData.runData.Post.length, 2);
			const texts = [...sims.socialSyncer.posts.values()].map((post) => post.content).sort();
			assert.deepEqual(texts, ['Row 0', 'Row 1', 'Row 2', 'Row 3']);
		});

		it('Scheduled For takes every date type of an expression and refuses an impossible date', async () => {
			sims.socialSyncer.clear();
			const execution = await n8n.execution(await n8n.run('RrScheduledDates'));
			assert.equal(execution.status, 'success');
			const out = postOutput(execution);
			assert.equal(out[2].json.error.code, 'INVALID_PARAMETER');
			assert.match(out[2].json.error.message, /not a valid date: "2027-02-30T09:00"/);
			const sent = sims.socialSyncer
				.requestsTo('POST', '/posts')
				.map((request) => Date.parse(request.body.scheduledFor));
			assert.equal(sent.length, 3);
			const inTwoDays = Date.now() + 2 * 86_400_000;
			for (const instant of sent)
				assert.ok(
					Math.abs(instant - inTwoDays) < 120_000,
					`sent ${new Date(instant).toISOString()}`,
				);
		});

		for (const node of NODES) {
			for (const operation of OPERATIONS) {
				for (const cell of cells(node, operation)) {
					it(`${node} ${operation}: ${cell.name}`, async () => {
						const sim = sims[node];
						const { expected } = cell;
						sim.clear();
						if (operation !== 'create') seedPosts(node);
						if (cell.headers) sim.everyResponseHeaders = cell.headers;
						const method = operation === 'get' ? 'GET' : 'POST';
						const path =
							operation === 'create'
								? /^\/posts$/
								: operation === 'get'
									? /^\/posts\/p\d$/
									: /^\/posts\/p\d\/retry$/;
						let until;
						if (cell.fault) {
							const made = cell.fault();
							const spec = made.spec ?? made;
							until = made.until;
							sim.script({ skip: cell.row ?? 1, ...spec, method, path });
						}

						const first = await n8n.execution(
							await n8n.run(workflowId(node, operation, cell.variant)),
						);
						if (expected.firstStatus)
							assert.equal(
								first.status,
								expected.firstStatus,
								JSON.stringify(first.data.resultData.error),
							);
						if (expected.firstMessage)
							assert.match(first.data.resultData.error?.message ?? '', expected.firstMessage);
						if (expected.firstDescription)
							assert.match(
								first.data.resultData.error?.description ?? '',
								expected.firstDescription,
							);
						let final = first;
						if (cell.retryExecution) {
							if (cell.restartBeforeRetry) {
								await n8n.stop();
								await n8n.start();
							}
							final = await n8n.retry(first.id);
							assert.equal(final.mode, 'retry');
							assert.equal(String(final.retryOf), String(first.id));
						}

						// What the API did = what was intended: each intended row once, no other.
						const acted = actedPerRow(node, operation);
						const intended = ROWS.map((_, row) => (expected.acted.includes(row) ? 1 : 0));
						if (operation === 'get')
							assert.deepEqual(
								acted.map((count, row) => (expected.acted.includes(row) ? count : 0)),
								intended,
							);
						else assert.deepEqual(acted, intended, `acted per row ${JSON.stringify(acted)}`);

						assert.equal(
							final.status,
							expected.status,
							JSON.stringify(final.data.resultData.error ?? '').slice(0, 600),
						);
						const text = JSON.stringify(final.data) + JSON.stringify(first.data);
						assert.doesNotMatch(
							text,
							/TypeError|RangeError|Cannot read propert|is not a function|bug in the node|UNEXPECTED_ERROR/,
						);
						assert.ok(!text.includes(KEYS[node]), 'the API key is in the run data');

						// Nothing lost: every row has its output item, paired, or the run stopped with an error.
						if (final.status === 'success') {
							const out = postOutput(final);
							assert.deepEqual(out.map((item) => item.pairedItem.item).sort(), [0, 1, 2, 3]);
							for (const [row, code] of Object.entries(expected.codes ?? {})) {
								const item = out.find((entry) => entry.pairedItem.item === Number(row));
								assert.equal(
									item.json.error?.code,
									code,
									`row ${row}: ${JSON.stringify(item.json).slice(0, 300)}`,
								);
							}
							for (const item of out)
								if (!expected.codes?.[item.pairedItem.item])
									assert.ok(item.json.id, `row ${item.pairedItem.item} has no post`);
						} else {
							const error = final.data.resultData.error;
							assert.ok(error?.message, 'a failed run names its error');
							if (expected.finalMessage) assert.match(error.message, expected.finalMessage);
							if (expected.finalDescription)
								assert.match(error.description ?? '', expected.finalDescription);
							if (expected.finalCode)
								assert.match(
									`${error.message} ${error.description}`,
									new RegExp(
										expected.finalCode === 'ALREADY_SENT'
											? 'already sent this item'
											: expected.finalCode,
									),
								);
						}
						if (expected.requests !== undefined)
							assert.equal(sim.requests.length, expected.requests);
						if (expected.readBack !== undefined)
							assert.equal(
								sim.requests.filter((request) => request.method === 'GET').length,
								expected.readBack,
							);
						if (expected.sameKeyTwice) {
							const keys = sim
								.requestsTo('POST', path)
								.filter((request) => request.body?.content === 'Row 1' || /p1/.test(request.path))
								.map((request) => request.headers['idempotency-key']);
							assert.equal(keys.length, 2);
							assert.equal(keys[0], keys[1]);
						}

						// Waits, from the faulted answer to the next request: at least what the seeds ask, and
						// at most 10 % or 500 ms more (a loaded machine adds a few hundred ms to a short wait;
						// backing off instead of waiting as asked differs by seconds). The table prints the ratio.
						let waitText = '';
						if (expected.waitMs !== undefined || expected.waitUntilReset) {
							const attempts = sim.requestsTo(method, path);
							const faulted = attempts.findIndex((request) => request.fault !== undefined);
							const next = attempts[faulted + 1];
							const prescribed = expected.waitUntilReset
								? until - attempts[faulted].answeredAt
								: expected.waitMs;
							const waited = next.at - attempts[faulted].answeredAt;
							waitText = `${prescribed} / ${waited} ms (${(waited / prescribed).toFixed(2)})`;
							assert.ok(
								waited >= prescribed && waited <= Math.max(prescribed * 1.1, prescribed + 500),
								`waited ${waited} ms for a prescribed ${prescribed} ms`,
							);
						}
						table.push([
							node,
							operation,
							cell.name,
							`${final.status}${cell.retryExecution ? ' after Retry' : ''}, acted ${JSON.stringify(acted)}`,
							waitText,
						]);
					});
				}
			}
		}
	});
}
