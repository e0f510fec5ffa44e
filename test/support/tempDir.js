'use strict';
// A throwaway directory for a test run (n8n's binary storage, …).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** @param {string} prefix */
function tempDir(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

module.exports = { tempDir };
