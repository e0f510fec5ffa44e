import type { INodeProperties } from 'n8n-workflow';

import type { PlatformGroup } from './platformOptions';

// Shown only when the node is an AI agent's tool ('@tool'). Each defaults to $fromAI with a
// default of its own, so the agent may leave it out: the short call is a post published now,
// without media, to the targets set in the node. Set a field to a fixed value to take it
// from the agent. Values here fill in or replace the node's own fields (toolInput.ts).
const forTools = { show: { '@tool': [true] } };

// n8n builds the tool's arguments from every $fromAI in the node's parameters, hidden ones
// left out, and refuses one key used with two descriptions ("Duplicate key 'content' …").
// So when the user lets the model fill Content or Scheduled For (their own $fromAI, or the
// editor's button), the matching tool-only field steps aside: one argument, theirs.
// A regex, not `includes`: n8n 1.x's `includes` throws on a field without a value.
const fromAi = [{ _cnd: { regex: '\\$from[Aa][Ii]\\s*\\(' } }];
const unlessFromAi = (field: string) => ({ ...forTools, hide: { [field]: fromAi } });

const commonToolFields: INodeProperties[] = [
	{
		displayName: 'Content (From the Agent)',
		name: 'toolContent',
		type: 'string',
		default:
			"={{ $fromAI('content', 'The text of the post, exactly as it should appear', 'string', '') }}",
		description:
			'Used when Content above is empty. Hidden when Content itself is filled by the model ($fromAI).',
		displayOptions: unlessFromAi('content'),
	},
	{
		displayName: 'Targets (From the Agent)',
		name: 'toolTargets',
		type: 'string',
		default:
			'={{ $fromAI(\'targets\', \'Where to post: platform names in lower case as the API spells them, comma-separated (e.g. instagram, twitter), each using its only connected account; or a JSON array like [{"platform":"instagram","accountId":"ig_123"}] with account IDs from the accounts tool. Leave empty to use the targets set in the node.\', \'string\', \'\') }}',
		description:
			'Replaces Platforms when set: platform names separated by commas, or a JSON array of {"platform","accountId"}',
		displayOptions: forTools,
	},
	{
		displayName: 'Media URLs (From the Agent)',
		name: 'toolMediaUrls',
		type: 'string',
		default:
			"={{ $fromAI('mediaUrls', 'Public https URLs of images or videos to attach, comma-separated; leave empty for a text-only post. Files cannot be passed in a tool call: upload them first (Media Upload returns a URL).', 'string', '') }}",
		description: 'Added to Media: URLs separated by commas (files cannot pass through a tool call)',
		displayOptions: forTools,
	},
	{
		displayName: 'Scheduled For (From the Agent)',
		name: 'toolScheduledFor',
		type: 'string',
		default:
			"={{ $fromAI('scheduledFor', 'When to publish: an ISO 8601 date and time with its UTC offset, e.g. 2026-12-02T09:00:00+01:00. Leave empty to publish now.', 'string', '') }}",
		description:
			'When set, the post is scheduled for this time instead of the Publish Mode. Hidden when Scheduled For itself is filled by the model ($fromAI).',
		displayOptions: unlessFromAi('scheduledFor'),
	},
];

/** A platform setting the agent may give: read by toolInput.ts, filling in what the node left empty. */
export interface ToolSettingField {
	name: string;
	argument: string;
	platform: string;
	field: string;
}

const settingField = (
	spec: ToolSettingField,
	displayName: string,
	argumentHelp: string,
): INodeProperties => ({
	displayName,
	name: spec.name,
	type: 'string',
	default: `={{ $fromAI('${spec.argument}', '${argumentHelp}', 'string', '') }}`,
	description: `Used for ${displayName.split(' (')[0]} when the node's Platform Settings leave it empty`,
	// Unlike Content, it cannot step aside for the user's own $fromAI in the setting: n8n decides
	// what a tool shows from simple fields only, and a setting sits in a collection.
	displayOptions: forTools,
});

/** The settings an agent can give, each offered where the service has the platform's field. */
export const TOOL_SETTINGS: Array<ToolSettingField & { displayName: string; fromAi: string }> = [
	{
		name: 'toolTiktokPrivacy',
		argument: 'tiktokPrivacy',
		platform: 'tiktok',
		field: 'privacy',
		displayName: 'TikTok Privacy (From the Agent)',
		fromAi:
			'TikTok only, required for a TikTok post: who can see it: PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR or SELF_ONLY. Leave empty when not posting to TikTok.',
	},
	{
		name: 'toolTiktokPostMode',
		argument: 'tiktokPostMode',
		platform: 'tiktok',
		field: 'postMode',
		displayName: 'TikTok Post Mode (From the Agent)',
		fromAi:
			'TikTok only, required for a TikTok post: direct (publish on the profile) or inbox (the creator finishes it in the TikTok app). Leave empty when not posting to TikTok.',
	},
	{
		name: 'toolYoutubeTitle',
		argument: 'youtubeTitle',
		platform: 'youtube',
		field: 'title',
		displayName: 'YouTube Title (From the Agent)',
		fromAi:
			'YouTube only, required for a YouTube post: the video title, at most 100 characters. Leave empty when not posting to YouTube.',
	},
	{
		name: 'toolInstagramPostType',
		argument: 'instagramPostType',
		platform: 'instagram',
		field: 'postType',
		displayName: 'Instagram Post Type (From the Agent)',
		fromAi: 'Instagram only: feed, reel or story. Leave empty for a feed post.',
	},
];

/** The tool-only fields of Create Post for a service with these platform settings. */
export function toolPostFields(groups: PlatformGroup[]): INodeProperties[] {
	const has = (platform: string, field: string) =>
		groups.some(
			(group) =>
				group.platform === platform && group.fields.some((candidate) => candidate.name === field),
		);
	return [
		...commonToolFields,
		...TOOL_SETTINGS.filter((spec) => has(spec.platform, spec.field)).map((spec) =>
			settingField(spec, spec.displayName, spec.fromAi),
		),
		{
			displayName: 'First Comment (From the Agent)',
			name: 'toolFirstComment',
			type: 'string',
			default:
				"={{ $fromAI('firstCommentText', 'A comment to post under the post once it is published, e.g. hashtags or a link. Leave empty for none.', 'string', '') }}",
			description: "Used when the node's own first comment is empty",
			displayOptions: forTools,
		},
	];
}
