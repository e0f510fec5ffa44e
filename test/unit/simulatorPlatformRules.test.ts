import { SCHEDULALA_KEY, SOCIAL_KEY, serveDuringTests } from '../support/helpers';
import { createSchedulalaSimulator } from '../support/simulators/schedulala';
import { createSocialSyncerSimulator } from '../support/simulators/socialsyncer';

// The simulators check each platform's documented rules the way each API does, over real
// HTTP: Schedulala refuses the whole post (400 validation_error), SocialSyncerAPI refuses a
// TikTok post without privacy or consent and fails only the target whose content breaks its
// platform's rules. Both keep the settings they received and return them on reads.

const socialSyncer = createSocialSyncerSimulator();
const schedulala = createSchedulalaSimulator();
const socialUrl = serveDuringTests(socialSyncer);
const schedulalaUrl = serveDuringTests(schedulala);

interface Answer {
	status: number;
	/** The body parsed, read field by field as JSON.parse gives it. */
	json: ReturnType<typeof JSON.parse>;
}

async function call(
	baseUrl: string,
	apiKey: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<Answer> {
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${apiKey}`,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

const sched = async (method: string, path: string, body?: unknown) =>
	await call(schedulalaUrl(), SCHEDULALA_KEY, method, path, body);
const social = async (method: string, path: string, body?: unknown) =>
	await call(socialUrl(), SOCIAL_KEY, method, path, body);

const IMAGE = { type: 'image', url: 'https://cdn.example.com/a.jpg' };
const VIDEO = { type: 'video', url: 'https://cdn.example.com/v.mp4' };
const TIKTOK = { privacy: 'PUBLIC_TO_EVERYONE', postMode: 'direct' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A Schedulala post published now to `platforms`, with `extra` fields. */
const post = <E extends Record<string, unknown>>(platforms: unknown[], extra: E = {} as E) => ({
	content: 'Hello',
	platforms,
	publishNow: true,
	...extra,
});

describe('Schedulala: per-platform rules refuse the whole post', () => {
	// [rule, accepted body, refused body, the refusal's details]
	const cases: Array<[string, unknown, unknown, Record<string, unknown>]> = [
		[
			'TikTok needs a privacy level',
			post(['tiktok'], { mediaItems: [VIDEO], platformSettings: { tiktok: TIKTOK } }),
			post(['tiktok'], {
				mediaItems: [VIDEO],
				platformSettings: { tiktok: { postMode: 'direct' } },
			}),
			{ field: 'platformSettings.tiktok.privacy', platform: 'tiktok', reason: 'required' },
		],
		[
			'TikTok needs a post mode',
			post(['tiktok'], { platformSettings: { tiktok: { ...TIKTOK, postMode: 'inbox' } } }),
			post(['tiktok'], { platformSettings: { tiktok: { privacy: 'PUBLIC_TO_EVERYONE' } } }),
			{ field: 'platformSettings.tiktok.postMode', platform: 'tiktok', reason: 'required' },
		],
		[
			'TikTok branded content cannot be private',
			post(['tiktok'], { platformSettings: { tiktok: { ...TIKTOK, brandedContent: true } } }),
			post(['tiktok'], {
				platformSettings: { tiktok: { ...TIKTOK, privacy: 'SELF_ONLY', brandedContent: true } },
			}),
			{
				field: 'platformSettings.tiktok.privacy',
				platform: 'tiktok',
				reason: 'branded_content_private',
			},
		],
		[
			'YouTube needs a video',
			post(['youtube'], { mediaItems: [VIDEO], platformSettings: { youtube: { title: 'T' } } }),
			post(['youtube'], { mediaItems: [IMAGE], platformSettings: { youtube: { title: 'T' } } }),
			{ field: 'mediaItems', platform: 'youtube', reason: 'required' },
		],
		[
			'YouTube needs a title',
			post(['youtube'], {
				mediaItems: [VIDEO],
				platformSettings: { youtube: { title: 'x'.repeat(100), privacyStatus: 'unlisted' } },
			}),
			post(['youtube'], {
				mediaItems: [VIDEO],
				platformSettings: { youtube: { privacyStatus: 'public' } },
			}),
			{ field: 'platformSettings.youtube.title', platform: 'youtube', reason: 'required' },
		],
		[
			'YouTube title at most 100 characters',
			post(['youtube'], {
				mediaItems: [VIDEO],
				platformSettings: { youtube: { title: 'x'.repeat(100) } },
			}),
			post(['youtube'], {
				mediaItems: [VIDEO],
				platformSettings: { youtube: { title: 'x'.repeat(101) } },
			}),
			{
				field: 'platformSettings.youtube.title',
				platform: 'youtube',
				reason: 'too_long',
				limit: 100,
			},
		],
		[
			'YouTube description at most 5000 characters',
			post(['youtube'], {
				mediaItems: [VIDEO],
				platformSettings: { youtube: { title: 'T', description: 'x'.repeat(5000) } },
			}),
			post(['youtube'], {
				mediaItems: [VIDEO],
				platformSettings: { youtube: { title: 'T', description: 'x'.repeat(5001) } },
			}),
			{ field: 'platformSettings.youtube.description', platform: 'youtube', reason: 'too_long' },
		],
		[
			'Pinterest title at most 100 characters',
			post(['pinterest'], {
				mediaItems: [IMAGE],
				platformSettings: { pinterest: { boardName: 'B', title: 'x'.repeat(100) } },
			}),
			post(['pinterest'], {
				mediaItems: [IMAGE],
				platformSettings: { pinterest: { boardName: 'B', title: 'x'.repeat(101) } },
			}),
			{
				field: 'platformSettings.pinterest.title',
				platform: 'pinterest',
				reason: 'too_long',
				limit: 100,
			},
		],
		[
			'Pinterest description at most 500 characters',
			post(['pinterest'], {
				mediaItems: [IMAGE],
				platformSettings: { pinterest: { description: 'x'.repeat(500) } },
			}),
			post(['pinterest'], {
				mediaItems: [IMAGE],
				platformSettings: { pinterest: { description: 'x'.repeat(501) } },
			}),
			{
				field: 'platformSettings.pinterest.description',
				platform: 'pinterest',
				reason: 'too_long',
				limit: 500,
			},
		],
		[
			'Instagram needs media',
			post(['instagram'], { mediaItems: [IMAGE] }),
			post(['instagram']),
			{ field: 'mediaItems', platform: 'instagram', reason: 'required' },
		],
		[
			'Google Business takes exactly one image',
			post(['google-business'], { mediaItems: [IMAGE] }),
			post(['google-business'], { mediaItems: [IMAGE, IMAGE] }),
			{ field: 'mediaItems', platform: 'google-business', reason: 'invalid' },
		],
		[
			'Google Business takes no video',
			post(['google-business'], { mediaItems: [IMAGE] }),
			post(['google-business'], { mediaItems: [VIDEO] }),
			{ field: 'mediaItems', platform: 'google-business', reason: 'invalid' },
		],
		[
			'Mastodon takes at most 4 images',
			post(['mastodon'], { mediaItems: [IMAGE, IMAGE, IMAGE, IMAGE] }),
			post(['mastodon'], { mediaItems: [IMAGE, IMAGE, IMAGE, IMAGE, IMAGE] }),
			{ field: 'mediaItems', platform: 'mastodon', reason: 'too_many', limit: 4 },
		],
		[
			'a per-platform text override is measured instead of the post text',
			post(['twitter'], {
				content: 'x'.repeat(400),
				platformSettings: { twitter: { content: 'Short' } },
			}),
			post(['twitter'], { platformSettings: { twitter: { content: 'x'.repeat(281) } } }),
			{
				field: 'platformSettings.twitter.content',
				platform: 'twitter',
				reason: 'too_long',
				limit: 280,
			},
		],
		[
			"a target's own text is measured instead of the post text",
			post([{ platform: 'twitter', content: 'Short' }], { content: 'x'.repeat(400) }),
			post([{ platform: 'twitter', content: 'x'.repeat(281) }]),
			{ field: 'platforms[0].content', platform: 'twitter', reason: 'too_long', limit: 280 },
		],
		[
			'a first comment needs a platform that takes one',
			post(['tiktok', 'twitter'], {
				platformSettings: { tiktok: TIKTOK },
				firstComment: 'Link in bio',
			}),
			post(['tiktok', 'pinterest'], {
				platformSettings: { tiktok: TIKTOK },
				firstComment: 'Link in bio',
			}),
			{ field: 'firstComment', reason: 'unsupported' },
		],
		[
			"Instagram's first comment is at most 1000 UTF-8 bytes",
			post(['instagram'], { mediaItems: [IMAGE], firstComment: 'é'.repeat(500) }),
			post(['instagram'], {
				mediaItems: [IMAGE],
				platformSettings: { instagram: { firstComment: 'é'.repeat(501) } },
			}),
			{
				field: 'platformSettings.instagram.firstComment',
				platform: 'instagram',
				reason: 'too_long',
				limit: 1000,
				length: 1002,
			},
		],
	];

	it.each(cases)('%s', async (_rule, accepted, refused, details) => {
		const ok = await sched('POST', '/posts', accepted);
		expect(ok.status).toBe(201);
		expect(ok.json.post.status).toBe('posted');
		const no = await sched('POST', '/posts', refused);
		expect(no.status).toBe(400);
		expect(no.json.error.code).toBe('validation_error');
		expect(no.json.error.details).toMatchObject(details);
		expect(schedulala.posts.size).toBe(1);
		// Validate reports the same problem without posting, and passes the accepted post.
		const checked = await sched('POST', '/posts/validate', refused);
		expect(checked.json.data).toMatchObject({
			valid: false,
			errors: [{ code: 'validation_error', message: no.json.error.message, details }],
		});
		expect((await sched('POST', '/posts/validate', accepted)).json.data.valid).toBe(true);
		expect(schedulala.posts.size).toBe(1);
	});

	it.each([
		['twitter', 280],
		['bluesky', 300],
		['threads', 500],
		['mastodon', 500],
		['google-business', 1500],
		['instagram', 2200],
		['tiktok', 2200],
		['linkedin', 3000],
		['telegram', 4096],
		['facebook', 63206],
	])('text on %s: at most %i characters', async (platform, limit) => {
		const extra = {
			mediaItems: [IMAGE],
			platformSettings: { tiktok: TIKTOK },
		};
		const ok = await sched(
			'POST',
			'/posts',
			post([platform], { ...extra, content: 'x'.repeat(limit) }),
		);
		expect(ok.status).toBe(201);
		const no = await sched(
			'POST',
			'/posts',
			post([platform], { ...extra, content: 'x'.repeat(limit + 1) }),
		);
		expect(no.status).toBe(400);
		expect(no.json.error).toMatchObject({
			code: 'validation_error',
			message: `Content too long for ${platform}`,
			details: { field: 'content', platform, reason: 'too_long', limit, length: limit + 1 },
		});
	});

	it('PDFs only on LinkedIn', async () => {
		const pdf = { type: 'pdf', url: 'https://cdn.example.com/deck.pdf' };
		const ok = await sched(
			'POST',
			'/posts',
			post(['linkedin'], {
				mediaItems: [pdf],
				platformSettings: { linkedin: { documentTitle: 'Deck' } },
			}),
		);
		expect(ok.status).toBe(201);
		const no = await sched('POST', '/posts', post(['linkedin', 'twitter'], { mediaItems: [pdf] }));
		expect(no.status).toBe(415);
		expect(no.json.error.code).toBe('unsupported_media');
	});

	it('a draft is not checked against the platform rules, and an update is', async () => {
		const draft = await sched('POST', '/posts', {
			content: 'Hello',
			platforms: ['tiktok', 'youtube'],
			status: 'draft',
		});
		expect(draft.status).toBe(201);
		const scheduled = await sched('POST', '/posts', {
			...post(['tiktok'], { platformSettings: { tiktok: TIKTOK } }),
			publishNow: undefined,
			scheduledFor: inDays(2),
		});
		const id = String(scheduled.json.post._id);
		const refused = await sched('PATCH', `/posts/${id}`, {
			platformSettings: { tiktok: { privacy: 'SELF_ONLY' } },
		});
		expect(refused.status).toBe(400);
		expect(refused.json.error.details).toMatchObject({
			field: 'platformSettings.tiktok.postMode',
			platform: 'tiktok',
		});
		expect(schedulala.posts.get(id).platformSettings).toEqual({ tiktok: TIKTOK });
		const settings = { tiktok: { ...TIKTOK, privacy: 'SELF_ONLY', allowComments: false } };
		const updated = await sched('PATCH', `/posts/${id}`, { platformSettings: settings });
		expect(updated.status).toBe(200);
		expect((await sched('GET', `/posts/${id}`)).json.data.platformSettings).toEqual(settings);
	});

	it('bulk: an entry breaking a rule is refused by its index, the others are created', async () => {
		const answer = await sched('POST', '/posts/bulk', {
			posts: [post(['tiktok'], { platformSettings: { tiktok: TIKTOK } }), post(['tiktok'])],
		});
		expect(answer.json.data.results.map((result: { success: boolean }) => result.success)).toEqual([
			true,
			false,
		]);
		expect(answer.json.data.results[1].error.details).toMatchObject({
			field: 'platformSettings.tiktok.privacy',
		});
	});

	it('a first comment is skipped, with a warning, where it cannot go; the post publishes', async () => {
		const body = post(['tiktok', 'instagram', 'twitter'], {
			mediaItems: [IMAGE],
			firstComment: 'Link in bio',
			platformSettings: { tiktok: TIKTOK, instagram: { postType: 'story' } },
		});
		const warnings = [
			'First comment skipped on tiktok',
			'First comment skipped on instagram (stories take no comments)',
		];
		expect((await sched('POST', '/posts/validate', body)).json.data).toEqual({
			valid: true,
			errors: [],
			warnings,
		});
		const created = await sched('POST', '/posts', body);
		expect(created.json.post).toMatchObject({ status: 'posted', warnings });
		const read = await sched('GET', `/posts/${String(created.json.post._id)}`);
		expect(read.json.data.warnings).toEqual(warnings);
	});

	it('stores the settings it received: Get Post and Get Many return them, the request is recorded', async () => {
		const body = post(
			['tiktok', 'youtube', 'instagram', 'pinterest', 'linkedin', 'mastodon', 'twitter', 'threads'],
			{
				mediaItems: [
					{ ...VIDEO, thumbnailUrl: 'https://cdn.example.com/thumb.jpg' },
					{ ...IMAGE, altText: 'A lemon sorbet' },
				],
				firstComment: 'More at example.com',
				platformSettings: {
					tiktok: {
						...TIKTOK,
						allowComments: true,
						allowDuet: false,
						allowStitch: false,
						brandedContent: false,
						brandOrganic: true,
						aiGenerated: false,
					},
					youtube: { title: 'Sorbet', privacyStatus: 'unlisted', description: 'How we make it' },
					instagram: { postType: 'reel', shareToFeed: true, firstComment: 'Recipe below' },
					pinterest: {
						boardName: 'Desserts',
						link: 'https://example.com',
						title: 'Sorbet',
						description: 'Cold',
					},
					linkedin: { documentTitle: 'Menu' },
					mastodon: { visibility: 'unlisted' },
					twitter: { replySettings: 'following', content: 'Sorbet on X' },
					threads: { locationName: 'Lisbon' },
				},
			},
		);
		const created = await sched('POST', '/posts', body);
		expect(created.status).toBe(201);
		const id = String(created.json.post._id);
		const read = (await sched('GET', `/posts/${id}`)).json.data;
		expect(read).toMatchObject({
			platformSettings: body.platformSettings,
			mediaItems: body.mediaItems,
			firstComment: 'More at example.com',
			warnings: ['First comment skipped on tiktok', 'First comment skipped on pinterest'],
		});
		const listed = (await sched('GET', '/posts')).json.data;
		expect(listed[0]).toMatchObject({
			id,
			platformSettings: body.platformSettings,
			mediaItems: body.mediaItems,
		});
		expect(schedulala.requestsTo('POST', '/posts')[0].body).toEqual(body);
	});
});

/** A SocialSyncerAPI post published now. */
const sPost = <E extends Record<string, unknown>>(platforms: unknown[], extra: E = {} as E) => ({
	content: 'Hello',
	platforms,
	publishNow: true,
	...extra,
});
const TT = { platform: 'tiktok', accountId: 'tt_321' };
const IG = { platform: 'instagram', accountId: 'ig_123' };
const FB = { platform: 'facebook', accountId: 'fb_456' };
const CONSENT = {
	privacy_level: 'PUBLIC_TO_EVERYONE',
	content_preview_confirmed: true,
	express_consent_given: true,
};

describe('SocialSyncerAPI: TikTok without privacy or consent is refused', () => {
	const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, RegExp]> = [
		[
			'privacy level required',
			{ tiktokSettings: CONSENT },
			{ tiktokSettings: { ...CONSENT, privacy_level: undefined } },
			/privacy_level is required/,
		],
		[
			'preview confirmation required',
			{ tiktokSettings: CONSENT },
			{ tiktokSettings: { ...CONSENT, content_preview_confirmed: false } },
			/content_preview_confirmed must be true/,
		],
		[
			'express consent required',
			{ tiktokSettings: CONSENT },
			{ tiktokSettings: { ...CONSENT, express_consent_given: undefined } },
			/express_consent_given must be true/,
		],
		['no settings at all', { tiktokSettings: CONSENT }, {}, /privacy_level is required/],
		[
			'branded content cannot be private',
			{ tiktokSettings: { ...CONSENT, brand_content_toggle: true } },
			{ tiktokSettings: { ...CONSENT, privacy_level: 'SELF_ONLY', brand_content_toggle: true } },
			/cannot be posted with privacy_level SELF_ONLY/,
		],
		[
			"a target's platformSpecificData completes the root settings",
			{
				tiktokSettings: { privacy_level: 'FOLLOWER_OF_CREATOR' },
				platforms: [
					{
						...TT,
						platformSpecificData: { content_preview_confirmed: true, express_consent_given: true },
					},
				],
			},
			{ tiktokSettings: { privacy_level: 'FOLLOWER_OF_CREATOR' } },
			/content_preview_confirmed and tiktokSettings.express_consent_given must be true/,
		],
	];

	it.each(cases)('%s', async (_rule, accepted, refused, message) => {
		const ok = await social('POST', '/posts', sPost([TT], { mediaItems: [VIDEO], ...accepted }));
		expect(ok.status).toBe(201);
		expect(ok.json.status).toBe('published');
		const no = await social('POST', '/posts', sPost([TT, FB], { mediaItems: [VIDEO], ...refused }));
		expect(no.status).toBe(400);
		expect(no.json.code).toBe('VALIDATION_ERROR');
		expect(no.json.error).toMatch(message);
		expect(socialSyncer.posts.size).toBe(1);
	});

	it('a draft is not refused; an update of a scheduled post is', async () => {
		expect(
			(await social('POST', '/posts', { content: 'Hello', platforms: [TT], isDraft: true })).status,
		).toBe(201);
		const scheduled = await social(
			'POST',
			'/posts',
			sPost([TT], {
				mediaItems: [VIDEO],
				tiktokSettings: CONSENT,
				publishNow: undefined,
				scheduledFor: inDays(2),
			}),
		);
		expect(scheduled.json.status).toBe('scheduled');
		const id = String(scheduled.json.id);
		const refused = await social('PUT', `/posts/${id}`, {
			tiktokSettings: { privacy_level: 'SELF_ONLY' },
		});
		expect(refused.status).toBe(400);
		expect(refused.json.code).toBe('VALIDATION_ERROR');
		const settings = { ...CONSENT, privacy_level: 'SELF_ONLY', allow_comment: false };
		expect((await social('PUT', `/posts/${id}`, { tiktokSettings: settings })).status).toBe(200);
		expect((await social('GET', `/posts/${id}`)).json.tiktokSettings).toEqual(settings);
	});
});

describe("SocialSyncerAPI: a platform's content problem fails that target, the others publish", () => {
	// [rule, the target, accepted extra fields, refused extra fields, the target's error]
	const cases: Array<
		[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, RegExp]
	> = [
		[
			'X text at most 280',
			{ platform: 'twitter', accountId: 'tw_789' },
			{ content: 'x'.repeat(280) },
			{ content: 'x'.repeat(281) },
			/281 characters; twitter allows 280/,
		],
		[
			'Threads text at most 500',
			{ platform: 'threads', accountId: 'th_654' },
			{ content: 'x'.repeat(500) },
			{ content: 'x'.repeat(501) },
			/threads allows 500/,
		],
		[
			'Instagram text at most 2200',
			IG,
			{ content: 'x'.repeat(2200) },
			{ content: 'x'.repeat(2201) },
			/instagram allows 2200/,
		],
		[
			'TikTok text at most 2200',
			TT,
			{ content: 'x'.repeat(2200) },
			{ content: 'x'.repeat(2201) },
			/tiktok allows 2200/,
		],
		[
			'Instagram needs media',
			IG,
			{},
			{ mediaItems: [] },
			/Instagram posts require at least one image or video/,
		],
		[
			'TikTok needs media',
			TT,
			{},
			{ mediaItems: [] },
			/TikTok posts require at least one image or video/,
		],
	];

	it.each(cases)('%s', async (_rule, target, accepted, refused, error) => {
		const base = { mediaItems: [IMAGE], tiktokSettings: CONSENT };
		const ok = await social('POST', '/posts', sPost([target, FB], { ...base, ...accepted }));
		expect(ok.json.status).toBe('published');
		const partial = await social('POST', '/posts', sPost([target, FB], { ...base, ...refused }));
		expect(partial.status).toBe(201);
		expect(partial.json.status).toBe('partial');
		expect(partial.json.platforms[0]).toMatchObject({
			platform: target.platform,
			status: 'failed',
		});
		expect(partial.json.platforms[0].error).toMatch(error);
		expect(partial.json.platforms[1]).toMatchObject({ platform: 'facebook', status: 'published' });
	});

	it("a target's customContent is measured instead of the post text", async () => {
		const answer = await social(
			'POST',
			'/posts',
			sPost(
				[
					{ platform: 'twitter', accountId: 'tw_789', customContent: 'Short' },
					{ platform: 'threads', accountId: 'th_654', customContent: 'x'.repeat(501) },
				],
				{ content: 'x'.repeat(400) },
			),
		);
		expect(answer.json.platforms.map((target: { status: string }) => target.status)).toEqual([
			'published',
			'failed',
		]);
	});

	it("Instagram's first comment is at most 1000 UTF-8 bytes", async () => {
		const withComment = (comment: string) =>
			sPost([{ ...IG, platformSpecificData: { firstComment: comment } }, FB], {
				mediaItems: [IMAGE],
			});
		expect((await social('POST', '/posts', withComment('é'.repeat(500)))).json.status).toBe(
			'published',
		);
		const partial = await social('POST', '/posts', withComment('é'.repeat(501)));
		expect(partial.json.status).toBe('partial');
		expect(partial.json.platforms[0].error).toBe(
			'First comment is 1002 bytes; Instagram allows 1000',
		);
	});

	it('a scheduled post fails the target when its time comes, and a retry fails it again', async () => {
		const created = await social(
			'POST',
			'/posts',
			sPost([{ platform: 'twitter', accountId: 'tw_789' }, FB], {
				content: 'x'.repeat(300),
				publishNow: undefined,
				scheduledFor: inDays(1),
			}),
		);
		expect(created.json.status).toBe('scheduled');
		const id = String(created.json.id);
		const published = await socialSyncer.publishScheduled(id);
		expect(published.status).toBe('partial');
		const retried = await social('POST', `/posts/${id}/retry`);
		expect(retried.json.platforms[0]).toMatchObject({
			status: 'failed',
			error: 'Text is 300 characters; twitter allows 280',
		});
	});
});

it('SocialSyncerAPI stores the settings it received: Get Post and Get Many return them', async () => {
	const instagram = {
		postType: 'reel',
		shareToFeed: true,
		collaborators: ['chef'],
		firstComment: 'Recipe below',
	};
	const body = sPost(
		[
			{ ...IG, platformSpecificData: instagram },
			{ ...TT, customContent: 'TikTok text' },
		],
		{
			mediaItems: [
				{ ...VIDEO, thumbnailUrl: 'https://cdn.example.com/thumb.jpg', altText: 'Sorbet' },
			],
			tiktokSettings: {
				...CONSENT,
				allow_comment: true,
				allow_duet: false,
				allow_stitch: false,
				brand_content_toggle: false,
				brand_organic_toggle: true,
				is_aigc: false,
			},
		},
	);
	const created = await social('POST', '/posts', body);
	expect(created.json.status).toBe('published');
	const read = (await social('GET', `/posts/${String(created.json.id)}`)).json;
	expect(read).toMatchObject({
		tiktokSettings: body.tiktokSettings,
		mediaItems: body.mediaItems,
		platforms: [
			{
				platform: 'instagram',
				status: 'published',
				platformSpecificData: instagram,
			},
			{ platform: 'tiktok', status: 'published', customContent: 'TikTok text' },
		],
	});
	const [listed] = (await social('GET', '/posts')).json.posts;
	expect(listed).toMatchObject({ tiktokSettings: body.tiktokSettings, platforms: read.platforms });
	expect(socialSyncer.requestsTo('POST', '/posts')[0].body).toEqual(body);
});
