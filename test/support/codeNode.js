'use strict';
// A Code node's JavaScript as a function of n8n's `$now` and `$input`, so that an example's
// Code node can be checked without running n8n (the review tests of the weekly example).

/**
 * @param {string} jsCode
 * @returns {(now: unknown, input: { all: () => unknown[] }) => Array<{ json: Record<string, unknown> }>}
 */
function codeNode(jsCode) {
	return /** @type {any} */ (new Function('$now', '$input', jsCode));
}

module.exports = { codeNode };
