// Lints one snippet as if it were a file of the source tree, with the import-order config
// (eslint.layers.config.mjs): proves the layering rule fails a wrong import. ESLint runs in a
// child process, since its config is an ES module that jest's module sandbox cannot load.
const path = require('path');
const { execFile } = require('child_process');

const root = path.join(__dirname, '..', '..');
const eslintBin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

/**
 * The messages of the layering rules for `code` placed at `file` (relative to the root).
 * @param {string} file
 * @param {string} code
 * @returns {Promise<Array<{ rule: string, message: string }>>}
 */
function lintAs(file, code) {
	return new Promise((resolve, reject) => {
		const child = execFile(
			process.execPath,
			[
				eslintBin,
				'-c',
				'eslint.layers.config.mjs',
				'--format',
				'json',
				'--stdin',
				'--stdin-filename',
				file,
			],
			{ cwd: root },
			(error, stdout) => {
				// ESLint exits 1 when it found problems; its JSON report is on stdout either way.
				try {
					const [result] = JSON.parse(stdout);
					resolve(
						result.messages.map((message) => ({ rule: message.ruleId, message: message.message })),
					);
				} catch {
					reject(error ?? new Error(`ESLint gave no report: ${stdout}`));
				}
			},
		);
		child.stdin.end(code);
	});
}

module.exports = { lintAs };
