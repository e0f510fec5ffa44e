// The heap as a memory test reads it: a forced garbage collection (as with
// --expose-gc, switched on here) and the bytes still in use.
const v8 = require('node:v8');
const vm = require('node:vm');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/** Collects garbage, then returns the heap bytes still in use. */
function heapAfterGc() {
	gc();
	gc();
	return process.memoryUsage().heapUsed;
}

module.exports = { heapAfterGc };
