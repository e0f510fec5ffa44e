// Benchmark P5: Schedulala Bulk in real n8n (1.123 and 2.41). N = 300 creates at 250 ms
// latency and Schedulala's documented free-plan limit of 30 requests a minute:
// wall ÷ (⌈N / 25⌉ / R) for Bulk on (Bulk Size 25), Bulk off, and n8n's HTTP Request node
// POSTing each row; with posts created, duplicates and failed items. Asserts nothing.
// Options: BENCH_N8N_VERSIONS=2,1  BENCH_QUICK=1 (N = 60)
import { benchEachMajor, cores, KEYS, node, quick, rowsWorkflow, startedSimulators } from '../test/support/n8n/bench.mjs';
import { N8nInstance, simulatorCredentials } from '../test/support/n8n/n8n.mjs';

const N = quick ? 60 : 300;
const PER_MINUTE = 30;
const schedulalaCredential = { schedulalaApi: { id: 'SchedulalaDemo01', name: 'Schedulala account' } };

const workflow = (id, tested) => rowsWorkflow(id, N, tested);

const schedulala = (options) =>
	node('Tested', 'n8n-nodes-social-posting.schedulala', { resource: 'post', operation: 'create', content: '={{ $json.text }}', platforms: { target: [{ platform: 'linkedin', accountId: '' }] }, publishMode: 'now', options, requestOptions: { maxWait: 120 } }, { credentials: schedulalaCredential });

const http = (url) =>
	node('Tested', 'n8n-nodes-base.httpRequest', { method: 'POST', url: `${url}/posts`, sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${KEYS.schedulala}` }] }, sendBody: true, specifyBody: 'json', jsonBody: `={{ JSON.stringify({ content: $json.text, platforms: [{ platform: 'linkedin' }], publishNow: true }) }}`, options: {} }, { typeVersion: 4.2, onError: 'continueRegularOutput' });

async function benchMajor(major, packageDir) {
	const { sims, urls } = await startedSimulators();
	const n8n = new N8nInstance({ major, packageDir });
	const rows = [];
	try {
		await n8n.importCredentials(simulatorCredentials(urls, KEYS));
		const cases = [
			['Bulk on (Bulk Size 25)', workflow('BenchP5BulkOn001', schedulala({ bulk: true }))],
			['Bulk off', workflow('BenchP5BulkOff01', schedulala({}))],
			['HTTP Request node (On Error: Continue)', workflow('BenchP5Http00001', http(urls.schedulala))],
		];
		for (const [, entry] of cases) await n8n.importWorkflow(entry);
		await n8n.start();
		await n8n.setupOwner();
		const budgetMs = (Math.ceil(N / 25) / PER_MINUTE) * 60_000;
		for (const [label, entry] of cases) {
			const sim = sims.schedulala;
			sim.clear();
			sim.latencyMs = 250;
			sim.rateLimit(PER_MINUTE, 60_000);
			const execution = await n8n.execution(await n8n.run(entry.id), 1_800_000);
			const task = execution.data.resultData.runData.Tested?.at(-1);
			const items = task?.data?.main?.[0] ?? [];
			const failed = task?.error ? 'node failed' : items.filter((item) => item.json.error !== undefined).length;
			const contents = [...sim.posts.values()].map((post) => post.content);
			const wallMs = Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt);
			rows.push({ label, ratio: wallMs / budgetMs, wallS: wallMs / 1000, requests: sim.requests.filter((request) => request.method === 'POST').length, posts: contents.length, duplicates: contents.length - new Set(contents).size, failed, limited: sim.requests.filter((request) => request.status === 429).length });
		}
	} finally {
		await n8n.stop();
		n8n.cleanup();
		await Promise.all(Object.values(sims).map((sim) => sim.stop()));
	}
	return { rows };
}

const all = await benchEachMajor(benchMajor);
const lines = [`**P5** Schedulala: ${N} creates at 250 ms latency and ${PER_MINUTE} requests a minute (${cores()} cores; goal for Bulk on: ≤ 1.05 × ⌈N/25⌉/R, 0 failed, 0 duplicates):`, ''];
lines.push('| n8n | what | wall ÷ (⌈N/25⌉/R) | wall | POST requests | items failed | posts created | duplicates | 429 answers |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const run of all) for (const row of run.rows) lines.push(`| ${run.version} | ${row.label} | ${row.ratio.toFixed(2)} | ${row.wallS.toFixed(1)} s | ${row.requests} | ${row.failed} | ${row.posts} | ${row.duplicates} | ${row.limited} |`);
console.log(`\n${lines.join('\n')}\n`);
