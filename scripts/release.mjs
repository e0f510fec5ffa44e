// `npm run release:prepare -- <version>`: the release commit and its tag v<version>, with no
// branch moved. n8n's scanner reads the source at the commit an npm provenance names and looks
// there for the package.json of each package, so the per-service folders (generated, ignored on
// main) must exist at the tagged commit: this commit is the current HEAD plus packages/, written
// by scripts/packages.mjs. Pushing the tag runs .github/workflows/release.yml, which publishes
// the three packages from it. Git plumbing (a temporary index) makes the commit, so the work
// tree, the index and every branch stay as they were.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { SERVICES, writePackages } from './packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function git(args, options = {}) {
	return execFileSync('git', args, { cwd: root, encoding: 'utf8', ...options }).trim();
}

function fail(message) {
	console.error(`release:prepare: ${message}`);
	process.exit(1);
}

const version = process.argv[2];
if (!/^\d+\.\d+\.\d+$/.test(version ?? ''))
	fail('usage: npm run release:prepare -- <version>, e.g. 1.2.3');
const tag = `v${version}`;

// The release is HEAD as committed: the generator reads the work tree, so it must match HEAD.
if (git(['status', '--porcelain']) !== '') fail('commit or stash your changes first');
// The generator copies every file under nodes/ and credentials/, ignored ones too.
if (
	git(['ls-files', '--others', '--ignored', '--exclude-standard', '--', 'nodes', 'credentials']) !==
	''
)
	fail(
		'remove the ignored files under nodes/ and credentials/ first (git clean -ndX nodes credentials)',
	);
if (git(['symbolic-ref', '--quiet', '--short', 'HEAD']) !== 'main') fail('release from main');
const committedVersion = JSON.parse(git(['show', 'HEAD:package.json'])).version;
if (committedVersion !== version)
	fail(`package.json says ${committedVersion}: bump it to ${version} on main first`);
if (!git(['show', 'HEAD:CHANGELOG.md']).split('\n').includes(`## ${version}`))
	fail(`CHANGELOG.md has no section "## ${version}"`);
if (git(['tag', '--list', tag]) !== '') fail(`the tag ${tag} exists already`);

const scratch = mkdtempSync(join(tmpdir(), 'release-'));
try {
	const tree = join(scratch, 'tree');
	writePackages(join(tree, 'packages'));
	// HEAD's tree plus packages/ from the scratch folder, in an index of its own.
	const env = { ...process.env, GIT_INDEX_FILE: join(scratch, 'index') };
	const gitDir = git(['rev-parse', '--absolute-git-dir']);
	git(['read-tree', 'HEAD'], { env });
	git(['--git-dir', gitDir, '--work-tree', tree, 'add', '--force', '--', 'packages'], {
		cwd: tree,
		env,
	});
	const names = SERVICES.map((spec) => spec.name).join(' and ');
	const commit = git([
		'commit-tree',
		git(['write-tree'], { env }),
		'-p',
		'HEAD',
		'-m',
		`Release ${version}: ${names} generated under packages/ for npm provenance`,
	]);
	git(['tag', '--annotate', tag, commit, '--message', `Release ${version}`]);
	console.log(`tagged ${tag} at ${commit} (HEAD plus packages/); no branch moved.`);
	console.log(`Publish it: git push origin ${tag}`);
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
