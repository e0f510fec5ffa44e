/**
 * Post → Delete on both nodes, through n8n-core's engine: cancels a scheduled
 * post or deletes a draft; a published post gives the API's error; a delete
 * whose answer was lost counts as done when the re-send finds it gone, also
 * when n8n re-runs the node.
 */
import type { IDataObject } from 'n8n-workflow';

import { errorOf, FAST_RETRIES } from '../support/helpers';
import { NODES, useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName, RunOptions } from '../support/engine/harness';

const { sims, run: runOn } = useBothSimulators();

function seed(node: NodeName, id: string, status: string): void {
	const post: IDataObject = { content: `Post ${id}`, status, platforms: [] };
	sims[node].posts.set(id, node === 'socialSyncer' ? { id, ...post } : { _id: id, ...post });
}

const deleteParams = (extra: IDataObject = {}) => ({
	resource: 'post',
	operation: 'delete',
	postId: '={{ $json.postId }}',
	requestOptions: FAST_RETRIES,
	...extra,
});

describe.each(NODES)('%s: Delete Post', (node) => {
	const run = async (options: Partial<RunOptions>) =>
		await runOn(node, { parameters: deleteParams(), ...options });

	it('cancels a scheduled post and outputs { id, deleted: true }', async () => {
		seed(node, 'p_sched', 'scheduled');
		const result = await run({ items: [{ postId: 'p_sched' }] });
		expect(result.main.map((item) => item.json)).toEqual([{ id: 'p_sched', deleted: true }]);
		expect(sims[node].posts.has('p_sched')).toBe(false);
	});

	it("a published post gives the API's error", async () => {
		seed(node, 'p_live', node === 'socialSyncer' ? 'published' : 'posted');
		const result = await run({ items: [{ postId: 'p_live' }], onError: 'continueRegularOutput' });
		expect(errorOf(result.main[0]).httpCode).toBe(400);
		expect(sims[node].posts.has('p_live')).toBe(true);
	});

	it('an unknown post is NOT_FOUND, not "deleted"', async () => {
		const result = await run({
			items: [{ postId: 'p_nowhere' }],
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0]).httpCode).toBe(404);
	});

	it('a lost answer, then 404 on the re-send, counts as deleted', async () => {
		seed(node, 'p_drop', 'scheduled');
		sims[node].script({ kind: 'dropAfter', method: 'DELETE' });
		const result = await run({ items: [{ postId: 'p_drop' }] });
		expect(result.error).toBeUndefined();
		expect(result.main[0].json).toEqual({ id: 'p_drop', deleted: true });
		expect(
			sims[node].requestsTo('DELETE', '/posts/p_drop').map((request) => request.status),
		).toEqual([0, 404]);
	});

	it('a retried execution after a lost answer counts the 404 as deleted', async () => {
		seed(node, 'p_retry', 'draft');
		sims[node].script({ kind: 'dropAfter', method: 'DELETE' });
		const failed = await run({
			items: [{ postId: 'p_retry' }],
			parameters: deleteParams({ requestOptions: { ...FAST_RETRIES, maxRetries: 0 } }),
			executionId: `${node}-delete-failed`,
		});
		expect(failed.error).toBeDefined();
		const retried = await run({
			items: [{ postId: 'p_retry' }],
			executionId: `${node}-delete-retry`,
			customData: failed.customData,
		});
		expect(retried.error).toBeUndefined();
		expect(retried.main[0].json).toEqual({ id: 'p_retry', deleted: true });
	});
});
