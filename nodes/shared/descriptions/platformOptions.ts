import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { platformOptionsHint } from './builderHints';

/** One "Add Platform Settings" entry: a platform (its value in Platforms) and its typed fields. */
export interface PlatformGroup {
	platform: string;
	displayName: string;
	fields: INodeProperties[];
}

/** The Platform Settings field: one group per platform the service takes typed settings for. */
export function platformOptionsField(groups: PlatformGroup[]): INodeProperties {
	return {
		displayName: 'Platform Settings',
		name: 'platformOptions',
		type: 'fixedCollection',
		placeholder: 'Add Platform Settings',
		default: {},
		builderHint: platformOptionsHint,
		description:
			'Settings that apply to the targets of one platform: TikTok privacy, a YouTube title, an Instagram Reel… Checked before anything is sent',
		options: groups.map((group) => ({
			displayName: group.displayName,
			name: group.platform,
			values: group.fields,
		})),
	};
}

const TIKTOK_PRIVACY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Everyone', value: 'PUBLIC_TO_EVERYONE' },
	{ name: 'Friends (Mutual Followers)', value: 'MUTUAL_FOLLOW_FRIENDS' },
	{ name: 'Followers', value: 'FOLLOWER_OF_CREATOR' },
	{ name: 'Only Me', value: 'SELF_ONLY' },
];

/** TikTok's privacy: no default on purpose, the API requires the creator's own choice. */
export const tiktokPrivacy: INodeProperties = {
	displayName: 'Privacy',
	name: 'privacy',
	type: 'options',
	options: TIKTOK_PRIVACY_OPTIONS,
	default: '',
	description:
		'Who can see the video. TikTok requires a choice for every post (there is no default), and each creator account allows only some levels.',
};

const allowed = (name: string, displayName: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: true,
	description: `Whether viewers may ${what}`,
});

/** The TikTok fields both services take; each service names the keys its own way. */
export const tiktokCommonFields: INodeProperties[] = [
	tiktokPrivacy,
	allowed('allowComments', 'Allow Comments', 'comment'),
	allowed('allowDuet', 'Allow Duet', 'make duets with the video'),
	allowed('allowStitch', 'Allow Stitch', 'stitch the video'),
	{
		displayName: 'Branded Content',
		name: 'brandedContent',
		type: 'boolean',
		default: false,
		description:
			'Whether the post promotes a third party (paid partnership). TikTok does not allow branded content to be private (Only Me).',
	},
	{
		displayName: 'Your Brand',
		name: 'brandOrganic',
		type: 'boolean',
		default: false,
		description: 'Whether the post promotes your own business or brand',
	},
	{
		displayName: 'AI-Generated',
		name: 'aiGenerated',
		type: 'boolean',
		default: false,
		description: 'Whether to label the video as AI-generated content',
	},
];

/** A choice that sends nothing: the API's own default applies, and the JSON's value stays. */
export function notSent(description: string): INodePropertyOptions {
	return { name: 'Default (Not Sent)', value: '', description };
}

const INSTAGRAM_POST_TYPES: INodePropertyOptions[] = [
	notSent("The API's default: a feed post"),
	{ name: 'Feed', value: 'feed', description: 'A photo, video or carousel in the feed' },
	{ name: 'Reel', value: 'reel', description: 'A short vertical video' },
	{ name: 'Story', value: 'story', description: 'Shown for 24 hours; no first comment' },
];

// Optional choices start at one that sends nothing, so they never override the JSON.
export const instagramPostType: INodeProperties = {
	displayName: 'Post Type',
	name: 'postType',
	type: 'options',
	options: INSTAGRAM_POST_TYPES,
	default: '',
	description: 'Instagram needs at least one image or video for every type',
};

export const instagramShareToFeed: INodeProperties = {
	displayName: 'Share Reel to Feed',
	name: 'shareToFeed',
	type: 'boolean',
	default: true,
	description: 'Whether the Reel also appears in the profile feed',
	displayOptions: { show: { postType: ['reel'] } },
};

export const instagramFirstComment: INodeProperties = {
	displayName: 'First Comment',
	name: 'firstComment',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description:
		'A comment posted under the Instagram post after it is published (at most 1,000 bytes; not on Stories)',
};

/** The per-media entries of the Media field: alt text for every file, a cover for videos. */
export const mediaAltText: INodeProperties = {
	displayName: 'Alt Text',
	name: 'altText',
	type: 'string',
	default: '',
	description:
		'A description of the image for people who use screen readers, where the platform shows one',
};

export function mediaThumbnailUrl(typeValues: string[]): INodeProperties {
	return {
		displayName: 'Thumbnail URL',
		name: 'thumbnailUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://cdn.example.com/cover.jpg',
		description:
			'A public link to an image shown as the video\'s cover, where the platform takes one. Sent as the media item\'s "thumbnailUrl" (a key the API docs do not show).',
		displayOptions: { show: { type: typeValues } },
	};
}

export const checkPlatformRulesOption: INodeProperties = {
	displayName: 'Check Platform Rules',
	name: 'checkPlatformRules',
	type: 'boolean',
	default: false,
	description:
		"Whether to refuse the item before anything is sent when a platform's documented rules would refuse it (text too long, media missing or not allowed, a first comment the platform does not take). Off: the post is sent as before and an execution hint says what the API is expected to refuse.",
};
