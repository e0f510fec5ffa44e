'use strict';
// Runs a product module in a child Node process with another TZ: Jest gives each test file a
// copy of process.env, so a time zone cannot be changed inside the test itself.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const { tempDir } = require('./tempDir');

/**
 * Transpiles `tsFile` (relative to the repository; a module without imports of other product
 * files) as it is, then runs `script` in a process whose TZ is `timeZone`, with the module as
 * `m`. Returns its stdout.
 * @param {string} tsFile
 * @param {string} timeZone
 * @param {string} script
 */
function runInTimeZone(tsFile, timeZone, script) {
	const js = ts.transpileModule(fs.readFileSync(path.join(__dirname, '../..', tsFile), 'utf8'), {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
	}).outputText;
	const file = path.join(tempDir('in-time-zone-'), 'module.js');
	fs.writeFileSync(file, js);
	const program = `const m = require(${JSON.stringify(file)});\n${script}`;
	return execFileSync(process.execPath, ['-e', program], {
		env: { ...process.env, TZ: timeZone },
	}).toString();
}

module.exports = { runInTimeZone };
