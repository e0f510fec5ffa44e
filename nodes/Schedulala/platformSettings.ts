// Schedulala's per-platform settings: the typed groups it takes under platformSettings.<platform>,
// how their keys are spelled, and the platform rules its docs state. Part of its post dialect.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	instagramFirstComment,
	instagramPostType,
	instagramShareToFeed,
	notSent,
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

const text = (
	name: string,
	displayName: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({ displayName, name, type: 'string', default: '', description, ...extra });

// No default (like Privacy): Schedulala requires the creator's own choice.
const TIKTOK_POST_MODES = [
	{ name: 'Publish Directly', value: 'direct', description: 'Published on the profile' },
	{
		name: 'Send to Inbox',
		value: 'inbox',
		description: 'Sent to the TikTok app, where the creator finishes and posts it',
	},
];

// The choices below start at one that sends nothing, so they never override the JSON.
const MASTODON_VISIBILITY = [
	notSent("The account's default visibility"),
	{ name: 'Public', value: 'public' },
	{ name: 'Unlisted', value: 'unlisted', description: 'Public, but not in public timelines' },
	{ name: 'Followers Only', value: 'private' },
	{ name: 'Mentioned People Only', value: 'direct' },
];

const X_REPLY_SETTINGS = [
	{ name: 'Everyone (Not Sent)', value: '', description: "X's default" },
	{ name: 'People You Follow', value: 'following' },
	{ name: 'People You Mention', value: 'mentionedUsers' },
	{ name: 'Subscribers', value: 'subscribers' },
	{ name: 'Verified Accounts', value: 'verified' },
];

const YOUTUBE_PRIVACY = [
	notSent("The API's default"),
	{ name: 'Public', value: 'public' },
	{ name: 'Unlisted', value: 'unlisted', description: 'Anyone with the link' },
	{ name: 'Private', value: 'private' },
];

const groups: PlatformGroup[] = [
	{
		platform: 'instagram',
		displayName: 'Instagram',
		fields: [instagramPostType, instagramShareToFeed, instagramFirstComment],
	},
	{
		platform: 'linkedin',
		displayName: 'LinkedIn',
		fields: [
			text(
				'documentTitle',
				'Document Title',
				'The title shown on a PDF document post (a media item of type PDF)',
			),
		],
	},
	{
		platform: 'mastodon',
		displayName: 'Mastodon',
		fields: [
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: MASTODON_VISIBILITY,
				default: '',
				description: 'Who can see the post',
			},
		],
	},
	{
		platform: 'pinterest',
		displayName: 'Pinterest',
		fields: [
			text('boardName', 'Board Name', 'The board to pin to, by its name'),
			text('link', 'Link', 'Where the pin leads when clicked', {
				placeholder: 'e.g. https://example.com/menu',
			}),
			text('title', 'Title', 'The pin title (at most 100 characters)'),
			text('description', 'Description', 'The pin description (at most 500 characters)', {
				typeOptions: { rows: 2 },
			}),
		],
	},
	{
		platform: 'threads',
		displayName: 'Threads',
		fields: [text('locationName', 'Location Name', 'A place to tag the post with')],
	},
	{
		platform: 'tiktok',
		displayName: 'TikTok',
		fields: [
			tiktokCommonFields[0],
			{
				displayName: 'Post Mode',
				name: 'postMode',
				type: 'options',
				options: TIKTOK_POST_MODES,
				default: '',
				description: 'How the video reaches TikTok. Schedulala requires a choice for every post.',
			},
			...tiktokCommonFields.slice(1),
		],
	},
	{
		platform: 'twitter',
		displayName: 'X (Twitter)',
		fields: [
			{
				displayName: 'Who Can Reply',
				name: 'replySettings',
				type: 'options',
				options: X_REPLY_SETTINGS,
				default: '',
				description: 'Who may reply to the post',
			},
		],
	},
	{
		platform: 'youtube',
		displayName: 'YouTube',
		fields: [
			text('title', 'Title', 'The video title (at most 100 characters). YouTube requires one.'),
			{
				displayName: 'Privacy',
				name: 'privacy',
				type: 'options',
				options: YOUTUBE_PRIVACY,
				default: '',
				description: 'Who can watch the video',
			},
			text('description', 'Description', 'The video description (at most 5,000 characters)', {
				typeOptions: { rows: 3 },
			}),
		],
	},
];

const JSON_HINT = 'or set it under "%s" in Platform Settings (JSON)';

export const schedulalaPlatformSettings: PlatformSettingsFacts = {
	groups,
	vocabulary: {
		youtube: { privacy: { keys: ['privacyStatus'] } },
	},
	rules: {
		names: {
			bluesky: 'Bluesky',
			facebook: 'Facebook',
			'google-business': 'Google Business',
			instagram: 'Instagram',
			linkedin: 'LinkedIn',
			mastodon: 'Mastodon',
			pinterest: 'Pinterest',
			telegram: 'Telegram',
			threads: 'Threads',
			tiktok: 'TikTok',
			twitter: 'X',
			youtube: 'YouTube',
		},
		required: [
			{
				platform: 'tiktok',
				field: 'privacy',
				what: 'a privacy level',
				fix: `Choose Platform Settings → TikTok → Privacy (there is no default), ${JSON_HINT.replace('%s', 'tiktok.privacy')}.`,
				toolArgument: 'tiktokPrivacy',
			},
			{
				platform: 'tiktok',
				field: 'postMode',
				what: 'a post mode',
				fix: `Choose Platform Settings → TikTok → Post Mode (Publish Directly or Send to Inbox), ${JSON_HINT.replace('%s', 'tiktok.postMode')}.`,
				toolArgument: 'tiktokPostMode',
			},
			{
				platform: 'youtube',
				field: 'title',
				what: 'a video title',
				fix: `Enter Platform Settings → YouTube → Title, ${JSON_HINT.replace('%s', 'youtube.title')}.`,
				toolArgument: 'youtubeTitle',
			},
		],
		conflicts: [TIKTOK_BRANDED_NOT_PRIVATE],
		videoRequired: ['youtube'],
		textLimits: {
			twitter: 280,
			bluesky: 300,
			threads: 500,
			mastodon: 500,
			'google-business': 1500,
			instagram: 2200,
			tiktok: 2200,
			linkedin: 3000,
			telegram: 4096,
			facebook: 63206,
		},
		mediaRequired: ['instagram', 'tiktok'],
		maxImages: { mastodon: 4 },
		singleImageOnly: ['google-business'],
		settingLimits: [
			{ platform: 'youtube', field: 'title', label: 'Title', max: 100, unit: 'characters' },
			{
				platform: 'youtube',
				field: 'description',
				label: 'Description',
				max: 5000,
				unit: 'characters',
			},
			{ platform: 'pinterest', field: 'title', label: 'Title', max: 100, unit: 'characters' },
			{
				platform: 'pinterest',
				field: 'description',
				label: 'Description',
				max: 500,
				unit: 'characters',
			},
			INSTAGRAM_FIRST_COMMENT_LIMIT,
		],
		contentConflicts: [INSTAGRAM_STORY_NO_FIRST_COMMENT],
		firstComments: {
			unsupported: ['tiktok', 'pinterest', 'telegram', 'google-business'],
			limits: { linkedin: 1500, twitter: 280, threads: 500, bluesky: 300, youtube: 10000 },
			byteLimits: { instagram: 1000 },
			skippedWhen: [{ platform: 'instagram', field: 'postType', value: 'story', label: 'Stories' }],
		},
		settingsContentOverride: true,
	},
	readJson(context: IExecuteFunctions, _input, itemIndex: number): SettingsByPlatform {
		const json = readJsonObject(
			context,
			context.getNodeParameter('platformSettings', itemIndex, '{}'),
			itemIndex,
			'platformSettings',
			'Platform Settings (JSON)',
		);
		return (json ?? {}) as Record<string, IDataObject>;
	},
};
