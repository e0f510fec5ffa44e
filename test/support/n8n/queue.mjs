// n8n queue mode on this machine: PostgreSQL and Redis from Debian's packages (installed
// when missing, each on a loopback port in a throwaway folder, torn down after), one main
// and N workers sharing the database, the package installed in every process's own
// ~/.n8n/nodes the way an operator installs it, binary data in the database.
// Recipe: ../shared/reference/queue-mode-and-agent.md (verified on 1.123.81 and 2.41.1).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';

import { N8nInstance } from './n8n.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function canConnect(port) {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

function postgresBin() {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const version = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
	return version ? join(base, version, 'bin') : undefined;
}

/** Installs PostgreSQL and Redis from Debian's packages when they are missing (needs root). */
export function ensureQueueServices() {
	const missing = [];
	if (!postgresBin()) missing.push('postgresql');
	if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) missing.push('redis-server');
	if (missing.length === 0) return;
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { env, stdio: 'inherit' });
}

/** PostgreSQL and Redis for one test file, on their own ports. */
export class QueueServices {
	constructor() {
		this.dir = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
		this.pgPort = 56000 + (process.pid % 500) * 2;
		this.redisPort = this.pgPort + 1;
	}

	async start() {
		ensureQueueServices();
		const bin = postgresBin();
		const data = join(this.dir, 'pg');
		const run = join(this.dir, 'pgrun');
		mkdirSync(data);
		mkdirSync(run);
		chmodSync(this.dir, 0o755);
		// initdb refuses to run as root: the postgres user owns the cluster.
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(data, uid, gid);
		chownSync(run, uid, gid);
		chmodSync(data, 0o700);
		const asPostgres = (command) => execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { stdio: 'pipe' });
		asPostgres(`${bin}/initdb -D ${data} -U postgres --auth=trust -E UTF8 >/dev/null`);
		asPostgres(`${bin}/pg_ctl -D ${data} -l ${run}/pg.log -o '-p ${this.pgPort} -k ${run} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -w start >/dev/null`);
		this.pgCtl = () => asPostgres(`${bin}/pg_ctl -D ${data} -m immediate stop >/dev/null`);
		this.psql(`create user n8n password 'n8n'`);
		this.redis = spawn('redis-server', ['--port', String(this.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
		for (let tries = 0; tries < 100 && !(await canConnect(this.redisPort)); tries++) await sleep(100);
	}

	psql(sql) {
		execFileSync('psql', ['-h', '127.0.0.1', '-p', String(this.pgPort), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: 'pipe' });
	}

	/** One query's rows as text (tab-separated columns). */
	query(database, sql) {
		return execFileSync('psql', ['-h', '127.0.0.1', '-p', String(this.pgPort), '-U', 'postgres', '-d', database, '-At', '-F', '\t', '-c', sql], { encoding: 'utf8' })
			.trim()
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => line.split('\t'));
	}

	createDatabase(name) {
		this.psql(`create database ${name} owner n8n`);
	}

	async stop() {
		this.redis?.kill('SIGKILL');
		try {
			this.pgCtl?.();
		} catch {
			// already down
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** One main and `workers` workers of one n8n version, in queue mode on the given services. */
export class QueueCluster {
	/** @param {{ major: 1 | 2, packageDir: string, services: QueueServices, workers?: number, redisDb: number, database: string }} options */
	constructor(options) {
		this.services = options.services;
		this.database = options.database;
		options.services.createDatabase(options.database);
		const env = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(options.services.pgPort),
			DB_POSTGRESDB_DATABASE: options.database,
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 'n8n',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(options.services.redisPort),
			// Each version its own Redis database, or one version's workers take the other's jobs.
			QUEUE_BULL_REDIS_DB: String(options.redisDb),
			N8N_ENCRYPTION_KEY: `queue-e2e-key-${options.database}`,
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			N8N_AVAILABLE_BINARY_DATA_MODES: 'filesystem,database',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		};
		const instance = () => {
			const n8n = new N8nInstance({ major: options.major, packageDir: options.packageDir });
			Object.assign(n8n.env, env);
			return n8n;
		};
		this.main = instance();
		this.workers = Array.from({ length: options.workers ?? 2 }, instance);
		this.workerLogs = this.workers.map(() => '');
		this.workerProcesses = [];
	}

	async start() {
		await this.main.start();
		await this.main.setupOwner();
		for (const [index, worker] of this.workers.entries()) await this.startWorker(index, worker);
	}

	async startWorker(index, worker = this.workers[index]) {
		const child = spawn(worker.paths.nodeBin, [worker.paths.n8nEntry, 'worker', '--concurrency=5'], { cwd: worker.userFolder, env: worker.env, stdio: ['ignore', 'pipe', 'pipe'] });
		this.workerProcesses[index] = child;
		const append = (chunk) => (this.workerLogs[index] += chunk);
		child.stdout.on('data', append);
		child.stderr.on('data', append);
		const deadline = Date.now() + 120_000;
		while (!/worker is now ready/i.test(this.workerLogs[index])) {
			if (child.exitCode !== null) throw new Error(`worker ${index} exited:\n${this.workerLogs[index].slice(-3000)}`);
			if (Date.now() > deadline) throw new Error(`worker ${index} not ready:\n${this.workerLogs[index].slice(-3000)}`);
			await sleep(200);
		}
	}

	/** Which worker ran an execution, from their logs ("Worker started execution N"). */
	workerOf(executionId) {
		const pattern = new RegExp(`started execution ${executionId}\\b`, 'i');
		return this.workerLogs.findIndex((log) => pattern.test(log));
	}

	killWorker(index) {
		this.workerProcesses[index]?.kill('SIGKILL');
	}

	async stop() {
		for (const child of this.workerProcesses) if (child && child.exitCode === null) child.kill('SIGTERM');
		await Promise.all(
			this.workerProcesses.map(
				(child) =>
					child &&
					new Promise((resolve) => {
						if (child.exitCode !== null) return resolve();
						const timer = setTimeout(() => (child.kill('SIGKILL'), resolve()), 10_000);
						child.on('exit', () => (clearTimeout(timer), resolve()));
					}),
			),
		);
		await this.main.stop();
		for (const n8n of [this.main, ...this.workers]) n8n.cleanup();
	}
}
