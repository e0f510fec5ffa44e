// Schedulala Bulk in real n8n (2.41.1 and 1.123.81): the example "post a sheet of rows in
// bulk" with 60 rows, three of them invalid, On Error: Continue (using error output), and
// the answer of the second bulk request lost after Schedulala created its posts. Checked:
// 57 posts, each once; 3 requests of 25, 25 and 7; the three rows on the error branch with
// their codes; the lost batch found among the account's posts, not sent again. And n8n's
// Retry On Fail after a refused row (no Continue): 29 of 30 rows posted, none twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { packPackage, readExample } from '../support/n8n/n8n.mjs';
import { RUNTIMES } from '../support/n8n/runtime.mjs';
import { majors, simulators, jsonOf, n8nWithSimulators } from '../support/n8n/common.mjs';

const packageDir = packPackage();
const INVALID = [6, 32, 50];

/** The example, its rows replaced by 60 of which three are invalid (empty, too long for X). */
function sheet() {
	const workflow = readExample('bulk-sheet-rows.json');
	const rows = workflow.nodes.find((node) => node.name === 'Rows (replace with your sheet)');
	rows.parameters.jsCode = `return Array.from({ length: 60 }, (_, i) => ({ json: { rowId: 'row-' + (i + 1), platform: 'twitter', text: i === ${INVALID[0]} ? '' : i === ${INVALID[1]} ? 'x'.repeat(300) : i === ${INVALID[2]} ? '' : 'Row ' + (i + 1) } }));`;
	return workflow;
}

/**
 * The example without On Error: Continue but with n8n's Retry On Fail (2 tries): 30 rows, row 12
 * too long for X, so each try fails the node.
 */
function retryOnFailSheet() {
	const workflow = readExample('bulk-sheet-rows.json');
	workflow.id = 'BulkRetryOnFail1';
	workflow.name = 'Bulk with Retry On Fail';
	const rows = workflow.nodes.find((node) => node.name === 'Rows (replace with your sheet)');
	rows.parameters.jsCode = `return Array.from({ length: 30 }, (_, i) => ({ json: { rowId: 'retry-row-' + (i + 1), platform: 'twitter', text: i === 11 ? 'y'.repeat(300) : 'Retry row ' + (i + 1) } }));`;
	const post = workflow.nodes.find((node) => node.name === 'Post in bulk');
	delete post.onError;
	Object.assign(post, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
	workflow.connections['Post in bulk'].main = [workflow.connections['Post in bulk'].main[0]];
	return workflow;
}

/** The example with 3 rows and Bulk Size set as an imported workflow may carry it (0, 26). */
function bulkSizeSheet(bulkSize, onError) {
	const workflow = readExample('bulk-sheet-rows.json');
	workflow.id = `BulkSize${String(bulkSize).padStart(2, '0')}${onError ? 'Cont' : 'Stop'}00`;
	workflow.name = `Bulk Size ${bulkSize} (${onError ? 'Continue' : 'no Continue'})`;
	const rows = workflow.nodes.find((node) => node.name === 'Rows (replace with your sheet)');
	rows.parameters.jsCode = `return Array.from({ length: 3 }, (_, i) => ({ json: { rowId: 'size-${bulkSize}-' + (i + 1), platform: 'twitter', text: 'Size row ' + (i + 1) } }));`;
	const post = workflow.nodes.find((node) => node.name === 'Post in bulk');
	post.parameters.options.bulkSize = bulkSize;
	if (!onError) {
		delete post.onError;
		workflow.connections['Post in bulk'].main = [workflow.connections['Post in bulk'].main[0]];
	}
	return workflow;
}
const BULK_SIZES = [0, 26];

for (const major of majors) {
	describe(`Schedulala Bulk in real n8n ${RUNTIMES[major].n8n}`, { concurrency: 1 }, () => {
		const sims = simulators();
		let n8n;

		before(async () => {
			({ n8n } = await n8nWithSimulators({ major, packageDir, sims }));
			await n8n.importWorkflow(sheet());
			await n8n.importWorkflow(retryOnFailSheet());
			for (const size of BULK_SIZES)
				for (const onError of [true, false]) await n8n.importWorkflow(bulkSizeSheet(size, onError));
		});

		after(async () => {
			n8n?.cleanup();
			await Promise.all(Object.values(sims).map((sim) => sim.stop()));
		});

		it('60 rows, 3 invalid, the second answer lost: 57 posts once, 3 rows on the error branch', async () => {
			sims.schedulala.script({ kind: 'dropAfter', method: 'POST', path: '/posts/bulk', skip: 1 });
			const { code, run, stdout, stderr } = await n8n.execute('BulkSheetRows001');
			assert.equal(code, 0, `${stdout}\n${stderr}`.slice(-3000));
			const bulk = sims.schedulala.requests.filter(
				(request) => request.method === 'POST' && request.path === '/posts/bulk',
			);
			// Two empty rows never went out; the one too long for X did, and was refused there.
			// After the second answer was lost, the look-up found 24 of its 25 posts: only the
			// missing one (the refused row) was sent again, and refused again.
			assert.deepEqual(
				bulk.map((request) => request.body.posts.length),
				[25, 25, 1, 8],
			);
			assert.equal(bulk[2].body.posts[0].content, 'x'.repeat(300));
			assert.equal(bulk[1].status, 0, 'the second answer was lost');
			const contents = [...sims.schedulala.posts.values()].map((post) => post.content);
			assert.equal(contents.length, 57);
			assert.equal(new Set(contents).size, 57, 'no row posted twice');
			assert.equal(jsonOf(run, 'Posted').length, 57);
			const failed = jsonOf(run, 'Failed rows');
			assert.deepEqual(
				failed.map((row) => [row.row, row.code]),
				[
					['row-7', 'INVALID_PARAMETER'],
					['row-33', 'validation_error'],
					['row-51', 'INVALID_PARAMETER'],
				],
			);
			assert.equal(failed[1].message, 'Content too long for twitter');
			assert.ok(
				sims.schedulala.requests.some(
					(request) => request.method === 'GET' && request.path === '/posts',
				),
				'the lost batch was looked up',
			);
		});

		it('run again: the same batches carry the same Idempotency-Key (the simulator honours it on bulk; the real API may not, see README)', async () => {
			const { code } = await n8n.execute('BulkSheetRows001');
			assert.equal(code, 0);
			assert.equal(sims.schedulala.posts.size, 57);
		});

		it("n8n's Retry On Fail on a refused row: the second try sends only what is not done, nothing is posted twice", async () => {
			sims.schedulala.clear();
			const { code, stdout, stderr } = await n8n.execute('BulkRetryOnFail1');
			assert.notEqual(code, 0, 'the refused row fails the workflow on both tries');
			assert.match(`${stdout}\n${stderr}`, /Content too long for twitter/);
			const sent = sims.schedulala.requests
				.filter((request) => request.method === 'POST' && request.path === '/posts/bulk')
				.flatMap((request) => request.body.posts.map((entry) => entry.content));
			const times = (content) => sent.filter((entry) => entry === content).length;
			assert.equal(times('y'.repeat(300)), 2, 'the refused row went out once per try');
			for (let row = 1; row <= 30; row++)
				if (row !== 12) assert.ok(times(`Retry row ${row}`) <= 1, `row ${row} sent at most once`);
			const contents = [...sims.schedulala.posts.values()].map((post) => post.content);
			assert.equal(new Set(contents).size, contents.length, 'no row posted twice');
			// Every valid row once, whichever try reached it.
			assert.equal(contents.length, 29);
		});

		for (const size of BULK_SIZES) {
			it(`Bulk Size ${size}: every row INVALID_PARAMETER before any request, with and without Continue`, async () => {
				sims.schedulala.clear();
				const continued = await n8n.execute(bulkSizeSheet(size, true).id);
				assert.equal(continued.code, 0, `${continued.stdout}\n${continued.stderr}`.slice(-3000));
				const failed = jsonOf(continued.run, 'Failed rows');
				assert.deepEqual(
					failed.map((row) => [row.row, row.code, row.message]),
					[1, 2, 3].map((row) => [
						`size-${size}-${row}`,
						'INVALID_PARAMETER',
						`Bulk Size must be a whole number from 1 to 25, not ${size}`,
					]),
				);
				const stopped = await n8n.execute(bulkSizeSheet(size, false).id);
				assert.notEqual(stopped.code, 0);
				assert.match(
					`${stopped.stdout}\n${stopped.stderr}`,
					new RegExp(`Bulk Size must be a whole number from 1 to 25, not ${size}`),
				);
				assert.equal(sims.schedulala.requests.length, 0, 'nothing was sent');
			});
		}
	});
}
