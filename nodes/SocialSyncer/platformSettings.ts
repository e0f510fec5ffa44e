// SocialSyncerAPI's per-platform settings: TikTok's (root tiktokSettings, snake_case keys and the
// consent TikTok requires), Instagram's (each Instagram target's platformSpecificData), and the
// platform rules its docs state. Part of its post dialect.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	instagramFirstComment,
	instagramPostType,
	instagramShareToFeed,
	tiktokCommonFields,
	type PlatformGroup,
} from '../shared/descriptions/platformOptions';
import { readJsonObject } from '../shared/input/json';
import {
	INSTAGRAM_FIRST_COMMENT_LIMIT,
	INSTAGRAM_STORY_NO_FIRST_COMMENT,
	TIKTOK_BRANDED_NOT_PRIVATE,
} from '../shared/input/platformFacts';
import type { PlatformSettingsFacts } from '../shared/input/platformInput';
import type { SettingsByPlatform } from '../shared/input/platformSettings';

const groups: PlatformGroup[] = [
	{
		platform: 'instagram',
		displayName: 'Instagram',
		fields: [
			{
				...instagramPostType,
				description: `${instagramPostType.description}. Sent as "postType" in the target's platformSpecificData (a key SocialSyncerAPI's docs do not show).`,
			},
			instagramShareToFeed,
			{
				displayName: 'Collaborators',
				name: 'collaborators',
				type: 'string',
				default: '',
				placeholder: 'e.g. partnerbrand, chef.anna',
				description:
					'Instagram usernames to invite as collaborators, separated by commas. SocialSyncerAPI advertises collaborators but its docs do not show the key: sent as "collaborators" (a list) in the target\'s platformSpecificData.',
			},
			instagramFirstComment,
		],
	},
	{
		platform: 'tiktok',
		displayName: 'TikTok',
		fields: [
			...tiktokCommonFields,
			{
				displayName: 'I Confirm Consent to Post',
				name: 'consent',
				type: 'boolean',
				default: false,
				description:
					'Whether the creator has previewed this content and agrees to it being posted. TikTok requires this confirmation for every post made through its API (sent as content_preview_confirmed and express_consent_given); without it the post is refused before sending.',
			},
		],
	},
];

const onlyTrue = (value: unknown) => (value === true ? true : undefined);
const JSON_HINT = 'or set "%s" in Options → TikTok Settings';

export const socialSyncerPlatformSettings: PlatformSettingsFacts = {
	groups,
	vocabulary: {
		tiktok: {
			privacy: { keys: ['privacy_level'] },
			allowComments: { keys: ['allow_comment'] },
			allowDuet: { keys: ['allow_duet'] },
			allowStitch: { keys: ['allow_stitch'] },
			// Not in the docs' excerpt: TikTok's own Content Posting API names.
			brandedContent: { keys: ['brand_content_toggle'] },
			brandOrganic: { keys: ['brand_organic_toggle'] },
			aiGenerated: { keys: ['is_aigc'] },
			consent: { keys: ['content_preview_confirmed', 'express_consent_given'], send: onlyTrue },
		},
		instagram: {
			collaborators: {
				keys: ['collaborators'],
				send: (value) => {
					const names = String(value)
						.split(',')
						.map((name) => name.trim().replace(/^@/, ''))
						.filter((name) => name !== '');
					return names.length > 0 ? names : undefined;
				},
			},
		},
	},
	toolFirstComment: { platform: 'instagram', field: 'firstComment' },
	rules: {
		names: {
			facebook: 'Facebook',
			instagram: 'Instagram',
			threads: 'Threads',
			tiktok: 'TikTok',
			twitter: 'X',
		},
		required: [
			{
				platform: 'tiktok',
				field: 'privacy',
				what: 'a privacy level',
				fix: `Choose Platform Settings → TikTok → Privacy (there is no default), ${JSON_HINT.replace('%s', 'privacy_level')}.`,
				toolArgument: 'tiktokPrivacy',
			},
			{
				platform: 'tiktok',
				field: 'consent',
				what: "the creator's confirmation of the content and consent to post",
				fix: 'Switch on Platform Settings → TikTok → I Confirm Consent to Post once the creator has checked the post, or set "content_preview_confirmed" and "express_consent_given" to true in Options → TikTok Settings.',
			},
		],
		conflicts: [TIKTOK_BRANDED_NOT_PRIVATE],
		videoRequired: [],
		// Instagram, TikTok and Facebook from SocialSyncerAPI's platform pages; X and Threads are
		// the platforms' own limits (SocialSyncerAPI has no page for them).
		textLimits: { twitter: 280, threads: 500, instagram: 2200, tiktok: 2200, facebook: 63206 },
		mediaRequired: ['instagram', 'tiktok'],
		maxImages: { instagram: 10, facebook: 10, tiktok: 35, twitter: 4 },
		singleImageOnly: [],
		settingLimits: [INSTAGRAM_FIRST_COMMENT_LIMIT],
		contentConflicts: [INSTAGRAM_STORY_NO_FIRST_COMMENT],
		settingsContentOverride: false,
	},
	readJson(context: IExecuteFunctions, input, itemIndex: number): SettingsByPlatform {
		const json: Record<string, IDataObject> = {};
		const tiktok = readJsonObject(
			context,
			input.options.tiktokSettings,
			itemIndex,
			'tiktokSettings',
			'TikTok Settings',
		);
		if (tiktok) json.tiktok = tiktok;
		const facebook = readJsonObject(
			context,
			input.options.facebookSettings,
			itemIndex,
			'facebookSettings',
			'Facebook Settings',
		);
		if (facebook) json.facebook = facebook;
		return json;
	},
};
