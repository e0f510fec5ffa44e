// `npm run demo`: on a fresh clone, installs everything, builds, provides real
// n8n 2.41.1, starts both API simulators, imports credentials pointing at them
// and the example workflows, runs them and prints what happened.
// `npm run demo -- --ui` starts n8n's editor instead, with everything imported.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

import { N8nInstance, packPackage, readExample, repoDir, simulatorCredentials } from '../test/support/n8n/n8n.mjs';
import { ensureRuntime } from '../test/support/n8n/runtime.mjs';

const require = createRequire(import.meta.url);
const ui = process.argv.includes('--ui');
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const say = (text) => process.stdout.write(`${text}\n`);

function step(label, command, args, { quiet = false } = {}) {
	say(`\n▶ ${label}`);
	const result = spawnSync(command, args, { cwd: repoDir, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
	if (result.status !== 0) {
		if (quiet) say(`${result.stdout}\n${result.stderr}`);
		say(`✗ ${label} failed (exit ${result.status}). See the output above.`);
		process.exit(1);
	}
}

const KEYS = { socialSyncer: 'sk_test_socialsyncer_simulator_key', schedulala: 'sk_live_schedulala_simulator_key' };
const EXAMPLES = ['post-now-and-retry-failed.json', 'scheduled-rows-no-duplicates.json', 'error-output-branch.json', 'reschedule-next-hour.json'];

function items(run, nodeName, output = 0) {
	return run?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[output] ?? [];
}

function describePost(json) {
	const platforms = (json.platforms ?? []).map((target) => `${target.platform}: ${target.status}`).join(', ');
	return `id ${json.id} · status ${json.status} · ${platforms || 'no platforms'}`;
}

let cleanup = async () => {};
let socialSyncer;
let schedulala;

async function main() {
	step('Installing dependencies (first time: a few minutes)', 'node', ['scripts/ensure-deps.mjs']);
	step('Building the package', 'npm', ['run', '--silent', 'build'], { quiet: true });
	say('\n▶ Providing real n8n 2.41.1 (first time: about 5 minutes, then cached)');
	await ensureRuntime(2);
	const packageDir = packPackage();
	const n8n = new N8nInstance({ major: 2, packageDir });
	// Whatever happens from here on, nothing this demo started is left running.
	cleanup = async () => {
		await n8n.stop();
		await Promise.allSettled([socialSyncer?.stop(), schedulala?.stop()]);
		n8n.cleanup();
	};

	const { createSocialSyncerSimulator } = require('../test/support/simulators/socialsyncer.js');
	const { createSchedulalaSimulator } = require('../test/support/simulators/schedulala.js');
	socialSyncer = createSocialSyncerSimulator();
	schedulala = createSchedulalaSimulator();
	const urls = { socialSyncer: await socialSyncer.start(), schedulala: await schedulala.start() };
	say(`\n▶ Simulators: SocialSyncerAPI at ${urls.socialSyncer}, Schedulala at ${urls.schedulala}`);

	say('▶ Importing credentials and example workflows into n8n');
	await n8n.importCredentials(simulatorCredentials(urls, KEYS));
	for (const name of EXAMPLES) await n8n.importWorkflow(readExample(name));

	if (ui) {
		await n8n.start();
		await n8n.setupOwner();
		say(`\n✓ n8n ${n8n.version} is running at ${n8n.url} (log in as demo@example.com / Demo-password-1)`);
		say('  Open a workflow under Overview, then "Execute workflow". Ctrl+C stops n8n and the simulators.');
		const stop = async () => {
			await cleanup();
			process.exit(0);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		return;
	}

	// 1. Post now; TikTok fails once, so the post is partial and the workflow retries it.
	socialSyncer.failPlatform('tiktok', 'Video processing failed: unsupported codec');
	say('\n━━ Example 1: post now to Instagram, TikTok and X, retry what failed');
	const first = await n8n.execute('PostRetryFailed1');
	const [created] = items(first.run, 'Create post');
	if (!created) throw new Error(`the workflow did not run:\n${first.stdout.slice(-2000)}\n${first.stderr.slice(-2000)}`);
	say(`  created   ${describePost(created.json)}`);
	say(`  failedPlatforms ${JSON.stringify(created.json.failedPlatforms)}`);
	const [retried] = items(first.run, 'Retry failed platforms');
	if (retried) say(`  retried   ${describePost(retried.json)} · failedPlatforms ${JSON.stringify(retried.json.failedPlatforms)}`);

	// 2. Scheduled rows with their row ID as idempotency key; the first request is rate limited.
	say('\n━━ Example 2: schedule rows from a list, row ID as idempotency key (run twice)');
	schedulala.script({ kind: 'error', code: 'rate_limit_exceeded', message: 'Too many requests', method: 'POST', path: '/posts', headers: { 'Retry-After': '2', 'X-RateLimit-Reset': String(Date.now() + 2000) } });
	const firstRun = await n8n.execute('ScheduledRows001');
	const posts = schedulala.requests.filter((request) => request.method === 'POST' && request.path === '/posts');
	const limited = posts.find((request) => request.status === 429);
	const afterLimit = posts[posts.indexOf(limited) + 1];
	if (limited && afterLimit) {
		say(`  rate limited: HTTP 429 asked to wait 2 s; the node waited ${((afterLimit.at - limited.at) / 1000).toFixed(1)} s and the post went through (HTTP ${afterLimit.status})`);
	}
	for (const item of items(firstRun.run, 'Schedule post')) say(`  scheduled ${describePost(item.json)}`);
	const secondRun = await n8n.execute('ScheduledRows001');
	const sameIds = items(secondRun.run, 'Schedule post').map((item) => item.json.id).join() === items(firstRun.run, 'Schedule post').map((item) => item.json.id).join();
	say(`  second run: same posts returned (${sameIds ? 'yes' : 'NO'}), posts stored at Schedulala: ${schedulala.posts.size} (3 rows)`);

	// 3. Error output: the text that is too long for X goes to the second branch.
	say('\n━━ Example 3: "Continue (using error output)": failed items go to a second branch');
	const third = await n8n.execute('ErrorOutputDemo1');
	for (const item of items(third.run, 'Posted')) say(`  posted    ${JSON.stringify(item.json)}`);
	for (const item of items(third.run, 'Failed: notify the team')) {
		say(`  failed    code ${item.json.code} · ${item.json.message}`);
		say(`            ${String(item.json.whatToDo).slice(0, 220)}`);
	}

	// 4. Reschedule: the posts due within the next hour move to the same time tomorrow.
	say('\n━━ Example 4: list the posts of the next hour and move them to tomorrow');
	for (const [id, minutes] of [['demo_soon', 20], ['demo_later', 180]]) {
		schedulala.posts.set(id, { _id: id, content: id, status: 'scheduled', scheduledFor: new Date(Date.now() + minutes * 60_000).toISOString(), platforms: [] });
	}
	const fourth = await n8n.execute('RescheduleHour01');
	for (const item of items(fourth.run, 'Rescheduled')) say(`  moved     ${item.json.id} → ${item.json.scheduledFor}`);
	say(`  left alone demo_later (${schedulala.posts.get('demo_later').scheduledFor})`);

	await cleanup();
	say(`\n✓ Demo finished in ${elapsed()}. Run \`npm run demo -- --ui\` to click through the same workflows in n8n's editor.`);
}

main().catch(async (error) => {
	say(`\n✗ Demo failed: ${error.message}`);
	await cleanup();
	process.exit(1);
});
