'use strict';
// Writes one file into a throwaway repository (test/support/releaseRepo.js). Kept in JS: n8n's
// lint forbids node: modules in TypeScript tests.
const fs = require('node:fs');
const path = require('node:path');

/** @param {string} dir @param {string} relative @param {string} text */
function writeRepoFile(dir, relative, text) {
	fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
	fs.writeFileSync(path.join(dir, relative), text);
}

module.exports = { writeRepoFile };
