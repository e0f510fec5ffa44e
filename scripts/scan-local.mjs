// Runs n8n's community-package scanner offline: on the source (as the
// verification gate does with the GitHub source) and on the packed tarball
// (what npm would publish), for the combined package and each per-service package.
// Needs `npm run build` first (it also generates packages/). Exits 1 on any violation.
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

import { packPackage } from '../test/support/n8n/n8n.mjs';
import { builtPackageDirsOrExit } from './packages.mjs';

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
	const packed = packPackage(dir);
	try {
		const files = readdirSync(packed, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => `package/${relative(packed, join(entry.parentPath ?? entry.path, entry.name))}`);
		const unexpected = files.filter((file) => !/^package\/(dist\/|package\.json$|README\.md$|LICENSE\.md$)/.test(file));
		console.log(`${label}: tarball: ${files.length} files${unexpected.length ? `, unexpected: ${unexpected.join(', ')}` : ', only dist/, package.json, README.md, LICENSE.md'}`);
		if (unexpected.length) failed = true;
		report(`${label}: scanner, tarball`, await analyzePackage(packed, ['**/*.js', 'package.json']));
	} finally {
		rmSync(dirname(packed), { recursive: true, force: true });
	}
}

// The built packages: refused in one line before a build.
const packageDirs = builtPackageDirsOrExit();
await scanPackage('n8n-nodes-social-posting', root);
// The per-service packages (scripts/packages.mjs), each on its own.
for (const dir of packageDirs) await scanPackage(basename(dir), dir);

process.exit(failed ? 1 : 0);
