// A throwaway real n8n: its own user folder, our package installed in it the
// way users install community nodes (~/.n8n/nodes/node_modules), and helpers to
// import credentials and workflows, execute workflows headlessly, or start the
// editor. Used by `npm run demo` and `npm run test:e2e`.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { isInstalled, RUNTIMES, runtimePaths } from './runtime.mjs';

export const repoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Packs the built package (what npm would publish) and extracts it; returns its folder. */
export function packPackage(packageRoot = repoDir) {
	const dir = mkdtempSync(join(tmpdir(), 'social-posting-pack-'));
	const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: packageRoot, encoding: 'utf8' });
	if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
	const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
	const untar = spawnSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
	if (untar.status !== 0) throw new Error('could not extract the packed package');
	return join(dir, 'package');
}

let nextPort = 5700 + (process.pid % 200) * 2;

export class N8nInstance {
	/** @param {{ major: 1 | 2, packageDir: string | string[], ssrfProtection?: boolean, allowLoopback?: boolean }} options */
	constructor(options) {
		this.major = options.major;
		this.version = RUNTIMES[options.major].n8n;
		// Install first with ensureRuntime(major) (runtime.mjs).
		if (!isInstalled(options.major)) throw new Error(`n8n ${this.version} is not installed: run npm run n8n:install`);
		this.paths = runtimePaths(options.major);
		this.userFolder = mkdtempSync(join(tmpdir(), `n8n-${this.version}-`));
		this.port = nextPort++;
		this.brokerPort = nextPort++;
		// Installed as users install community packages: ~/.n8n/nodes/node_modules/<name>
		// (packageDir may list several, e.g. both per-service packages).
		const nodesDir = join(this.userFolder, '.n8n', 'nodes');
		const dependencies = {};
		for (const packageDir of [options.packageDir].flat()) {
			const { name, version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
			const target = join(nodesDir, 'node_modules', name);
			mkdirSync(target, { recursive: true });
			cpSync(packageDir, target, { recursive: true });
			dependencies[name] = version;
		}
		writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies }));

		this.env = {
			...process.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: 'info',
			GENERIC_TIMEZONE: 'UTC',
		};
		if (options.major === 1) {
			// isolated-vm has no Node 20 build: 1.x evaluates expressions the legacy way.
			this.env.N8N_EXPRESSION_ENGINE = 'legacy';
		} else {
			this.env.PATH = `${dirname(this.paths.nodeBin)}:${process.env.PATH}`;
			if (options.ssrfProtection !== false) {
				// As security-minded users run it: SSRF protection on, loopback allowed for the simulators.
				this.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
				if (options.allowLoopback !== false) this.env.N8N_SSRF_ALLOWED_IP_RANGES = '127.0.0.0/8';
			}
		}
	}

	/** Runs an n8n CLI command and resolves with its exit code and output. */
	cli(args, { timeoutMs = 180_000 } = {}) {
		return new Promise((resolve) => {
			const child = spawn(this.paths.nodeBin, [this.paths.n8nEntry, ...args], { cwd: this.userFolder, env: this.env });
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				resolve({ code, signal, stdout, stderr });
			});
		});
	}

	async importCredentials(credentials) {
		const file = join(this.userFolder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		const result = await this.cli(['import:credentials', `--input=${file}`, '--decrypted']);
		if (result.code !== 0) throw new Error(`import:credentials failed:\n${result.stdout}\n${result.stderr}`);
	}

	async importWorkflow(workflow) {
		const file = join(this.userFolder, `workflow-${workflow.id}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		const result = await this.cli(['import:workflow', `--input=${file}`]);
		if (result.code !== 0) throw new Error(`import:workflow failed:\n${result.stdout}\n${result.stderr}`);
	}

	/**
	 * Executes an imported workflow headlessly. Resolves with the run data
	 * (`data.resultData`), the exit code and the raw output.
	 */
	async execute(workflowId) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const lines = result.stdout.split('\n');
		const start = lines.findIndex((line) => line === '{');
		let run;
		if (start !== -1) {
			// The JSON ends where the first top-level closing brace does.
			const end = lines.findIndex((line, index) => index > start && line === '}');
			try {
				run = JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				run = undefined;
			}
		}
		return { ...result, run };
	}

	/** Starts the editor and API server; resolves when it answers. */
	async start() {
		this.server = spawn(this.paths.nodeBin, [this.paths.n8nEntry, 'start'], { cwd: this.userFolder, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
		this.serverLog = '';
		this.server.stdout.on('data', (chunk) => (this.serverLog += chunk));
		this.server.stderr.on('data', (chunk) => (this.serverLog += chunk));
		try {
			// /healthz and even /rest/settings answer before the other REST routes exist:
			// wait until the routes this helper uses answer (404 means "not registered yet").
			await this.waitFor(async () => (await fetch(`${this.url}/rest/settings`)).ok);
			await this.waitFor(async () => (await fetch(`${this.url}/rest/login`)).status !== 404);
			// n8n says this once every route and module is registered.
			await this.waitFor(async () => /Editor is now accessible/.test(this.serverLog));
		} catch (error) {
			// Never leave a half-started n8n behind.
			await this.stop();
			throw error;
		}
	}

	/** Polls until `ready` resolves true, for at most 3 minutes. */
	async waitFor(ready) {
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null) throw new Error(`n8n exited while starting:\n${this.serverLog.slice(-3000)}`);
			try {
				if (await ready()) return;
			} catch {
				// not up yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not start within 3 minutes:\n${this.serverLog.slice(-3000)}`);
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Creates the owner account on a fresh instance; resolves with the session cookie. */
	async setupOwner(email = 'demo@example.com', password = 'Demo-password-1') {
		let response;
		const deadline = Date.now() + 30_000;
		// A route that is not registered yet answers 404: try again until it is.
		do {
			response = await fetch(`${this.url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email, firstName: 'Demo', lastName: 'User', password }),
			});
			if (response.status !== 404) break;
			await new Promise((resolve) => setTimeout(resolve, 500));
		} while (Date.now() < deadline);
		if (!response.ok) throw new Error(`owner setup failed: HTTP ${response.status} ${await response.text()}`);
		this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
		return this.cookie;
	}

	async rest(method, path, body) {
		const response = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie ?? '', 'browser-id': 'e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}

	/** Runs a saved workflow as the editor's "Execute workflow" does; resolves with the execution id. */
	async run(workflowId, trigger = 'Start') {
		const saved = await this.rest('GET', `/workflows/${workflowId}`);
		if (saved.status !== 200) throw new Error(`workflow ${workflowId}: HTTP ${saved.status} ${saved.text.slice(0, 300)}`);
		const started = await this.rest('POST', `/workflows/${workflowId}/run`, { workflowData: saved.json.data, triggerToStartFrom: { name: trigger } });
		const id = started.json?.data?.executionId;
		if (id === undefined) throw new Error(`run of ${workflowId} did not start: HTTP ${started.status} ${started.text.slice(0, 300)}`);
		return String(id);
	}

	/** Waits for an execution to finish; resolves with its status, mode, retryOf and run data. */
	async execution(id, timeoutMs = 120_000) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.server && this.server.exitCode !== null) throw new Error(`n8n exited during execution ${id}:\n${this.serverLog.slice(-3000)}`);
			// A server busy with a large file may drop a poll: ask again.
			const { json } = await this.rest('GET', `/executions/${id}`).catch(() => ({ json: undefined }));
			const execution = json?.data;
			// The row can show its final status a moment before its run data is written.
			const data = execution?.data ? this.parseRunData(execution.data) : undefined;
			if (data?.resultData && execution.stoppedAt && !['new', 'running', 'waiting'].includes(execution.status)) {
				return { ...execution, data };
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error(`execution ${id} did not finish within ${timeoutMs / 1000} s`);
	}

	/** The executions list's "Retry" (with the original workflow); resolves with the new execution. */
	async retry(id) {
		const response = await this.rest('POST', `/executions/${id}/retry`, { loadWorkflow: false });
		const retryId = response.json?.data?.id;
		if (retryId === undefined) throw new Error(`retry of ${id} failed: HTTP ${response.status} ${response.text.slice(0, 300)}`);
		return await this.execution(retryId);
	}

	/** Execution data as the REST API stores it: flatted text (n8n's own format) or plain JSON. */
	parseRunData(data) {
		if (typeof data !== 'string') return data;
		const flatted = createRequire(join(this.paths.dir, 'package.json'))('flatted');
		return flatted.parse(data);
	}

	async stop() {
		if (this.server && this.server.exitCode === null) {
			this.server.kill('SIGTERM');
			await new Promise((resolve) => {
				const timer = setTimeout(() => {
					this.server.kill('SIGKILL');
					resolve();
				}, 15_000);
				this.server.on('exit', () => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}

	cleanup() {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** Credentials for both nodes, pointing at the simulators; ids match the example workflows. */
export function simulatorCredentials(urls, keys) {
	return [
		{ id: 'SocialSyncerDemo', name: 'SocialSyncerAPI account', type: 'socialSyncerApi', data: { apiKey: keys.socialSyncer, baseUrl: urls.socialSyncer } },
		{ id: 'SchedulalaDemo01', name: 'Schedulala account', type: 'schedulalaApi', data: { apiKey: keys.schedulala, baseUrl: urls.schedulala } },
	];
}

export function readExample(name) {
	return JSON.parse(readFileSync(join(repoDir, 'examples', name), 'utf8'));
}
