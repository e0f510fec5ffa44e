// Runs n8n's community-package scanner offline: on the source (as the
// verification gate does with the GitHub source) and on the packed tarball
// (what npm would publish). Needs a build first. Exits 1 on any violation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = process.cwd();
let failed = false;

function report(label, result) {
	console.log(`${label}: ${result.passed ? 'passed' : 'FAILED'}${result.message ? ` (${result.message})` : ''}`);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}

/** The scanner on a package's source folder, then on its packed tarball (its contents checked too). */
async function scanPackage(label, dir) {
	report(`${label}: scanner, source`, await analyzePackage(dir, SOURCE_FILE_PATTERNS));
	const packDir = mkdtempSync(join(tmpdir(), 'social-posting-pack-'));
	try {
		execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
		const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
		execFileSync('tar', ['-xzf', join(packDir, tarball), '-C', packDir]);
		const files = execFileSync('tar', ['-tzf', join(packDir, tarball)], { encoding: 'utf8' }).trim().split('\n');
		const unexpected = files.filter((file) => !/^package\/(dist\/|package\.json$|README\.md$|LICENSE\.md$)/.test(file));
		console.log(`${label}: tarball: ${files.length} files${unexpected.length ? `, unexpected: ${unexpected.join(', ')}` : ', only dist/, package.json, README.md, LICENSE.md'}`);
		if (unexpected.length) failed = true;
		report(`${label}: scanner, tarball`, await analyzePackage(join(packDir, 'package'), ['**/*.js', 'package.json']));
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}

await scanPackage('n8n-nodes-social-posting', root);
// The per-service packages (scripts/packages.mjs), each on its own.
for (const name of readdirSync(join(root, 'packages'))) await scanPackage(name, join(root, 'packages', name));

process.exit(failed ? 1 : 0);
