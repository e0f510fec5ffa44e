'use strict';
// A committed text file a test compares its output with (a plain-text snapshot, so a
// change reads as an ordinary diff). UPDATE_SNAPSHOTS=1 rewrites it. Kept in JS: n8n's
// lint forbids node:fs in linted TypeScript.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

/**
 * The committed text of `file` (relative to the repository root); with UPDATE_SNAPSHOTS=1
 * it first writes `text` there.
 * @param {string} file
 * @param {string} text
 * @returns {string}
 */
function committedText(file, text) {
	const full = path.join(root, file);
	if (process.env.UPDATE_SNAPSHOTS === '1') {
		fs.mkdirSync(path.dirname(full), { recursive: true });
		fs.writeFileSync(full, text);
	}
	if (!fs.existsSync(full))
		throw new Error(`${file} is not there yet: run the test with UPDATE_SNAPSHOTS=1`);
	return fs.readFileSync(full, 'utf8');
}

module.exports = { committedText };
