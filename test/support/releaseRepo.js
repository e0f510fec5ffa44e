// A throwaway git repository holding this repository's files as they are now (tracked and new,
// uncommitted edits included), for testing scripts/release.mjs. Kept in JS: n8n's lint forbids
// node: imports in linted TypeScript.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoDir = path.join(__dirname, '..', '..');

/** @param {string} dir @param {string[]} args */
function git(dir, ...args) {
	return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

/** A repository on branch main with one commit of the current files; returns its folder. */
function makeRepo() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-test-'));
	const files = git(repoDir, 'ls-files', '--cached', '--others', '--exclude-standard', '-z')
		.split('\0')
		.filter(
			(file) => file && fs.statSync(path.join(repoDir, file), { throwIfNoEntry: false })?.isFile(),
		);
	for (const file of files) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.copyFileSync(path.join(repoDir, file), path.join(dir, file));
	}
	git(dir, 'init', '--quiet', '--initial-branch', 'main');
	git(dir, 'config', 'user.name', 'Release Test');
	git(dir, 'config', 'user.email', 'release-test@example.com');
	git(dir, 'config', 'tag.gpgSign', 'false');
	git(dir, 'config', 'commit.gpgSign', 'false');
	git(dir, 'add', '--all');
	git(dir, 'commit', '--quiet', '--message', 'the current files');
	return dir;
}

/** Commits `version` into package.json and, unless told not to, a CHANGELOG section for it. */
function bumpVersion(dir, version, { changelog = true } = {}) {
	const manifest = path.join(dir, 'package.json');
	const json = JSON.parse(fs.readFileSync(manifest, 'utf8'));
	fs.writeFileSync(manifest, `${JSON.stringify({ ...json, version }, null, 2)}\n`);
	if (changelog) {
		const file = path.join(dir, 'CHANGELOG.md');
		fs.writeFileSync(
			file,
			`## ${version}\n\n- A test release.\n\n${fs.readFileSync(file, 'utf8')}`,
		);
	}
	git(dir, 'commit', '--quiet', '--all', '--message', `version ${version}`);
}

/** Runs `npm run release:prepare -- <version>` (its script) in the repository. */
function prepareRelease(dir, version) {
	const run = spawnSync(process.execPath, ['scripts/release.mjs', version], {
		cwd: dir,
		encoding: 'utf8',
	});
	return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

/** @param {string} dir */
function removeRepo(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { bumpVersion, git, makeRepo, prepareRelease, removeRepo };
