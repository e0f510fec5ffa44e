/**
 * The platforms' rules checked before sending, through n8n-core's engine. What an API refuses
 * every post for (TikTok privacy, post mode and consent, a YouTube title and video, branded
 * content set to Only Me) fails the item before any request, naming the item, the target and
 * the field. Content rules (text limits, media, first comments, setting lengths) are hinted by
 * default and the post is sent as before; with Options → Check Platform Rules on they refuse
 * the item before any request.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createParams, schedulalaCreateParams } from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName, RunResult } from '../support/engine/harness';
import {
	createsTo,
	hintsOf,
	itemError,
	media,
	NO_URL_CHECK,
	PHOTO,
	TIKTOK_TYPED,
	VIDEO,
} from '../support/engine/platformPosts';

const { sims, run } = useBothSimulators();

const params: Record<NodeName, (extra: IDataObject) => INodeParameters> = {
	socialSyncer: (extra) => createParams({ options: NO_URL_CHECK, ...extra } as INodeParameters),
	schedulala: (extra) =>
		schedulalaCreateParams({ options: NO_URL_CHECK, ...extra } as INodeParameters),
};
const ACCOUNT: Record<string, string> = {
	tiktok: 'tt_321',
	instagram: 'ig_123',
	twitter: 'tw_789',
	facebook: 'fb_456',
	threads: 'th_654',
};
const targets = (node: NodeName, ...platforms: string[]) => ({
	target: platforms.map((platform) => ({
		platform,
		accountId: node === 'socialSyncer' ? ACCOUNT[platform] : '',
	})),
});
const TOO_LONG_FOR_X = 'Soup of the day. '.repeat(18).trim(); // 305 characters

interface RequiredCase {
	node: NodeName;
	name: string;
	/** A post that carries the setting (typed, or from the JSON fields). */
	passing: IDataObject;
	refused: IDataObject;
	message: string;
	field: string;
	fix: RegExp;
}

// The refused post's platform is its second target: the message names it.
const required: RequiredCase[] = [
	{
		node: 'schedulala',
		name: 'TikTok privacy',
		passing: {
			platforms: targets('schedulala', 'twitter', 'tiktok'),
			platformOptions: { tiktok: TIKTOK_TYPED.schedulala },
		},
		refused: {
			platforms: targets('schedulala', 'twitter', 'tiktok'),
			platformSettings: '{"tiktok": {"postMode": "direct"}}',
		},
		message: 'TikTok needs a privacy level (item 1, target 2)',
		field: 'platformOptions.tiktok.privacy',
		fix: /Choose Platform Settings → TikTok → Privacy \(there is no default\), or set it under "tiktok\.privacy" in Platform Settings \(JSON\)\./,
	},
	{
		node: 'schedulala',
		name: 'TikTok post mode',
		passing: {
			platforms: targets('schedulala', 'twitter', 'tiktok'),
			platformSettings: '{"tiktok": {"privacy": "SELF_ONLY", "postMode": "inbox"}}',
		},
		refused: {
			platforms: targets('schedulala', 'twitter', 'tiktok'),
			platformOptions: { tiktok: { privacy: 'SELF_ONLY', postMode: '={{ $json.mode }}' } },
		},
		message: 'TikTok needs a post mode (item 1, target 2)',
		field: 'platformOptions.tiktok.postMode',
		fix: /Choose Platform Settings → TikTok → Post Mode \(Publish Directly or Send to Inbox\)/,
	},
	{
		node: 'schedulala',
		name: 'YouTube title',
		passing: {
			platforms: targets('schedulala', 'twitter', 'youtube'),
			platformSettings: '{"youtube": {"title": "Leek soup"}}',
		},
		refused: {
			platforms: targets('schedulala', 'twitter', 'youtube'),
			platformOptions: { youtube: { title: '={{ $json.title }}', privacy: 'private' } },
		},
		message: 'YouTube needs a video title (item 1, target 2)',
		field: 'platformOptions.youtube.title',
		fix: /Enter Platform Settings → YouTube → Title, or set it under "youtube\.title"/,
	},
	{
		node: 'schedulala',
		name: 'YouTube video',
		passing: {
			platforms: targets('schedulala', 'twitter', 'youtube'),
			platformOptions: { youtube: { title: 'Leek soup' } },
		},
		refused: {
			platforms: targets('schedulala', 'twitter', 'youtube'),
			media: media(PHOTO),
			platformOptions: { youtube: { title: 'Leek soup' } },
		},
		message: 'YouTube needs a video (item 1, target 2)',
		field: 'media',
		fix: /Add a media item of type Video, or remove the target\./,
	},
	{
		node: 'socialSyncer',
		name: 'TikTok privacy',
		passing: {
			platforms: targets('socialSyncer', 'twitter', 'tiktok'),
			platformOptions: { tiktok: TIKTOK_TYPED.socialSyncer },
		},
		refused: {
			platforms: targets('socialSyncer', 'twitter', 'tiktok'),
			platformOptions: { tiktok: { privacy: '={{ $json.privacy }}', consent: true } },
		},
		message: 'TikTok needs a privacy level (item 1, target 2)',
		field: 'platformOptions.tiktok.privacy',
		fix: /Choose Platform Settings → TikTok → Privacy \(there is no default\), or set "privacy_level" in Options → TikTok Settings\./,
	},
	{
		node: 'socialSyncer',
		name: 'TikTok consent',
		passing: {
			platforms: targets('socialSyncer', 'twitter', 'tiktok'),
			platformOptions: { tiktok: { privacy: 'SELF_ONLY' } },
			options: {
				...NO_URL_CHECK,
				tiktokSettings: '{"content_preview_confirmed": true, "express_consent_given": true}',
			},
		},
		refused: {
			platforms: targets('socialSyncer', 'twitter', 'tiktok'),
			platformOptions: { tiktok: { privacy: 'SELF_ONLY' } },
			// One flag is not the confirmation: both are.
			options: { ...NO_URL_CHECK, tiktokSettings: '{"content_preview_confirmed": true}' },
		},
		message:
			"TikTok needs the creator's confirmation of the content and consent to post (item 1, target 2)",
		field: 'platformOptions.tiktok.consent',
		fix: /Switch on Platform Settings → TikTok → I Confirm Consent to Post/,
	},
];

describe.each(required)(
	'$node: $name is required',
	({ node, passing, refused, message, field, fix }) => {
		it('given (typed or in the JSON): sent', async () => {
			const result = await run(node, {
				parameters: params[node]({ media: media(VIDEO), ...passing }),
			});
			expect(result.error).toBeUndefined();
			expect(createsTo(sims[node])).toHaveLength(1);
			expect(result.main[0].json.id).toBeDefined();
		});

		it('missing: the item is refused before any request, naming item, target and field', async () => {
			const result = await run(node, {
				parameters: params[node]({ media: media(VIDEO), ...refused }),
				onError: 'continueRegularOutput',
			});
			const error = itemError(result.main[0]);
			expect(error).toMatchObject({ code: 'INVALID_PARAMETER', message, details: { field } });
			expect(error.description).toMatch(fix);
			expect(error.description).toMatch(/\(item 1, target 2\): .*Nothing was sent\.$/);
			expect(sims[node].requests).toHaveLength(0);
		});
	},
);

describe('required settings: drafts, the thrown error, several findings', () => {
	it.each(['socialSyncer', 'schedulala'] as const)(
		'%s: a draft skips them (the post is not published)',
		async (node) => {
			const result = await run(node, {
				parameters: params[node]({
					publishMode: 'draft',
					platforms: targets(node, 'tiktok'),
					media: media(VIDEO),
				}),
			});
			expect(result.error).toBeUndefined();
			expect(result.main[0].json.status).toBe('draft');
			expect(createsTo(sims[node])).toHaveLength(1);
		},
	);

	it('On Error: Stop: the run stops on the item, its description lists every finding', async () => {
		const result = await run('schedulala', {
			parameters: params.schedulala({
				platforms: targets('schedulala', 'tiktok', 'youtube'),
				media: media(PHOTO),
			}),
			items: [{}, {}],
		});
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('TikTok needs a privacy level (item 1, target 1)');
		expect((result.error?.context as IDataObject).itemIndex).toBe(0);
		const description = String(result.error?.description);
		for (const finding of [
			'TikTok needs a privacy level (item 1, target 1)',
			'TikTok needs a post mode (item 1, target 1)',
			'YouTube needs a video title (item 1, target 2)',
			'YouTube needs a video (item 1, target 2)',
		])
			expect(description).toContain(finding);
		expect(sims.schedulala.requests).toHaveLength(0);
	});
});

describe.each(['socialSyncer', 'schedulala'] as const)(
	'%s: TikTok branded content cannot be Only Me',
	(node) => {
		const jsonField =
			node === 'socialSyncer'
				? {
						options: {
							...NO_URL_CHECK,
							tiktokSettings:
								'{"privacy_level": "SELF_ONLY", "brand_content_toggle": true, "content_preview_confirmed": true, "express_consent_given": true}',
						},
					}
				: {
						platformSettings:
							'{"tiktok": {"privacy": "SELF_ONLY", "postMode": "direct", "brandedContent": true}}',
					};
		const cases: Array<[string, IDataObject]> = [
			[
				'typed',
				{
					platformOptions: {
						tiktok: { ...TIKTOK_TYPED[node], privacy: 'SELF_ONLY', brandedContent: true },
					},
				},
			],
			['from the JSON field', jsonField],
			[
				'a draft too',
				{
					publishMode: 'draft',
					platformOptions: {
						tiktok: { ...TIKTOK_TYPED[node], privacy: 'SELF_ONLY', brandedContent: true },
					},
				},
			],
		];

		it.each(cases)('%s: refused before any request', async (_name, extra) => {
			const result = await run(node, {
				parameters: params[node]({
					platforms: targets(node, 'tiktok'),
					media: media(VIDEO),
					...extra,
				}),
				onError: 'continueRegularOutput',
			});
			expect(itemError(result.main[0])).toMatchObject({
				code: 'INVALID_PARAMETER',
				message: 'TikTok does not allow branded content to be private (item 1, target 1)',
				details: { field: 'platformOptions.tiktok.brandedContent' },
			});
			expect(sims[node].requests).toHaveLength(0);
		});

		it('branded content with another privacy: sent', async () => {
			const result = await run(node, {
				parameters: params[node]({
					platforms: targets(node, 'tiktok'),
					media: media(VIDEO),
					platformOptions: { tiktok: { ...TIKTOK_TYPED[node], brandedContent: true } },
				}),
			});
			expect(result.error).toBeUndefined();
			expect(createsTo(sims[node])).toHaveLength(1);
		});
	},
);

interface ContentCase {
	node: NodeName;
	name: string;
	post: IDataObject;
	/** The hint's start: the message, naming item and target. */
	notice: string;
	/** The API skips that part and publishes the rest. */
	skipped?: boolean;
	items?: IDataObject[];
}

const VALID_TIKTOK = (node: NodeName) => ({ tiktok: TIKTOK_TYPED[node] });
const firstCommentOf = (bytes: number) => 'é'.repeat(Math.floor(bytes / 2)) + 'a'.repeat(bytes % 2);

const content: ContentCase[] = [
	{
		node: 'socialSyncer',
		name: 'X text too long in a multi-platform post',
		post: { platforms: targets('socialSyncer', 'facebook', 'twitter') },
		items: [{ text: TOO_LONG_FOR_X }],
		notice: 'The text for X (target 2) is 305 characters; X takes 280 (item 1, target 2)',
	},
	{
		node: 'schedulala',
		name: 'X text too long in a multi-platform post',
		post: { platforms: targets('schedulala', 'linkedin', 'twitter') },
		items: [{ text: TOO_LONG_FOR_X }],
		notice: 'The text for X (target 2) is 305 characters; X takes 280 (item 1, target 2)',
	},
	{
		node: 'socialSyncer',
		name: 'a Text Override is measured instead of Content',
		post: {
			platforms: {
				target: [
					{ platform: 'facebook', accountId: 'fb_456' },
					{ platform: 'threads', accountId: 'th_654', content: 'x'.repeat(501) },
				],
			},
		},
		notice:
			'The text for Threads (target 2) is 501 characters; Threads takes 500 (item 1, target 2)',
	},
	{
		node: 'schedulala',
		name: 'platformSettings.<platform>.content is measured instead of Content',
		post: {
			platforms: targets('schedulala', 'twitter'),
			platformSettings: JSON.stringify({ twitter: { content: TOO_LONG_FOR_X } }),
		},
		notice: 'The text for X (target 1) is 305 characters; X takes 280 (item 1, target 1)',
	},
	{
		node: 'socialSyncer',
		name: 'Instagram without media',
		post: { platforms: targets('socialSyncer', 'twitter', 'instagram'), media: {} },
		notice: 'Instagram does not take text-only posts (item 1, target 2)',
	},
	{
		node: 'schedulala',
		name: 'Instagram without media',
		post: { platforms: targets('schedulala', 'twitter', 'instagram'), media: {} },
		notice: 'Instagram does not take text-only posts (item 1, target 2)',
	},
	{
		node: 'schedulala',
		name: 'Mastodon with 5 images',
		post: {
			platforms: targets('schedulala', 'mastodon'),
			media: media(PHOTO, PHOTO, PHOTO, PHOTO, PHOTO),
		},
		notice: 'Mastodon takes at most 4 images; the post has 5 (item 1, target 1)',
	},
	{
		node: 'schedulala',
		name: 'Google Business with two images',
		post: { platforms: targets('schedulala', 'google-business'), media: media(PHOTO, PHOTO) },
		notice:
			'Google Business takes exactly one image and no video; the post has 2 image(s) and 0 video(s) (item 1, target 1)',
	},
	{
		node: 'schedulala',
		name: 'a first comment on a TikTok-only post',
		post: {
			platforms: targets('schedulala', 'tiktok'),
			platformOptions: VALID_TIKTOK('schedulala'),
			options: { ...NO_URL_CHECK, firstComment: 'Link in bio' },
		},
		notice: 'TikTok takes no first comment, and no other target does (item 1, target 1)',
	},
	{
		node: 'schedulala',
		name: 'a first comment on a TikTok and X post',
		post: {
			platforms: targets('schedulala', 'twitter', 'tiktok'),
			platformOptions: VALID_TIKTOK('schedulala'),
			options: { ...NO_URL_CHECK, firstComment: 'Link in bio' },
		},
		notice: 'TikTok takes no first comment (item 1, target 2)',
		skipped: true,
	},
	{
		node: 'schedulala',
		name: 'a YouTube title of 101 characters',
		post: {
			platforms: targets('schedulala', 'youtube'),
			platformOptions: { youtube: { title: 't'.repeat(101) } },
		},
		notice: "YouTube's Title is 101 characters; YouTube takes 100 (item 1, target 1)",
	},
	{
		node: 'socialSyncer',
		name: 'an Instagram first comment of 1001 bytes (501 characters)',
		post: {
			platforms: targets('socialSyncer', 'instagram'),
			platformOptions: { instagram: { firstComment: firstCommentOf(1001) } },
		},
		notice: "Instagram's First Comment is 1001 bytes; Instagram takes 1000 (item 1, target 1)",
	},
	{
		node: 'schedulala',
		name: 'an Instagram first comment of 1001 bytes (501 characters)',
		post: {
			platforms: targets('schedulala', 'instagram'),
			platformOptions: { instagram: { firstComment: firstCommentOf(1001) } },
		},
		notice: "Instagram's First Comment is 1001 bytes; Instagram takes 1000 (item 1, target 1)",
	},
	{
		node: 'socialSyncer',
		name: 'an Instagram Story with a first comment',
		post: {
			platforms: targets('socialSyncer', 'instagram'),
			platformOptions: { instagram: { postType: 'story', firstComment: 'Hi' } },
		},
		notice: 'Instagram Stories take no first comment (item 1, target 1)',
		skipped: true,
	},
	{
		node: 'schedulala',
		name: 'an Instagram Story with a first comment',
		post: {
			platforms: targets('schedulala', 'instagram'),
			platformOptions: { instagram: { postType: 'story', firstComment: 'Hi' } },
		},
		notice: 'Instagram Stories take no first comment (item 1, target 1)',
		skipped: true,
	},
];

/**
 * By default the post goes out as before this check existed, with a hint. What comes back is
 * the API's answer: the post with `platformNotices`, or (a platform the API refuses the whole
 * post for) the API's own error under Continue; the hint is shown either way.
 */
function expectSentWithHint(
	result: RunResult,
	node: NodeName,
	notice: string,
	skipped = false,
): void {
	expect(createsTo(sims[node])).toHaveLength(1);
	const hints = hintsOf(result);
	// A part the API skips (a first comment where none is taken) is said as skipped, not refused.
	const outcome = skipped ? 'skip it and publish the rest' : 'refuse it';
	expect(hints).toEqual(
		expect.arrayContaining([
			expect.stringMatching(
				new RegExp(`^${escape(notice)}: the API is expected to ${outcome}\\. `),
			),
		]),
	);
	const item = result.main[0].json;
	if (item.error !== undefined) {
		expect(item.error).toMatchObject({ httpCode: 400 });
		expect((item.error as IDataObject).code).not.toBe('INVALID_PARAMETER');
	} else {
		expect(item.platformNotices).toEqual(hints);
	}
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(content)('$node content rule: $name', ({ node, post, notice, items, skipped }) => {
	const parameters = (strict: boolean) =>
		params[node]({
			media: media(VIDEO),
			...post,
			options: {
				...NO_URL_CHECK,
				...((post.options as IDataObject) ?? {}),
				checkPlatformRules: strict,
			},
		});

	it('by default: sent as before, with an execution hint and platformNotices', async () => {
		const result = await run(node, {
			parameters: parameters(false),
			items,
			onError: 'continueRegularOutput',
		});
		expectSentWithHint(result, node, notice, skipped);
	});

	it('with Check Platform Rules on: refused before any request', async () => {
		const result = await run(node, {
			parameters: parameters(true),
			items,
			onError: 'continueRegularOutput',
		});
		const error = itemError(result.main[0]);
		expect(error.code).toBe('INVALID_PARAMETER');
		expect(error.message).toBe(notice);
		expect(error.description).toMatch(
			/Nothing was sent \(Options → Check Platform Rules is on\)\.$/,
		);
		expect(sims[node].requests).toHaveLength(0);
		expect(hintsOf(result)).toEqual([]);
	});
});

describe('content rules: what passes, and several items', () => {
	it('the API refusing the whole post (Schedulala, X too long): its error item, and the hint still shown', async () => {
		const result = await run('schedulala', {
			parameters: params.schedulala({ platforms: targets('schedulala', 'twitter') }),
			items: [{ text: TOO_LONG_FOR_X }],
			onError: 'continueRegularOutput',
		});
		// The simulator refuses X text over 280 characters, as Schedulala's docs say.
		expect(itemError(result.main[0])).toMatchObject({ httpCode: 400, code: 'validation_error' });
		expect(hintsOf(result)).toEqual([
			'The text for X (target 1) is 305 characters; X takes 280 (item 1, target 1): the API is expected to refuse it. Shorten it, or give target 1 a shorter Text Override.',
		]);
	});

	it.each(['socialSyncer', 'schedulala'] as const)(
		'%s: a post within every limit passes with Check Platform Rules on, no hint',
		async (node) => {
			const result = await run(node, {
				parameters: params[node]({
					platforms: targets(node, 'twitter', 'instagram', 'tiktok'),
					media: media(VIDEO),
					platformOptions: {
						tiktok: TIKTOK_TYPED[node],
						instagram: { postType: 'reel', firstComment: firstCommentOf(1000) },
					},
					options: { ...NO_URL_CHECK, checkPlatformRules: true },
				}),
				items: [{ text: 'x'.repeat(280) }],
			});
			expect(result.error).toBeUndefined();
			expect(createsTo(sims[node])).toHaveLength(1);
			expect(result.main[0].json.platformNotices).toBeUndefined();
			expect(hintsOf(result)).toEqual([]);
		},
	);

	it('a Text Override within the limit: the long Content is not measured for that target', async () => {
		const result = await run('socialSyncer', {
			parameters: params.socialSyncer({
				platforms: {
					target: [
						{ platform: 'facebook', accountId: 'fb_456' },
						{ platform: 'twitter', accountId: 'tw_789', content: 'Short for X' },
					],
				},
				options: { ...NO_URL_CHECK, checkPlatformRules: true },
			}),
			items: [{ text: TOO_LONG_FOR_X }],
		});
		expect(result.error).toBeUndefined();
		expect(createsTo(sims.socialSyncer)).toHaveLength(1);
	});

	it.each(['socialSyncer', 'schedulala'] as const)(
		'%s: item 2 refused under Continue, items 1 and 3 posted, each output paired to its item',
		async (node) => {
			const result = await run(node, {
				parameters: params[node]({
					platforms: targets(node, 'twitter'),
					options: { ...NO_URL_CHECK, checkPlatformRules: true },
				}),
				items: [{ text: 'First' }, { text: TOO_LONG_FOR_X }, { text: 'Third' }],
				onError: 'continueRegularOutput',
			});
			expect(result.main).toHaveLength(3);
			expect(result.main.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(result.main[0].json.id).toBeDefined();
			expect(result.main[2].json.id).toBeDefined();
			expect(itemError(result.main[1])).toMatchObject({
				code: 'INVALID_PARAMETER',
				message: 'The text for X (target 1) is 305 characters; X takes 280 (item 2, target 1)',
				details: { field: 'content' },
			});
			expect(createsTo(sims[node]).map((body) => body.content)).toEqual(['First', 'Third']);
		},
	);
});
