import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createParams, PHOTO_MEDIA, schedulalaCreateParams } from '../support/helpers';
import type { NodeName } from '../support/engine/harness';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, keys, run } = useBothSimulators();
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

// Create Post publishing now: the documented body, the Bearer key, a derived idempotency key.
const publishNow: Array<{
	node: NodeName;
	parameters: INodeParameters;
	status: string;
	body: IDataObject;
	check: (post: IDataObject) => void;
}> = [
	{
		node: 'socialSyncer',
		parameters: createParams({ content: 'Hello world', media: PHOTO_MEDIA }),
		status: 'published',
		body: {
			content: 'Hello world',
			platforms: [{ platform: 'instagram', accountId: 'ig_123' }],
			mediaItems: [{ type: 'image', url: 'https://cdn.example.com/photo.jpg' }],
			publishNow: true,
		},
		check: (post) => {
			expect(String(post.id)).toMatch(/^post_/);
			expect((post.platforms as IDataObject[])[0]).toMatchObject({
				platform: 'instagram',
				status: 'published',
			});
		},
	},
	{
		node: 'schedulala',
		parameters: schedulalaCreateParams({ content: 'Hello' }),
		status: 'posted',
		body: { content: 'Hello', platforms: [{ platform: 'twitter' }], publishNow: true },
		// { success, post } is unwrapped and _id copied to id.
		check: (post) => {
			expect(post.id).toBe(post._id);
			expect(post.success).toBeUndefined();
		},
	},
];

describe.each(publishNow)(
	'$node: Create Post, publish now',
	({ node, parameters, status, body, check }) => {
		it('sends the documented body with the Bearer key and outputs the post', async () => {
			const result = await run(node, { parameters });
			expect(result.error).toBeUndefined();
			const post = result.main[0].json;
			expect(post).toMatchObject({ status, failedPlatforms: [] });
			check(post);
			expect(result.main[0].pairedItem).toEqual({ item: 0 });

			const [request] = sims[node].requestsTo('POST', '/posts');
			expect(request.headers.authorization).toBe(`Bearer ${keys[node]}`);
			expect(request.headers['idempotency-key']).toMatch(/^n8n-[0-9a-f]{40}$/);
			expect(request.body).toEqual(body);
		});
	},
);

describe('SocialSyncerAPI: Create Post', () => {
	const sim = sims.socialSyncer;

	it('schedules with the time zone, tags and per-platform text', async () => {
		// A wall time in Berlin in January (UTC+1): the API gets the instant that was checked.
		const year = new Date().getUTCFullYear() + 1;
		const at = `${year}-01-15T09:30:00`;
		const result = await run('socialSyncer', {
			parameters: createParams({
				publishMode: 'schedule',
				scheduledFor: at,
				platforms: {
					target: [
						{ platform: 'instagram', accountId: 'ig_123' },
						{ platform: 'twitter', accountId: 'tw_789', content: 'Short text for X' },
					],
				},
				media: { item: [{ type: 'image', url: 'https://cdn.example.com/photo.jpg' }] },
				options: { timezone: 'Europe/Berlin', tags: 'launch, summer' },
			}),
		});
		expect(result.main[0].json.status).toBe('scheduled');
		expect(sim.requestsTo('POST', '/posts')[0].body).toEqual({
			content: 'Hello from n8n',
			platforms: [
				{ platform: 'instagram', accountId: 'ig_123' },
				{ platform: 'twitter', accountId: 'tw_789', customContent: 'Short text for X' },
			],
			mediaItems: [{ type: 'image', url: 'https://cdn.example.com/photo.jpg' }],
			scheduledFor: `${year}-01-15T08:30:00.000Z`,
			timezone: 'Europe/Berlin',
			tags: ['launch', 'summer'],
		});
	});

	it('saves a draft without targets', async () => {
		const result = await run('socialSyncer', {
			parameters: createParams({ publishMode: 'draft', platforms: {} }),
		});
		expect(result.main[0].json.status).toBe('draft');
		expect(sim.requestsTo('POST', '/posts')[0].body).toMatchObject({
			isDraft: true,
			platforms: [],
		});
	});
});

describe('Schedulala: Create Post', () => {
	const sim = sims.schedulala;

	it.each([
		['queue', {}, { queue: true }],
		['draft', {}, { status: 'draft' }],
		['schedule', { scheduledFor: '2099-01-01T00:00:00Z' }, {}],
	])(
		'maps publish mode %s to exactly one scheduling field',
		async (publishMode, extra, expected) => {
			const scheduledFor = publishMode === 'schedule' ? inHours(2) : undefined;
			await run('schedulala', {
				parameters: schedulalaCreateParams({
					publishMode,
					...extra,
					...(scheduledFor ? { scheduledFor } : {}),
				}),
				onError: 'continueRegularOutput',
			});
			const body = sim.requestsTo('POST', '/posts')[0].body as IDataObject;
			expect(body).toMatchObject(expected);
			const modes = ['publishNow', 'queue', 'scheduledFor', 'status'].filter(
				(key) => body[key] !== undefined,
			);
			expect(modes).toHaveLength(1);
			if (scheduledFor) expect(body.scheduledFor).toBe(scheduledFor);
		},
	);

	it('sends platform settings, first comment, per-platform text and a LinkedIn PDF', async () => {
		const result = await run('schedulala', {
			parameters: schedulalaCreateParams({
				platforms: {
					target: [{ platform: 'linkedin', accountId: 'li_1', content: 'For LinkedIn' }],
				},
				media: { item: [{ type: 'pdf', url: 'https://cdn.example.com/deck.pdf' }] },
				platformSettings: '{"linkedin": {"documentTitle": "Deck"}}',
				options: { firstComment: 'Link in comments', timezone: 'America/New_York' },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sim.requestsTo('POST', '/posts')[0].body).toEqual({
			content: 'Hello from n8n',
			platforms: [{ platform: 'linkedin', accountId: 'li_1', content: 'For LinkedIn' }],
			mediaItems: [{ type: 'pdf', url: 'https://cdn.example.com/deck.pdf' }],
			publishNow: true,
			timezone: 'America/New_York',
			platformSettings: { linkedin: { documentTitle: 'Deck' } },
			firstComment: 'Link in comments',
		});
	});
});
