/**
 * Typed Platform Settings (platformOptions) as the APIs receive them, through n8n-core's engine:
 * every group and key on both nodes, media alt text and thumbnails, typed values over the JSON
 * fields, a workflow saved before the typed fields sending the very same bytes, Update Post,
 * and Get Post / Get Many giving the settings back as the API holds them.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	createParams,
	FAST_RETRIES,
	postIdParams,
	schedulalaCreateParams,
} from '../support/helpers';
import { storeBinary } from '../support/engine/binary';
import { useBothSimulators } from '../support/engine/bothSimulators';
import {
	createsTo,
	media,
	NO_URL_CHECK,
	PHOTO,
	TIKTOK_TYPED,
	VIDEO,
} from '../support/engine/platformPosts';

const { sims, run } = useBothSimulators();

const social = (extra: INodeParameters) =>
	createParams({ options: NO_URL_CHECK, ...extra } as INodeParameters);
const schedulala = (extra: INodeParameters) =>
	schedulalaCreateParams({ options: NO_URL_CHECK, ...extra } as INodeParameters);
const targets = (...entries: Array<[string, string?]>) => ({
	target: entries.map(([platform, accountId]) => ({ platform, accountId: accountId ?? '' })),
});

describe('Schedulala: typed settings in platformSettings.<platform>', () => {
	it('TikTok, YouTube and an Instagram Reel: every key, YouTube privacy as privacyStatus', async () => {
		const result = await run('schedulala', {
			parameters: schedulala({
				platforms: targets(['tiktok'], ['youtube'], ['instagram']),
				media: media({
					...VIDEO,
					altText: 'Leek soup',
					thumbnailUrl: 'https://cdn.example.com/c.jpg',
				}),
				platformOptions: {
					tiktok: {
						privacy: 'FOLLOWER_OF_CREATOR',
						postMode: 'inbox',
						allowComments: false,
						allowDuet: true,
						allowStitch: false,
						brandedContent: true,
						brandOrganic: true,
						aiGenerated: true,
					},
					youtube: { title: 'Leek soup', privacy: 'unlisted', description: 'How we make it' },
					instagram: { postType: 'reel', shareToFeed: false, firstComment: 'Recipe in bio' },
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const [body] = createsTo(sims.schedulala);
		expect(body.mediaItems).toEqual([
			{ ...VIDEO, altText: 'Leek soup', thumbnailUrl: 'https://cdn.example.com/c.jpg' },
		]);
		expect(body.platformSettings).toEqual({
			tiktok: {
				privacy: 'FOLLOWER_OF_CREATOR',
				postMode: 'inbox',
				allowComments: false,
				allowDuet: true,
				allowStitch: false,
				brandedContent: true,
				brandOrganic: true,
				aiGenerated: true,
			},
			youtube: { title: 'Leek soup', privacyStatus: 'unlisted', description: 'How we make it' },
			instagram: { postType: 'reel', shareToFeed: false, firstComment: 'Recipe in bio' },
		});
		expect(result.main[0].json.platformNotices).toBeUndefined();
	});

	it('Mastodon, Pinterest, Threads and X, with an image and its alt text', async () => {
		const result = await run('schedulala', {
			parameters: schedulala({
				platforms: targets(['mastodon'], ['pinterest'], ['threads'], ['twitter']),
				media: media({ ...PHOTO, altText: 'A bowl of soup', thumbnailUrl: 'https://x.test/t.jpg' }),
				platformOptions: {
					mastodon: { visibility: 'unlisted' },
					pinterest: {
						boardName: 'Soups',
						link: 'https://example.com/menu',
						title: 'Leek soup',
						description: 'Warm and green',
					},
					threads: { locationName: 'Berlin' },
					twitter: { replySettings: 'following' },
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const [body] = createsTo(sims.schedulala);
		// A thumbnail belongs to a video: an image's is not sent.
		expect(body.mediaItems).toEqual([{ ...PHOTO, altText: 'A bowl of soup' }]);
		expect(body.platformSettings).toEqual({
			mastodon: { visibility: 'unlisted' },
			pinterest: {
				boardName: 'Soups',
				link: 'https://example.com/menu',
				title: 'Leek soup',
				description: 'Warm and green',
			},
			threads: { locationName: 'Berlin' },
			twitter: { replySettings: 'following' },
		});
	});

	it('a LinkedIn PDF with its document title; an Instagram feed post sends no Share to Feed', async () => {
		await run('schedulala', {
			parameters: schedulala({
				platforms: targets(['linkedin']),
				media: media({ type: 'pdf', url: 'https://cdn.example.com/deck.pdf' }),
				platformOptions: { linkedin: { documentTitle: 'Spring menu' } },
			}),
		});
		await run('schedulala', {
			parameters: schedulala({
				platforms: targets(['instagram']),
				media: media(PHOTO),
				platformOptions: { instagram: { postType: 'feed', shareToFeed: false } },
			}),
		});
		const [pdf, feed] = createsTo(sims.schedulala);
		expect(pdf.platformSettings).toEqual({ linkedin: { documentTitle: 'Spring menu' } });
		expect(feed.platformSettings).toEqual({ instagram: { postType: 'feed' } });
	});

	it("X Who Can Reply left empty (everyone, X's default) sends no twitter settings; empty texts are not sent", async () => {
		const result = await run('schedulala', {
			parameters: schedulala({
				platforms: targets(['twitter'], ['pinterest']),
				platformOptions: {
					twitter: { replySettings: '' },
					pinterest: { boardName: 'Soups', link: '', title: '', description: '' },
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const settings = createsTo(sims.schedulala)[0].platformSettings as IDataObject;
		// A group with nothing to send is not sent.
		expect(settings.twitter).toBeUndefined();
		expect(settings.pinterest).toEqual({ boardName: 'Soups' });
	});
});

describe('SocialSyncerAPI: typed settings at the root and per target', () => {
	it('TikTok: every key in snake_case in tiktokSettings, consent as both flags', async () => {
		const result = await run('socialSyncer', {
			parameters: social({
				platforms: targets(['tiktok', 'tt_321']),
				media: media({ ...VIDEO, thumbnailUrl: 'https://cdn.example.com/cover.jpg' }),
				platformOptions: {
					tiktok: {
						privacy: 'MUTUAL_FOLLOW_FRIENDS',
						allowComments: false,
						allowDuet: false,
						allowStitch: true,
						brandedContent: true,
						brandOrganic: true,
						aiGenerated: true,
						consent: true,
					},
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const [body] = createsTo(sims.socialSyncer);
		expect(body.mediaItems).toEqual([
			{ ...VIDEO, thumbnailUrl: 'https://cdn.example.com/cover.jpg' },
		]);
		expect(body.tiktokSettings).toEqual({
			privacy_level: 'MUTUAL_FOLLOW_FRIENDS',
			allow_comment: false,
			allow_duet: false,
			allow_stitch: true,
			brand_content_toggle: true,
			brand_organic_toggle: true,
			is_aigc: true,
			content_preview_confirmed: true,
			express_consent_given: true,
		});
		expect(body.platforms).toEqual([{ platform: 'tiktok', accountId: 'tt_321' }]);
	});

	it("Instagram: each Instagram target's platformSpecificData, collaborators as a list", async () => {
		const result = await run('socialSyncer', {
			parameters: social({
				platforms: targets(['instagram', 'ig_123'], ['twitter', 'tw_789'], ['instagram', 'ig_999']),
				media: media(VIDEO),
				platformOptions: {
					instagram: {
						postType: 'reel',
						shareToFeed: false,
						collaborators: '@partnerbrand, chef.anna ,',
						firstComment: 'Recipe in bio',
					},
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const data = {
			postType: 'reel',
			shareToFeed: false,
			collaborators: ['partnerbrand', 'chef.anna'],
			firstComment: 'Recipe in bio',
		};
		expect(createsTo(sims.socialSyncer)[0].platforms).toEqual([
			{ platform: 'instagram', accountId: 'ig_123', platformSpecificData: data },
			{ platform: 'twitter', accountId: 'tw_789' },
			{ platform: 'instagram', accountId: 'ig_999', platformSpecificData: data },
		]);
		expect(createsTo(sims.socialSyncer)[0].tiktokSettings).toBeUndefined();
	});

	it('an Instagram feed post: Share to Feed (a Reel setting) is not sent, nor empty collaborators', async () => {
		await run('socialSyncer', {
			parameters: social({
				platforms: targets(['instagram', 'ig_123']),
				media: media({ ...PHOTO, altText: 'Soup' }),
				platformOptions: {
					instagram: { postType: 'feed', shareToFeed: true, collaborators: ' , ' },
				},
			}),
		});
		const [body] = createsTo(sims.socialSyncer);
		expect(body.mediaItems).toEqual([{ ...PHOTO, altText: 'Soup' }]);
		expect(body.platforms).toEqual([
			{ platform: 'instagram', accountId: 'ig_123', platformSpecificData: { postType: 'feed' } },
		]);
	});
});

describe.each(['socialSyncer', 'schedulala'] as const)('%s: media Thumbnail URL', (node) => {
	const params = node === 'socialSyncer' ? social : schedulala;
	it('a thumbnail that is not a web address is refused before any request', async () => {
		const result = await run(node, {
			parameters: params({
				platforms: targets(['twitter', node === 'socialSyncer' ? 'tw_789' : '']),
				media: media({ ...VIDEO, thumbnailUrl: 'cover.jpg' }),
			}),
		});
		expect(result.error?.message).toBe("Media item 1's Thumbnail URL is not a web address");
		expect(result.error?.description).toMatch(/"cover\.jpg" is not one/);
		expect(sims[node].requests).toHaveLength(0);
	});
});

describe('typed over JSON: the typed value wins, the other JSON keys stay', () => {
	it('Schedulala: Platform Settings (JSON) and the typed TikTok group', async () => {
		const result = await run('schedulala', {
			parameters: schedulala({
				platforms: targets(['tiktok']),
				media: media(VIDEO),
				platformSettings:
					'{"tiktok": {"privacy": "SELF_ONLY", "postMode": "inbox", "videoCoverTimestampMs": 1500}, "google-business": {"postType": "STANDARD"}}',
				platformOptions: { tiktok: { ...TIKTOK_TYPED.schedulala, allowDuet: false } },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(createsTo(sims.schedulala)[0].platformSettings).toEqual({
			tiktok: {
				privacy: 'PUBLIC_TO_EVERYONE',
				postMode: 'direct',
				videoCoverTimestampMs: 1500,
				allowComments: true,
				allowDuet: false,
				allowStitch: true,
				brandedContent: false,
				brandOrganic: false,
				aiGenerated: false,
			},
			'google-business': { postType: 'STANDARD' },
		});
	});

	it('SocialSyncerAPI: TikTok Settings JSON and the typed group; consent left off keeps the JSON flags', async () => {
		const result = await run('socialSyncer', {
			parameters: social({
				platforms: targets(['tiktok', 'tt_321']),
				media: media(VIDEO),
				platformOptions: { tiktok: { privacy: 'FOLLOWER_OF_CREATOR', consent: false } },
				options: {
					...NO_URL_CHECK,
					tiktokSettings:
						'{"privacy_level": "SELF_ONLY", "content_preview_confirmed": true, "express_consent_given": true, "video_cover_timestamp_ms": 1000, "allow_duet": false}',
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(createsTo(sims.socialSyncer)[0].tiktokSettings).toEqual({
			privacy_level: 'FOLLOWER_OF_CREATOR',
			content_preview_confirmed: true,
			express_consent_given: true,
			video_cover_timestamp_ms: 1000,
			// A switch at its default (Allow Duet on) does not override the JSON: n8n cannot tell it
			// from one the user never touched. The other defaults fill in where the JSON is silent.
			allow_duet: false,
			allow_comment: true,
			allow_stitch: true,
			brand_content_toggle: false,
			brand_organic_toggle: false,
			is_aigc: false,
		});
	});
});

// A workflow saved before the typed fields holds only the JSON: the very same bytes go out.
describe('a workflow saved before this release (JSON only) sends the same body as before', () => {
	it('Schedulala: platformSettings JSON and a first comment', async () => {
		const result = await run('schedulala', {
			parameters: schedulala({
				content: 'New on the menu',
				platforms: targets(['tiktok'], ['twitter']),
				media: media(VIDEO),
				platformSettings:
					'{"tiktok": {"privacy": "PUBLIC_TO_EVERYONE", "postMode": "direct", "allowDuet": false}}',
				options: { ...NO_URL_CHECK, firstComment: 'More soon' },
			}),
		});
		expect(result.error).toBeUndefined();
		// TikTok takes no first comment: said, not refused (the post goes out as before).
		expect(result.main[0].json.platformNotices).toEqual([
			expect.stringMatching(/^TikTok takes no first comment \(item 1, target 1\)/),
		]);
		const [request] = sims.schedulala.requestsTo('POST', '/posts');
		// Parsed and written again, JSON keeps the key order: the same text as the request's.
		expect(JSON.stringify(request.body)).toBe(
			JSON.stringify({
				content: 'New on the menu',
				platforms: [{ platform: 'tiktok' }, { platform: 'twitter' }],
				mediaItems: [VIDEO],
				publishNow: true,
				platformSettings: {
					tiktok: { privacy: 'PUBLIC_TO_EVERYONE', postMode: 'direct', allowDuet: false },
				},
				firstComment: 'More soon',
			}),
		);
	});

	it('SocialSyncerAPI: tiktokSettings and facebookSettings JSON', async () => {
		const tiktok = {
			privacy_level: 'PUBLIC_TO_EVERYONE',
			content_preview_confirmed: true,
			express_consent_given: true,
			allow_comment: false,
		};
		const facebook = { postType: 'reel', link: 'https://example.com' };
		const result = await run('socialSyncer', {
			parameters: social({
				content: 'New on the menu',
				platforms: targets(['tiktok', 'tt_321'], ['facebook', 'fb_456']),
				media: media(VIDEO),
				options: {
					...NO_URL_CHECK,
					tags: 'menu',
					tiktokSettings: JSON.stringify(tiktok),
					facebookSettings: JSON.stringify(facebook),
				},
			}),
		});
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.platformNotices).toBeUndefined();
		const [request] = sims.socialSyncer.requestsTo('POST', '/posts');
		// Parsed and written again, JSON keeps the key order: the same text as the request's.
		expect(JSON.stringify(request.body)).toBe(
			JSON.stringify({
				content: 'New on the menu',
				platforms: [
					{ platform: 'tiktok', accountId: 'tt_321' },
					{ platform: 'facebook', accountId: 'fb_456' },
				],
				mediaItems: [VIDEO],
				publishNow: true,
				tags: ['menu'],
				tiktokSettings: tiktok,
				facebookSettings: facebook,
			}),
		);
	});
});

const HOUR = 3_600_000;
const updateParams = (extra: IDataObject) =>
	({
		resource: 'post',
		operation: 'update',
		postId: 'p_1',
		requestOptions: FAST_RETRIES,
		...extra,
	}) as INodeParameters;

function seedScheduled(node: 'socialSyncer' | 'schedulala', platforms: IDataObject[]): void {
	const post: IDataObject = {
		content: 'Old text',
		status: 'scheduled',
		scheduledFor: new Date(Date.now() + 2 * HOUR).toISOString(),
		timezone: 'UTC',
		mediaItems: [VIDEO],
		platforms: platforms.map((target) => ({ ...target, status: 'scheduled' })),
	};
	sims[node].posts.set(
		'p_1',
		node === 'socialSyncer' ? { id: 'p_1', ...post } : { _id: 'p_1', ...post },
	);
	// The seeded post's TikTok target is valid as the API holds it.
	if (node === 'socialSyncer')
		sims[node].posts.get('p_1').tiktokSettings = {
			privacy_level: 'PUBLIC_TO_EVERYONE',
			content_preview_confirmed: true,
			express_consent_given: true,
		};
	else
		sims[node].posts.get('p_1').platformSettings = {
			tiktok: { privacy: 'PUBLIC_TO_EVERYONE', postMode: 'direct' },
		};
}

describe('Update Post: typed settings', () => {
	it('Schedulala: only settings given → a PATCH with platformSettings, not "Nothing to update"', async () => {
		seedScheduled('schedulala', [{ platform: 'tiktok', accountId: null }]);
		const result = await run('schedulala', {
			parameters: updateParams({
				platformOptions: {
					tiktok: { ...TIKTOK_TYPED.schedulala, privacy: 'FOLLOWER_OF_CREATOR', aiGenerated: true },
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const [patch] = sims.schedulala.requestsTo('PATCH', '/posts/p_1');
		expect(patch.body).toEqual({
			platformSettings: {
				tiktok: {
					// Only what differs from the fields' defaults: an update changes only that.
					privacy: 'FOLLOWER_OF_CREATOR',
					postMode: 'direct',
					aiGenerated: true,
				},
			},
		});
		expect((result.main[0].json.platformSettings as IDataObject).tiktok).toMatchObject({
			privacy: 'FOLLOWER_OF_CREATOR',
		});
	});

	it('SocialSyncerAPI: TikTok settings in the PUT body as tiktokSettings', async () => {
		seedScheduled('socialSyncer', [{ platform: 'tiktok', accountId: 'tt_321' }]);
		const result = await run('socialSyncer', {
			parameters: updateParams({
				platformOptions: { tiktok: { privacy: 'SELF_ONLY', consent: true, allowComments: false } },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sims.socialSyncer.requestsTo('PUT', '/posts/p_1')[0].body).toEqual({
			// Only what differs from the fields' defaults.
			tiktokSettings: {
				privacy_level: 'SELF_ONLY',
				allow_comment: false,
				content_preview_confirmed: true,
				express_consent_given: true,
			},
		});
	});

	it('SocialSyncerAPI: Instagram settings go on the Instagram target of Update Fields → Platforms', async () => {
		seedScheduled('socialSyncer', [{ platform: 'instagram', accountId: 'ig_123' }]);
		const result = await run('socialSyncer', {
			parameters: updateParams({
				updateFields: { platforms: targets(['instagram', 'ig_123'], ['twitter', 'tw_789']) },
				platformOptions: { instagram: { postType: 'story' } },
			}),
		});
		expect(result.error).toBeUndefined();
		expect(sims.socialSyncer.requestsTo('PUT', '/posts/p_1')[0].body).toEqual({
			platforms: [
				{ platform: 'instagram', accountId: 'ig_123', platformSpecificData: { postType: 'story' } },
				{ platform: 'twitter', accountId: 'tw_789' },
			],
		});
	});

	it('SocialSyncerAPI: Instagram settings without an Instagram target are refused, nothing sent', async () => {
		seedScheduled('socialSyncer', [{ platform: 'instagram', accountId: 'ig_123' }]);
		for (const updateFields of [{}, { platforms: targets(['twitter', 'tw_789']) }]) {
			const result = await run('socialSyncer', {
				parameters: updateParams({
					updateFields,
					platformOptions: { instagram: { postType: 'reel' } },
				}),
			});
			expect(result.error?.message).toBe(
				'Platform Settings for instagram need the targets they belong to',
			);
			expect(result.error?.description).toMatch(
				/Add Platforms to Update Fields with the instagram target/,
			);
		}
		expect(sims.socialSyncer.requests).toHaveLength(0);
	});

	it('SocialSyncerAPI: that refusal comes before a file in Update Fields → Media is uploaded', async () => {
		seedScheduled('socialSyncer', [{ platform: 'instagram', accountId: 'ig_123' }]);
		const binary = await storeBinary(Buffer.from('a tiny photo'), 'photo.jpg', 'image/jpeg');
		const result = await run('socialSyncer', {
			parameters: updateParams({
				updateFields: {
					platforms: targets(['twitter', 'tw_789']),
					media: media({ source: 'binary', type: 'auto', binaryPropertyName: 'data' }),
				},
				platformOptions: { instagram: { postType: 'reel' } },
			}),
			binaryItems: [{ json: {}, binary: { data: binary } }],
		});
		expect(result.error?.message).toBe(
			'Platform Settings for instagram need the targets they belong to',
		);
		expect(sims.socialSyncer.requests).toHaveLength(0);
	});

	it.each(['socialSyncer', 'schedulala'] as const)(
		'%s: branded content with Only Me is refused before any request',
		async (node) => {
			seedScheduled(node, [
				{ platform: 'tiktok', accountId: node === 'socialSyncer' ? 'tt_321' : null },
			]);
			const result = await run(node, {
				parameters: updateParams({
					platformOptions: {
						tiktok: { ...TIKTOK_TYPED[node], privacy: 'SELF_ONLY', brandedContent: true },
					},
				}),
				onError: 'continueRegularOutput',
			});
			const error = result.main[0].json.error as IDataObject;
			expect(error).toMatchObject({
				code: 'INVALID_PARAMETER',
				message: expect.stringMatching(
					/^TikTok does not allow branded content to be private \(item 1\b/,
				),
				details: { field: 'platformOptions.tiktok.brandedContent' },
			});
			expect(error.description).toMatch(
				/Choose a Privacy other than Only Me, or switch off Branded Content/,
			);
			expect(sims[node].requests).toHaveLength(0);
		},
	);
});

describe('Get Post and Get Many: the settings as the API holds them', () => {
	it('Schedulala: the platformSettings it stored from a create come back on Get Post', async () => {
		const created = await run('schedulala', {
			parameters: schedulala({
				platforms: targets(['youtube']),
				media: media(VIDEO),
				platformOptions: { youtube: { title: 'Leek soup', privacy: 'private' } },
			}),
		});
		const id = String(created.main[0].json.id);
		const result = await run('schedulala', { parameters: postIdParams('get', id) });
		expect(result.main[0].json.platformSettings).toEqual({
			youtube: { title: 'Leek soup', privacyStatus: 'private' },
		});
	});

	// Seeded as each API returns them: the node outputs them unchanged.
	const stored = {
		socialSyncer: {
			id: 'p_s',
			status: 'scheduled',
			content: 'Soup',
			tiktokSettings: { privacy_level: 'FOLLOWER_OF_CREATOR', is_aigc: true },
			platforms: [
				{
					platform: 'instagram',
					accountId: 'ig_123',
					status: 'scheduled',
					platformSpecificData: { postType: 'reel', collaborators: ['partnerbrand'] },
				},
			],
		},
		schedulala: {
			_id: 'p_s',
			status: 'scheduled',
			content: 'Soup',
			platformSettings: { youtube: { title: 'Leek soup', privacyStatus: 'unlisted' } },
			platforms: [{ platform: 'youtube', accountId: null, status: 'scheduled' }],
		},
	};

	it.each(['socialSyncer', 'schedulala'] as const)('%s: Get Post and Get Many', async (node) => {
		sims[node].posts.set('p_s', structuredClone(stored[node]));
		const one = await run(node, { parameters: postIdParams('get', 'p_s') });
		const many = await run(node, {
			parameters: {
				resource: 'post',
				operation: 'getAll',
				returnAll: true,
				requestOptions: FAST_RETRIES,
			} as INodeParameters,
		});
		for (const item of [one.main[0], many.main[0]]) {
			if (node === 'socialSyncer') {
				expect(item.json.tiktokSettings).toEqual(stored.socialSyncer.tiktokSettings);
				expect((item.json.platforms as IDataObject[])[0].platformSpecificData).toEqual({
					postType: 'reel',
					collaborators: ['partnerbrand'],
				});
			} else {
				expect(item.json.platformSettings).toEqual(stored.schedulala.platformSettings);
			}
		}
	});
});
