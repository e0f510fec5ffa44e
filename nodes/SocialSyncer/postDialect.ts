// How SocialSyncerAPI takes a post: its platforms, media types and publish modes, the options
// only it has, its request body and its update method. Part of its dialect: dialect.ts exports it.
import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import {
	DRAFT,
	IMAGE,
	PUBLISH_NOW,
	scheduleOption,
	VIDEO,
} from '../shared/descriptions/postFields';
import { commonPostBody, type PostInput, type PostTarget } from '../shared/input/postInput';
import type { CreateConfig } from '../shared/operations/create.operation';
import type { UpdateConfig } from '../shared/operations/update.operation';
import { socialSyncerPlatformSettings } from './platformSettings';

export const platformOptions: INodePropertyOptions[] = [
	{ name: 'Facebook', value: 'facebook' },
	{ name: 'Instagram', value: 'instagram' },
	{ name: 'Threads', value: 'threads' },
	{ name: 'TikTok', value: 'tiktok' },
	{ name: 'X (Twitter)', value: 'twitter' },
];

/** A target as SocialSyncerAPI names it: its text override is `customContent`. */
function targetEntry(target: PostTarget): IDataObject {
	const entry: IDataObject = { platform: target.platform, accountId: target.accountId };
	if (target.content !== '') entry.customContent = target.content;
	return entry;
}

/**
 * TikTok and Facebook settings go at the root (merged into each of their targets by the API);
 * any other platform's go into each of its targets' platformSpecificData.
 */
function placeSettings(body: IDataObject, settings: Record<string, IDataObject>): string[] {
	const { tiktok, facebook, ...perTarget } = settings;
	if (tiktok !== undefined) body.tiktokSettings = tiktok;
	if (facebook !== undefined) body.facebookSettings = facebook;
	const entries = Array.isArray(body.platforms) ? (body.platforms as IDataObject[]) : [];
	const unplaced: string[] = [];
	for (const [platform, data] of Object.entries(perTarget)) {
		if (Object.keys(data).length === 0) continue;
		const targets = entries.filter((entry) => entry.platform === platform);
		if (targets.length === 0) unplaced.push(platform);
		for (const entry of targets) entry.platformSpecificData = data;
	}
	return unplaced;
}

function buildBody(_context: IExecuteFunctions, input: PostInput): IDataObject {
	const body = commonPostBody(input, targetEntry);
	if (input.publishMode === 'draft') body.isDraft = true;
	else if (input.publishMode === 'schedule') body.scheduledFor = input.scheduledFor;
	else body.publishNow = true;

	const tags = String(input.options.tags ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
	if (tags.length > 0) body.tags = tags;
	placeSettings(body, input.settings ?? {});
	return body;
}

/** Create Post's facts: its fields and its body. */
export const createConfig: CreateConfig = {
	serviceName: 'SocialSyncerAPI',
	platformOptions,
	mediaTypeOptions: [{ name: 'GIF', value: 'gif' }, IMAGE, VIDEO],
	publishModeOptions: [PUBLISH_NOW, scheduleOption(), DRAFT],
	accountIdRequired: true,
	binaryMediaNote:
		'Images or videos: by public URL, or a file of the input item, which the node uploads to SocialSyncerAPI first (streamed, up to 5 GB)',
	extraFields: [],
	platformSettings: socialSyncerPlatformSettings,
	extraOptions: [
		{
			displayName: 'Facebook Settings',
			name: 'facebookSettings',
			type: 'json',
			default: '{}',
			description: 'Settings merged into every Facebook target, as a JSON object',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. launch, summer',
			description: 'Comma-separated labels to organise posts in SocialSyncerAPI',
		},
		{
			displayName: 'TikTok Settings',
			name: 'tiktokSettings',
			type: 'json',
			default: '{}',
			description:
				'Settings merged into every TikTok target, as a JSON object, e.g. {"privacy_level": "PUBLIC_TO_EVERYONE", "content_preview_confirmed": true, "express_consent_given": true}',
		},
	],
	buildBody,
};

/** Update Post's facts: Create's fields, and its method. */
export const updateConfig: UpdateConfig = {
	...createConfig,
	// Its docs show no update; PUT follows its Late-compatible schema.
	method: 'PUT',
	targetEntry,
	placeSettings,
	notice:
		"SocialSyncerAPI's update endpoint is inferred (PUT /posts/{ID}, as in the Late API it is compatible with). Only drafts, scheduled, failed and partial posts can be edited.",
};
