// Benchmark: throughput at the API's rate limit, in real n8n (1.123 and 2.41), against
// the simulators. Prints markdown tables; asserts nothing. See bench/README.md.
//   P1  per-item overhead ÷ n8n's HTTP Request node doing the same POSTs (no latency, no limit)
//   P2  300 creates at 250 ms latency and 10 requests/s: wall ÷ (N/R), failed, posts, duplicates
//   P3  waited ÷ asked for Retry-After and X-RateLimit-Reset
//   scaling  per-item cost and peak RSS growth at 100, 1,000 and 10,000 items
// Options: BENCH_N8N_VERSIONS=2,1  BENCH_QUICK=1 (smaller N, for trying it out)
import { readFileSync } from 'node:fs';

import { benchEachMajor, cores, KEYS, node, quick, rowsWorkflow as workflow, startedSimulators } from '../test/support/n8n/bench.mjs';
import { N8nInstance, simulatorCredentials } from '../test/support/n8n/n8n.mjs';

const CREDENTIALS = {
	socialSyncer: { socialSyncerApi: { id: 'SocialSyncerDemo', name: 'SocialSyncerAPI account' } },
	schedulala: { schedulalaApi: { id: 'SchedulalaDemo01', name: 'Schedulala account' } },
};
const TARGET = {
	// Facebook takes text-only posts (Instagram needs media).
	socialSyncer: { platform: 'facebook', accountId: 'fb_456' },
	schedulala: { platform: 'linkedin', accountId: 'acc_li_1' },
};

function ourNode(service, requestOptions = {}, extra = {}) {
	return node('Tested', `n8n-nodes-social-posting.${service}`, {
		resource: 'post',
		operation: 'create',
		content: '={{ $json.text }}',
		platforms: { target: [TARGET[service]] },
		requestOptions,
	}, { credentials: CREDENTIALS[service], ...extra });
}

function httpNode(urls, service, extra = {}) {
	const body = `={{ JSON.stringify({ content: $json.text, platforms: [${JSON.stringify(TARGET[service]).replace(/"/g, "'")}], publishNow: true }) }}`;
	// Authenticated the way a user would set it up, with a Header Auth credential (as our nodes use theirs).
	return node('Tested', 'n8n-nodes-base.httpRequest', {
		method: 'POST',
		url: `${urls[service]}/posts`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: body,
		options: {},
	}, { typeVersion: 4.2, credentials: { httpHeaderAuth: { id: `HeaderAuth${service.slice(0, 6)}`, name: `${service} header auth` } }, ...extra });
}

function rssMb(pid) {
	try {
		return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
	} catch {
		return 0;
	}
}

async function runMeasured(n8n, id) {
	const pid = n8n.server.pid;
	const baseline = rssMb(pid);
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
	try {
		const execution = await n8n.execution(await n8n.run(id), 1_800_000);
		const task = execution.data.resultData.runData.Tested?.at(-1);
		const items = task?.data?.main?.[0] ?? [];
		return {
			wallMs: Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt),
			nodeMs: (execution.data.resultData.runData.Tested ?? []).reduce((sum, run) => sum + (run.executionTime ?? 0), 0),
			failed: task?.error ? 'node failed' : items.filter((item) => item.json.error !== undefined).length,
			growthMb: peak - baseline,
		};
	} finally {
		clearInterval(sampler);
	}
}

function postsAndDuplicates(sim) {
	const counts = new Map();
	for (const post of sim.posts.values()) counts.set(post.content, (counts.get(post.content) ?? 0) + 1);
	let duplicates = 0;
	for (const count of counts.values()) duplicates += count - 1;
	return { posts: sim.posts.size, duplicates };
}

// P1 and scaling measure per-item cost with no rate limit: SocialSyncerAPI's pacing to its
// documented 600 a minute (it sends no rate headers) is turned off there, as nothing limits.
const UNPACED = { socialSyncer: { requestsPerMinute: 0 }, schedulala: {} };

async function benchMajor(major, packageDir) {
	const { sims, urls } = await startedSimulators();
	const n8n = new N8nInstance({ major, packageDir });
	n8n.env.N8N_PAYLOAD_SIZE_MAX = '256';
	const results = { p1: [], p2: [], p3: [], scaling: [] };
	const reset = () => Object.values(sims).forEach((sim) => sim.clear());
	const scenarios = [];
	const add = (id, count, tested) => {
		scenarios.push(workflow(id, count, tested));
		return id;
	};
	try {
		await n8n.importCredentials([
			...simulatorCredentials(urls, KEYS),
			...Object.keys(KEYS).map((service) => ({ id: `HeaderAuth${service.slice(0, 6)}`, name: `${service} header auth`, type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${KEYS[service]}` } })),
		]);
		const p1Sizes = quick ? [100] : [100, 1000];
		const p2Count = quick ? 60 : 300;
		const scaleSizes = quick ? [100, 1000] : [100, 1000, 10_000];
		const ids = {};
		for (const size of p1Sizes) {
			ids[`p1-http-${size}`] = add(`BenchP1Http${String(size).padStart(5, '0')}`, size, httpNode(urls, 'socialSyncer'));
			for (const service of ['socialSyncer', 'schedulala'])
				ids[`p1-${service}-${size}`] = add(`BenchP1${service.slice(0, 4)}${String(size).padStart(5, '0')}`, size, ourNode(service, UNPACED[service]));
		}
		for (const service of ['socialSyncer', 'schedulala']) {
			ids[`p2-${service}`] = add(`BenchP2${service.slice(0, 4)}Def00`, p2Count, ourNode(service));
			ids[`p2-${service}-c1`] = add(`BenchP2${service.slice(0, 4)}Seq00`, p2Count, ourNode(service, { concurrency: 1 }));
		}
		ids['p2-http'] = add('BenchP2Http00000', p2Count, httpNode(urls, 'socialSyncer', { onError: 'continueRegularOutput' }));
		ids['p2-http-retry'] = add('BenchP2HttpRetry', p2Count, httpNode(urls, 'socialSyncer', { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 }));
		ids['p3-social'] = add('BenchP3Social000', 1, ourNode('socialSyncer'));
		ids['p3-sched'] = add('BenchP3Sched0000', 1, ourNode('schedulala'));
		for (const size of scaleSizes) ids[`scale-${size}`] = add(`BenchScale${String(size).padStart(6, '0')}`, size, ourNode('socialSyncer', UNPACED.socialSyncer));
		for (const scenario of scenarios) await n8n.importWorkflow(scenario);
		await n8n.start();
		await n8n.setupOwner();
		// P1 runs are short (a few hundred ms on 2 cores): every workflow is warmed up once,
		// then each is run P1_RUNS times, interleaved, and the median counts.
		const p1Median = async (id, runs) => {
			const times = [];
			for (let index = 0; index < runs; index++) {
				reset();
				times.push((await runMeasured(n8n, id)).nodeMs);
			}
			return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
		};
		for (const size of p1Sizes)
			for (const kind of ['http', 'socialSyncer', 'schedulala']) {
				reset();
				await runMeasured(n8n, ids[`p1-${kind}-${size}`]); // warm-up
			}
		for (const size of p1Sizes) {
			const runs = quick ? 3 : 5;
			const http = await p1Median(ids[`p1-http-${size}`], runs);
			for (const service of ['socialSyncer', 'schedulala']) {
				const ours = await p1Median(ids[`p1-${service}-${size}`], runs);
				results.p1.push({ service, size, ours: ours / size, http: http / size });
			}
		}

		const budgetMs = (p2Count / 10) * 1000;
		const p2 = async (label, id, sim) => {
			reset();
			for (const each of Object.values(sims)) {
				each.latencyMs = 250;
				each.rateLimit(10, 1000);
			}
			const run = await runMeasured(n8n, id);
			const limited = sim.requests.filter((request) => request.status === 429).length;
			results.p2.push({ label, ratio: run.wallMs / budgetMs, failed: run.failed, limited, ...postsAndDuplicates(sim) });
		};
		await p2('SocialSyncerAPI, default options', ids['p2-socialSyncer'], sims.socialSyncer);
		await p2('Schedulala, default options', ids['p2-schedulala'], sims.schedulala);
		await p2('SocialSyncerAPI, Concurrency 1', ids['p2-socialSyncer-c1'], sims.socialSyncer);
		await p2('Schedulala, Concurrency 1', ids['p2-schedulala-c1'], sims.schedulala);
		await p2('HTTP Request node (On Error: Continue)', ids['p2-http'], sims.socialSyncer);
		await p2('HTTP Request node, Retry On Fail (3 tries)', ids['p2-http-retry'], sims.socialSyncer);

		for (const [label, id, sim, faultFor] of [
			['SocialSyncerAPI, Retry-After: 2', ids['p3-social'], sims.socialSyncer, () => ({ kind: 'error', code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded', status: 429, method: 'POST', headers: { 'Retry-After': '2' } })],
			['Schedulala, X-RateLimit-Reset in 2 s', ids['p3-sched'], sims.schedulala, () => ({ kind: 'error', code: 'rate_limit_exceeded', message: 'Too many requests', status: 429, method: 'POST', headers: { 'X-RateLimit-Reset': String(Date.now() + 2000) } })],
		]) {
			reset();
			const fault = faultFor();
			sim.script(fault);
			await runMeasured(n8n, id);
			const [limited, next] = sim.requests.filter((request) => request.method === 'POST');
			const asked = fault.headers['Retry-After'] ? 2000 : Number(fault.headers['X-RateLimit-Reset']) - limited.answeredAt;
			results.p3.push({ label, asked, waited: next.at - limited.answeredAt });
		}

		for (const size of scaleSizes) {
			reset();
			const run = await runMeasured(n8n, ids[`scale-${size}`]);
			results.scaling.push({ size, perItem: run.nodeMs / size, growthMb: run.growthMb, failed: run.failed });
		}
	} finally {
		await n8n.stop();
		n8n.cleanup();
		await Promise.allSettled(Object.values(sims).map((sim) => sim.stop()));
	}
	return results;
}

const all = await benchEachMajor(benchMajor);

const lines = [`## Throughput (n8n ${all.map((row) => row.version).join(' and ')}, ${cores()} cores)`, ''];
lines.push('**P1** per-item cost, simulator answering at once, no rate limit, SocialSyncerAPI with Requests per Minute 0, median of 5 runs after a warm-up (our node ÷ HTTP Request node with a Header Auth credential; goal ≤ 1.0):', '');
lines.push('| n8n | node | items | ours (ms/item) | HTTP Request (ms/item) | ratio |', '| --- | --- | --- | --- | --- | --- |');
for (const run of all) for (const row of run.p1) lines.push(`| ${run.version} | ${row.service} | ${row.size} | ${row.ours.toFixed(2)} | ${row.http.toFixed(2)} | ${(row.ours / row.http).toFixed(2)} |`);
lines.push('', '**P2** creates at 250 ms latency and 10 requests/s (goal for our nodes with default options: ≤ 1.05 × N/R, 0 failed, 0 duplicates):', '');
lines.push('| n8n | what | wall ÷ (N/R) | items failed | posts created | duplicates | 429 answers |', '| --- | --- | --- | --- | --- | --- | --- |');
for (const run of all) for (const row of run.p2) lines.push(`| ${run.version} | ${row.label} | ${row.ratio.toFixed(2)} | ${row.failed} | ${row.posts} | ${row.duplicates} | ${row.limited} |`);
lines.push('', '**P3** waits (goal: waited ÷ asked within [1.0, 1.1]):', '');
lines.push('| n8n | asked by | asked (ms) | waited (ms) | waited ÷ asked |', '| --- | --- | --- | --- | --- |');
for (const run of all) for (const row of run.p3) lines.push(`| ${run.version} | ${row.label} | ${Math.round(row.asked)} | ${Math.round(row.waited)} | ${(row.waited / row.asked).toFixed(3)} |`);
lines.push('', '**Scaling** SocialSyncerAPI creates, no latency, Requests per Minute 0 (goal: flat per-item cost):', '');
lines.push('| n8n | items | ms/item | peak RSS growth | items failed |', '| --- | --- | --- | --- | --- |');
for (const run of all) for (const row of run.scaling) lines.push(`| ${run.version} | ${row.size} | ${row.perItem.toFixed(2)} | ${Math.round(row.growthMb)} MB | ${row.failed} |`);
console.log(`\n${lines.join('\n')}\n`);
