// Benchmark: streaming a large binary file through Media → Upload in real n8n.
// For each n8n major and binary data mode it reads a file with Read/Write Files
// from Disk and uploads it to the simulator's upload host, sampling the n8n
// process's RSS, then compares the upload rate with `curl -T` of the same file to
// the same host (median of 3). Prints a table; asserts nothing (goals are in
// bench/README.md). Options: BENCH_N8N_VERSIONS=2,1  BENCH_FILE_MB=1024  BENCH_MODES=filesystem,database
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

import { cores, KEYS, majors, startedSimulators } from '../test/support/n8n/bench.mjs';
import { ensureRuntime, RUNTIMES } from '../test/support/n8n/runtime.mjs';
import { N8nInstance, packPackage, simulatorCredentials } from '../test/support/n8n/n8n.mjs';

const { MediaHost } = createRequire(import.meta.url)('../test/support/simulators/mediaHost.js');

const MB = 1024 * 1024;
const modes = (process.env.BENCH_MODES ?? 'filesystem,database').split(',');
const fileMb = Number(process.env.BENCH_FILE_MB ?? 1024);

/** The largest file each major stores in database mode (1.123: 512 MiB cap; SQLite: 1e9 bytes a row). */
const DATABASE_MAX_MB = { 1: 500, 2: 900 };

async function writeFile(path, megabytes) {
	const out = createWriteStream(path);
	const chunk = randomBytes(MB);
	for (let index = 0; index < megabytes; index++) {
		if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
	}
	await new Promise((resolve) => out.end(resolve));
}

function rssMb(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
	} catch {
		return 0;
	}
}

function workflow(id, path, readOnly = false) {
	const node = (name, type, parameters, extra = {}) => ({ id: `${id}-${name}`.slice(0, 36), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra });
	return {
		id,
		name: `Bench ${id}`,
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', {}),
			node('Read file', 'n8n-nodes-base.readWriteFile', { operation: 'read', fileSelector: path, options: {} }),
			node('Upload', 'n8n-nodes-social-posting.socialSyncer', { resource: 'media', operation: 'upload', binaryPropertyName: 'data', requestOptions: { timeout: 600000 } }, { credentials: { socialSyncerApi: { id: 'SocialSyncerDemo', name: 'SocialSyncerAPI account' } } }),
		],
		connections: { Start: { main: [[{ node: 'Read file', type: 'main', index: 0 }]] }, ...(readOnly ? {} : { 'Read file': { main: [[{ node: 'Upload', type: 'main', index: 0 }]] } }) },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** curl -T of the same file to the same host (async: the host runs in this process). */
async function curlRate(path, host, bytes) {
	const { uploadUrl } = host.issue({ filename: 'curl.mp4', contentType: 'video/mp4' });
	const started = Date.now();
	const curl = spawn('curl', ['-sS', '-f', '-o', '/dev/null', '-T', path, '-H', 'Content-Type: video/mp4', uploadUrl]);
	const code = await new Promise((resolve) => curl.on('close', resolve));
	if (code !== 0) throw new Error(`curl failed with exit ${code}`);
	return bytes / MB / ((Date.now() - started) / 1000);
}

/** A bare Node.js streamed PUT of the file (no n8n): what a JavaScript sender reaches here. */
async function nodeRate(nodeBin, path, host, bytes) {
	const { uploadUrl } = host.issue({ filename: 'node.mp4', contentType: 'video/mp4' });
	const script = `const fs=require('fs'),http=require('http');const u=new URL(process.argv[1]);const r=http.request(u,{method:'PUT',headers:{'Content-Type':'video/mp4','Content-Length':String(fs.statSync(process.argv[2]).size)}},(res)=>{res.resume();res.on('end',()=>process.exit(res.statusCode===200?0:1))});fs.createReadStream(process.argv[2],{highWaterMark:262144}).pipe(r);`;
	const started = Date.now();
	const child = spawn(nodeBin, ['-e', script, uploadUrl, path]);
	const code = await new Promise((resolve) => child.on('close', resolve));
	if (code !== 0) throw new Error(`node upload failed with exit ${code}`);
	return bytes / MB / ((Date.now() - started) / 1000);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(major, mode, dir, packageDir, readOnly = false) {
	const megabytes = mode === 'database' ? Math.min(fileMb, DATABASE_MAX_MB[major]) : fileMb;
	const path = join(dir, `file-${megabytes}.mp4`);
	await writeFile(path, megabytes);
	const bytes = megabytes * MB;
	const { sims, urls } = await startedSimulators();
	const { socialSyncer: social, schedulala } = sims;
	const host = new MediaHost();
	await host.start();
	social.mediaHost = host;
	const n8n = new N8nInstance({ major, packageDir });
	n8n.env.N8N_RESTRICT_FILE_ACCESS_TO = dir;
	n8n.env.N8N_DEFAULT_BINARY_DATA_MODE = mode;
	if (major === 1) n8n.env.N8N_AVAILABLE_BINARY_DATA_MODES = 'filesystem,database';
	if (mode === 'database') n8n.env.N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE = '1024';
	n8n.env.N8N_PAYLOAD_SIZE_MAX = '2048';
	try {
		await n8n.importCredentials(simulatorCredentials(urls, KEYS));
		const warmPath = join(dir, 'warm.mp4');
		await writeFile(warmPath, 1);
		await n8n.importWorkflow(workflow('BenchWarmUp00001', warmPath));
		await n8n.importWorkflow(workflow('BenchUpload00001', path, readOnly));
		await n8n.start();
		await n8n.setupOwner();
		// A first small run loads every module, so the growth below is the file's.
		await n8n.execution(await n8n.run('BenchWarmUp00001'));
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const pid = n8n.server.pid;
		const baseline = rssMb(pid);
		let peak = baseline;
		const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
		host.clear();
		const execution = await n8n.execution(await n8n.run('BenchUpload00001'), 900_000);
		clearInterval(sampler);
		if (readOnly) {
			if (execution.status !== 'success') throw new Error(`read failed (${execution.status})`);
			return { growth: peak - baseline };
		}
		const put = host.requests.find((request) => request.method === 'PUT' && request.status === 200);
		const stored = [...host.files.values()][0];
		if (execution.status !== 'success' || !put || stored?.size !== bytes) {
			throw new Error(`upload failed (${execution.status}): ${JSON.stringify(execution.data?.resultData?.error ?? {}).slice(0, 500)}`);
		}
		const uploadSeconds = (put.endedAt - put.at) / 1000;
		const rate = bytes / MB / uploadSeconds;
		const curls = [];
		for (let run = 0; run < 3; run++) curls.push(await curlRate(path, host, bytes));
		const curl = median(curls);
		const plain = [];
		for (let run = 0; run < 3; run++) plain.push(await nodeRate(n8n.paths.nodeBin, path, host, bytes));
		const node = median(plain);
		return { major, version: RUNTIMES[major].n8n, mode, megabytes, growth: peak - baseline, rate, curl, node };
	} finally {
		await n8n.stop();
		n8n.cleanup();
		await Promise.allSettled([social.stop(), schedulala.stop(), host.stop()]);
		rmSync(path, { force: true });
	}
}

const dir = mkdtempSync(join(tmpdir(), 'n8n-bench-media-'));
const packageDir = packPackage();
const rows = [];
try {
	for (const major of majors) {
		await ensureRuntime(major);
		for (const mode of modes) {
			process.stdout.write(`▶ n8n ${RUNTIMES[major].n8n}, ${mode} mode …\n`);
			const row = await measure(major, mode, dir, packageDir);
			// n8n's own cost in database mode: the same file read by n8n with no upload after it.
			if (mode === 'database') row.readOnly = (await measure(major, mode, dir, packageDir, true)).growth;
			rows.push(row);
		}
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}
console.log(`\nMedia → Upload of a file read by Read/Write Files from Disk (${cores()} cores, loopback upload host)\n`);
console.log('| n8n | binary mode | file | peak RSS growth | growth minus file | n8n alone (read, no upload) | added by the upload | upload rate | curl -T (median of 3) | rate ÷ curl | bare Node.js PUT (median of 3) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
	const minusFile = row.mode === 'database' ? `${Math.round(row.growth - row.megabytes)} MB` : '—';
	const alone = row.readOnly === undefined ? '—' : `${Math.round(row.readOnly)} MB`;
	const added = row.readOnly === undefined ? '—' : `${Math.round(row.growth - row.readOnly)} MB`;
	console.log(`| ${row.version} | ${row.mode} | ${row.megabytes} MiB | ${Math.round(row.growth)} MB | ${minusFile} | ${alone} | ${added} | ${Math.round(row.rate)} MB/s | ${Math.round(row.curl)} MB/s | ${(row.rate / row.curl).toFixed(2)} | ${Math.round(row.node)} MB/s |`);
}
