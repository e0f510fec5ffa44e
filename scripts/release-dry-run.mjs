// What the release workflow publishes, without publishing: `npm publish --dry-run` for the
// combined package and each per-service package (after `npm run build`, which also generates
// packages/). It proves the packages pack and would be accepted by npm's checks; provenance
// exists only in the GitHub Actions release (.github/workflows/release.yml), so it is not
// proven here.
import { execFileSync } from 'node:child_process';

import { builtPackageDirsOrExit } from './packages.mjs';

const root = process.cwd();
const dirs = [root, ...builtPackageDirsOrExit()];
for (const dir of dirs) {
	execFileSync('npm', ['publish', '--dry-run', '--ignore-scripts', '--access', 'public'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
	console.log(`${dir === root ? '.' : dir.slice(root.length + 1)}: npm publish --dry-run passed`);
}
