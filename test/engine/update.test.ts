/**
 * Post → Update on both nodes, through n8n-core's engine: only the fields the
 * user added are sent (Schedulala PATCH, SocialSyncerAPI PUT), times are read in
 * the chosen time zone, bad input fails before any request, a published post
 * gives the API's error, and re-sending an update is harmless.
 */
import { DateTime } from 'luxon';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { errorOf, FAST_RETRIES } from '../support/helpers';
import { NODES, useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName, RunOptions } from '../support/engine/harness';

const { sims, run: runOn } = useBothSimulators();

const ACCOUNT: Record<NodeName, { platform: string; accountId: string }> = {
	socialSyncer: { platform: 'twitter', accountId: 'tw_789' },
	schedulala: { platform: 'linkedin', accountId: 'acc_li_1' },
};
const METHOD: Record<NodeName, string> = { socialSyncer: 'PUT', schedulala: 'PATCH' };
const HOUR = 3_600_000;

function seed(node: NodeName, id: string, status: string): IDataObject {
	const post: IDataObject = {
		content: 'Old text',
		status,
		scheduledFor: new Date(Date.now() + 2 * HOUR).toISOString(),
		timezone: 'UTC',
		mediaItems: [{ type: 'image', url: 'https://cdn.example.com/old.jpg' }],
		platforms: [{ platform: 'instagram', accountId: 'old', status }],
	};
	sims[node].posts.set(id, node === 'socialSyncer' ? { id, ...post } : { _id: id, ...post });
	return post;
}

const updateParams = (updateFields: IDataObject) =>
	({
		resource: 'post',
		operation: 'update',
		postId: '={{ $json.postId }}',
		updateFields,
		requestOptions: FAST_RETRIES,
	}) as INodeParameters;

const writes = (node: NodeName) =>
	sims[node].requests.filter((request) => request.method === METHOD[node]);

describe.each(NODES)('%s: Update Post', (node) => {
	const run = async (updateFields: IDataObject, options: Partial<RunOptions> = {}) =>
		await runOn(node, {
			parameters: updateParams(updateFields),
			items: [{ postId: 'p_1' }],
			...options,
		});

	it('sends only the changed fields and outputs the updated post', async () => {
		seed(node, 'p_1', 'scheduled');
		const result = await run({ content: 'New text' });
		expect(result.error).toBeUndefined();
		expect(writes(node)).toHaveLength(1);
		expect(writes(node)[0].path).toBe('/posts/p_1');
		expect(writes(node)[0].body).toEqual({ content: 'New text' });
		expect(result.main[0].json).toMatchObject({
			id: 'p_1',
			content: 'New text',
			status: 'scheduled',
			failedPlatforms: [],
		});
		expect(result.main[0].json.mediaItems).toEqual([
			{ type: 'image', url: 'https://cdn.example.com/old.jpg' },
		]);
	});

	it('reschedules in the chosen time zone and sends the instant it checked', async () => {
		seed(node, 'p_1', 'scheduled');
		// Ten days ahead at 09:30 Berlin time: inside both services' scheduling windows.
		const berlin = DateTime.now()
			.setZone('Europe/Berlin')
			.plus({ days: 10 })
			.set({ hour: 9, minute: 30, second: 0, millisecond: 0 });
		const result = await run({
			scheduledFor: berlin.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
			timezone: 'Europe/Berlin',
		});
		expect(result.error).toBeUndefined();
		expect(writes(node)[0]?.body).toEqual({
			scheduledFor: berlin.toUTC().toISO(),
			timezone: 'Europe/Berlin',
		});
		expect(result.main[0].json.scheduledFor).toBe(berlin.toUTC().toISO());
	});

	it('replaces media and targets, a target picked from the list sending its ID', async () => {
		seed(node, 'p_1', 'draft');
		const result = await run({
			media: { item: [{ type: 'image', url: 'https://cdn.example.com/new.jpg' }] },
			platforms: {
				target: [
					{
						platform: ACCOUNT[node].platform,
						accountId: { __rl: true, mode: 'list', value: ACCOUNT[node].accountId },
						content: 'Only here',
					},
				],
			},
		});
		expect(result.error).toBeUndefined();
		const body = writes(node)[0].body as IDataObject;
		expect(body.mediaItems).toEqual([{ type: 'image', url: 'https://cdn.example.com/new.jpg' }]);
		expect(body.platforms).toEqual([
			{
				...ACCOUNT[node],
				[node === 'socialSyncer' ? 'customContent' : 'content']: 'Only here',
			},
		]);
		expect(result.main[0].json.platforms).toEqual([
			expect.objectContaining({ ...ACCOUNT[node], status: 'draft' }),
		]);
	});

	it("editing a published post gives the API's error, clearly", async () => {
		seed(node, 'p_1', node === 'socialSyncer' ? 'published' : 'posted');
		const result = await run({ content: 'Too late' }, { onError: 'continueRegularOutput' });
		const error = errorOf(result.main[0]);
		expect(error.httpCode).toBe(400);
		expect(error.message).toMatch(/edit/i);
		expect(error.code).toBe(node === 'socialSyncer' ? 'VALIDATION_ERROR' : 'validation_error');
		expect(sims[node].posts.get('p_1').content).toBe('Old text');
	});

	it.each([
		[{}, 'Nothing to update'],
		[{ timezone: 'Mars/Olympus' }, 'Unknown time zone "Mars/Olympus"'],
		[{ scheduledFor: '2020-01-01T00:00:00Z' }, /Scheduled For is (in the past|outside)/],
		[{ media: { item: [{ type: 'image', url: 'not a url' }] } }, 'Media item 1 has no valid URL'],
		[{ platforms: { target: [] } }, 'Platforms has no target'],
	])('bad input %j fails before any request', async (fields, message) => {
		seed(node, 'p_1', 'scheduled');
		const result = await run(fields, { items: [{ postId: 'p_1' }, { postId: 'p_1' }] });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toEqual(
			typeof message === 'string' ? message : expect.stringMatching(message),
		);
		expect((result.error?.context as IDataObject).itemIndex).toBe(0);
		expect(sims[node].requests).toHaveLength(0);
	});

	it('a lost answer is re-sent: setting the same fields twice is harmless', async () => {
		seed(node, 'p_1', 'scheduled');
		sims[node].script({ kind: 'dropAfter', method: METHOD[node] });
		const result = await run({ content: 'New text' });
		expect(result.error).toBeUndefined();
		expect(writes(node)).toHaveLength(2);
		expect(result.main[0].json.content).toBe('New text');
	});

	it('an accepted update without the post in the answer is read back', async () => {
		seed(node, 'p_1', 'scheduled');
		sims[node].script({ kind: 'acceptedEmpty', method: METHOD[node] });
		const result = await run({ content: 'New text' });
		expect(result.error).toBeUndefined();
		expect(result.main[0].json).toMatchObject({ id: 'p_1', content: 'New text' });
		expect(sims[node].requests.map((request) => request.method)).toEqual([METHOD[node], 'GET']);
	});
});
