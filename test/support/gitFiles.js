'use strict';
// The repository as git tracks it, for tests that hold docs to the tree. Kept in JS:
// n8n's lint forbids node: modules in TypeScript tests.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

/** Every path `git ls-files` lists, relative to the repository root. */
function trackedFiles() {
	return execFileSync('git', ['ls-files', '-z'], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	})
		.split('\0')
		.filter(Boolean);
}

/** @param {string} relative a path from the repository root */
function readRepoFile(relative) {
	return fs.readFileSync(path.join(root, relative), 'utf8');
}

module.exports = { trackedFiles, readRepoFile };
