/**
 * Per-platform settings from an AI agent (the nodes as tools), through n8n-core's engine: the
 * model's tiktokPrivacy, tiktokPostMode, youtubeTitle, instagramPostType and firstCommentText
 * reach the request, never over what the node sets itself; a value outside the list and a
 * missing required setting come back as a tool error that says which argument to set, or that
 * only the user can (TikTok's consent).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createParams, FAST_RETRIES, schedulalaCreateParams } from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName } from '../support/engine/harness';
import { createsTo, NO_URL_CHECK, VIDEO } from '../support/engine/platformPosts';
import { toolPostFields } from '../../nodes/shared/descriptions/toolFields';
import { schedulalaPlatformSettings } from '../../nodes/Schedulala/platformSettings';
import { socialSyncerPlatformSettings } from '../../nodes/SocialSyncer/platformSettings';

const { sims, run } = useBothSimulators();

const GROUPS = {
	socialSyncer: socialSyncerPlatformSettings.groups,
	schedulala: schedulalaPlatformSettings.groups,
};

/** The tool node as a user adds it: its tool-only fields keep their $fromAI defaults. */
function toolParams(node: NodeName, extra: IDataObject = {}): INodeParameters {
	const defaults = Object.fromEntries(
		toolPostFields(GROUPS[node]).map((field) => [field.name, field.default]),
	);
	const base = node === 'socialSyncer' ? createParams : schedulalaCreateParams;
	return base({
		...defaults,
		platforms: {},
		content: '',
		requestOptions: { ...FAST_RETRIES, requestsPerMinute: 0 },
		...extra,
		options: { ...NO_URL_CHECK, ...((extra.options as IDataObject) ?? {}) },
	} as INodeParameters);
}

const CONSENT_JSON = '{"content_preview_confirmed": true, "express_consent_given": true}';

const toolError = (json: IDataObject) => json.error as IDataObject;

describe('Schedulala as a tool: the model sets the common settings', () => {
	it('tiktokPrivacy, tiktokPostMode, youtubeTitle, instagramPostType and firstCommentText reach the body', async () => {
		const result = await run('schedulala', {
			asTool: true,
			parameters: toolParams('schedulala'),
			items: [
				{
					content: 'Leek soup is back',
					targets: 'tiktok, youtube, instagram',
					mediaUrls: VIDEO.url,
					tiktokPrivacy: 'MUTUAL_FOLLOW_FRIENDS',
					tiktokPostMode: 'inbox',
					youtubeTitle: 'Leek soup',
					instagramPostType: 'reel',
					firstCommentText: 'Recipe on our site',
				},
			],
		});
		expect(toolError(result.main[0].json)).toBeUndefined();
		const [body] = createsTo(sims.schedulala);
		expect(body).toMatchObject({
			platforms: [{ platform: 'tiktok' }, { platform: 'youtube' }, { platform: 'instagram' }],
			mediaItems: [VIDEO],
			platformSettings: {
				tiktok: { privacy: 'MUTUAL_FOLLOW_FRIENDS', postMode: 'inbox' },
				youtube: { title: 'Leek soup' },
				instagram: { postType: 'reel' },
			},
			// Schedulala's post-wide first comment (TikTok skips it: said in a hint).
			firstComment: 'Recipe on our site',
		});
	});

	it("the node's own typed and JSON values win over the model's", async () => {
		const result = await run('schedulala', {
			asTool: true,
			parameters: toolParams('schedulala', {
				platformOptions: {
					tiktok: { privacy: 'FOLLOWER_OF_CREATOR', postMode: 'direct' },
					instagram: { postType: 'story' },
				},
				platformSettings: '{"youtube": {"title": "Set by the user"}}',
				options: { firstComment: 'The user’s comment' },
			}),
			items: [
				{
					content: 'Leek soup is back',
					targets: 'tiktok, youtube, instagram',
					mediaUrls: VIDEO.url,
					tiktokPrivacy: 'PUBLIC_TO_EVERYONE',
					tiktokPostMode: 'inbox',
					youtubeTitle: 'Set by the model',
					instagramPostType: 'feed',
					firstCommentText: 'The model’s comment',
				},
			],
		});
		expect(toolError(result.main[0].json)).toBeUndefined();
		const [body] = createsTo(sims.schedulala);
		expect(body.platformSettings).toMatchObject({
			tiktok: { privacy: 'FOLLOWER_OF_CREATOR', postMode: 'direct' },
			youtube: { title: 'Set by the user' },
			instagram: { postType: 'story' },
		});
		expect(body.firstComment).toBe('The user’s comment');
	});

	it.each([
		[
			'tiktokPrivacy',
			'EVERYONE',
			'PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR, SELF_ONLY',
		],
		['tiktokPostMode', 'publish', 'direct, inbox'],
		['instagramPostType', 'carousel', 'feed, reel, story'],
	])(
		'a bad %s (%s) is refused naming the argument, nothing sent',
		async (argument, value, choices) => {
			const result = await run('schedulala', {
				asTool: true,
				parameters: toolParams('schedulala'),
				items: [
					{
						content: 'Hi',
						targets: 'tiktok, instagram',
						mediaUrls: VIDEO.url,
						tiktokPrivacy: 'SELF_ONLY',
						tiktokPostMode: 'direct',
						[argument]: value,
					},
				],
			});
			const error = toolError(result.main[0].json);
			expect(error).toMatchObject({ code: 'INVALID_PARAMETER', details: { field: argument } });
			expect(error.message).toMatch(
				new RegExp(
					`^${argument} has an unknown value "${value}"\\. Call again with ${argument} set to one of: ${choices}\\.`,
				),
			);
			expect(sims.schedulala.requests).toHaveLength(0);
		},
	);

	it('a TikTok post without privacy: the model is told to call again with "tiktokPrivacy"', async () => {
		const result = await run('schedulala', {
			asTool: true,
			parameters: toolParams('schedulala'),
			items: [
				{
					content: 'Hi',
					targets: 'tiktok',
					mediaUrls: VIDEO.url,
					tiktokPostMode: 'direct',
				},
			],
		});
		const error = toolError(result.main[0].json);
		expect(error).toMatchObject({
			code: 'INVALID_PARAMETER',
			details: { field: 'platformOptions.tiktok.privacy' },
		});
		expect(error.message).toMatch(/^TikTok needs a privacy level \(item 1, target 1\)/);
		expect(error.message).toContain('Call again with the argument "tiktokPrivacy" set.');
		expect(sims.schedulala.requests).toHaveLength(0);
	});

	it('a YouTube post without a title or a video: told which arguments to add', async () => {
		const result = await run('schedulala', {
			asTool: true,
			parameters: toolParams('schedulala'),
			items: [{ content: 'Hi', targets: 'youtube', mediaUrls: 'https://cdn.example.com/a.jpg' }],
		});
		const message = String(toolError(result.main[0].json).message);
		expect(message).toContain('Call again with the argument "youtubeTitle" set.');
		expect(message).toContain('Call again with the argument "mediaUrls" set.');
		expect(sims.schedulala.requests).toHaveLength(0);
	});
});

describe('SocialSyncerAPI as a tool', () => {
	it('tiktokPrivacy reaches tiktokSettings; instagramPostType and firstCommentText the Instagram target', async () => {
		const result = await run('socialSyncer', {
			asTool: true,
			// Only the user can give TikTok's consent: here in the node's TikTok Settings.
			parameters: toolParams('socialSyncer', { options: { tiktokSettings: CONSENT_JSON } }),
			items: [
				{
					content: 'Leek soup is back',
					targets:
						'[{"platform":"tiktok","accountId":"tt_321"},{"platform":"instagram","accountId":"ig_123"}]',
					mediaUrls: VIDEO.url,
					tiktokPrivacy: 'FOLLOWER_OF_CREATOR',
					instagramPostType: 'reel',
					firstCommentText: 'Recipe on our site',
				},
			],
		});
		expect(toolError(result.main[0].json)).toBeUndefined();
		const [body] = createsTo(sims.socialSyncer);
		expect(body.tiktokSettings).toEqual({
			content_preview_confirmed: true,
			express_consent_given: true,
			privacy_level: 'FOLLOWER_OF_CREATOR',
		});
		expect(body.platforms).toEqual([
			{ platform: 'tiktok', accountId: 'tt_321' },
			{
				platform: 'instagram',
				accountId: 'ig_123',
				platformSpecificData: { postType: 'reel', firstComment: 'Recipe on our site' },
			},
		]);
	});

	it("the node's typed privacy and Instagram settings win over the model's", async () => {
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: toolParams('socialSyncer', {
				platformOptions: {
					tiktok: { privacy: 'SELF_ONLY', consent: true },
					instagram: { postType: 'feed', firstComment: 'From the user' },
				},
			}),
			items: [
				{
					content: 'Hi',
					targets:
						'[{"platform":"tiktok","accountId":"tt_321"},{"platform":"instagram","accountId":"ig_123"}]',
					mediaUrls: VIDEO.url,
					tiktokPrivacy: 'PUBLIC_TO_EVERYONE',
					instagramPostType: 'story',
					firstCommentText: 'From the model',
				},
			],
		});
		expect(toolError(result.main[0].json)).toBeUndefined();
		const [body] = createsTo(sims.socialSyncer);
		expect((body.tiktokSettings as IDataObject).privacy_level).toBe('SELF_ONLY');
		expect((body.platforms as IDataObject[])[1].platformSpecificData).toEqual({
			postType: 'feed',
			firstComment: 'From the user',
		});
	});

	it('a TikTok post without privacy: told to call again with "tiktokPrivacy", before the account look-up', async () => {
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: toolParams('socialSyncer', { options: { tiktokSettings: CONSENT_JSON } }),
			items: [{ content: 'Hi', targets: 'tiktok', mediaUrls: VIDEO.url }],
		});
		const error = toolError(result.main[0].json);
		expect(error.details).toEqual({ field: 'platformOptions.tiktok.privacy' });
		expect(error.message).toContain('Call again with the argument "tiktokPrivacy" set.');
		expect(sims.socialSyncer.requests).toHaveLength(0);
	});

	it('consent missing: the model is told only the user can set it, and not to retry', async () => {
		const result = await run('socialSyncer', {
			asTool: true,
			parameters: toolParams('socialSyncer'),
			items: [
				{ content: 'Hi', targets: 'tiktok', mediaUrls: VIDEO.url, tiktokPrivacy: 'SELF_ONLY' },
			],
		});
		const error = toolError(result.main[0].json);
		expect(error).toMatchObject({
			code: 'INVALID_PARAMETER',
			details: { field: 'platformOptions.tiktok.consent' },
		});
		expect(error.message).toMatch(
			/^TikTok needs the creator's confirmation of the content and consent to post \(item 1, target 1\)/,
		);
		expect(error.message).toContain(
			'Only the user can set this in the node (Switch on Platform Settings → TikTok → I Confirm Consent to Post',
		);
		expect(error.message).toContain('ask them to, and do not retry until they have.');
		expect(error.message).not.toContain('Call again with the argument');
		// Refused before anything, the look-up of the TikTok account included.
		expect(sims.socialSyncer.requests).toHaveLength(0);
	});
});
