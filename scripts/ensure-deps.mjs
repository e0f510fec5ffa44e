// `npm test` on a fresh clone: install the dev toolchain first if it is missing.
// --ignore-scripts is required (see CONTRIBUTING.md, "Commands").
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const required = ['jest', 'ts-jest', 'typescript', 'n8n-workflow', 'n8n-core', '@n8n/node-cli'];
const missing = required.filter((name) => !existsSync(`node_modules/${name}/package.json`));

if (missing.length > 0) {
	console.log(`Installing dependencies (missing: ${missing.join(', ')}): npm ci --ignore-scripts …`);
	const result = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('npm ci failed: see the output above.');
		process.exit(result.status ?? 1);
	}
}
