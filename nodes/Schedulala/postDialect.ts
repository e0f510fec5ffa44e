// How Schedulala takes a post: its platforms, media types, publish modes and schedule window,
// the options only it has (bulk, first comment), its request body, its update method and what
// its retry takes. Part of its dialect: dialect.ts exports it.
import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import {
	DRAFT,
	IMAGE,
	PUBLISH_NOW,
	scheduleOption,
	VIDEO,
} from '../shared/descriptions/postFields';
import { invalidParameter } from '../shared/errors/errors';
import { commonPostBody, type PostInput, type PostTarget } from '../shared/input/postInput';
import type { CreateConfig } from '../shared/operations/create.operation';
import type { RetryExtras } from '../shared/operations/retry.operation';
import type { UpdateConfig } from '../shared/operations/update.operation';
import { schedulalaPlatformSettings } from './platformSettings';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const platformOptions: INodePropertyOptions[] = [
	{ name: 'Bluesky', value: 'bluesky' },
	{ name: 'Facebook', value: 'facebook' },
	{ name: 'Google Business', value: 'google-business' },
	{ name: 'Instagram', value: 'instagram' },
	{ name: 'LinkedIn', value: 'linkedin' },
	{ name: 'Mastodon', value: 'mastodon' },
	{ name: 'Pinterest', value: 'pinterest' },
	{ name: 'Telegram', value: 'telegram' },
	{ name: 'Threads', value: 'threads' },
	{ name: 'TikTok', value: 'tiktok' },
	{ name: 'X (Twitter)', value: 'twitter' },
	{ name: 'YouTube', value: 'youtube' },
];

/** A target as Schedulala names it: the account only when one was chosen. */
function targetEntry(target: PostTarget): IDataObject {
	const entry: IDataObject = { platform: target.platform };
	if (target.accountId !== '') entry.accountId = target.accountId;
	if (target.content !== '') entry.content = target.content;
	return entry;
}

/** Every platform's settings go in platformSettings, keyed by platform. */
function placeSettings(body: IDataObject, settings: Record<string, IDataObject>): string[] {
	if (Object.keys(settings).length > 0) body.platformSettings = settings;
	return [];
}

function buildBody(context: IExecuteFunctions, input: PostInput, itemIndex: number): IDataObject {
	if (
		input.media.some((item) => item.type === 'pdf') &&
		input.targets.some((t) => t.platform !== 'linkedin')
	) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			'PDF documents can only be posted to LinkedIn',
			'Remove the PDF media item, or keep only LinkedIn targets for this post.',
			'media',
		);
	}
	const body = commonPostBody(input, targetEntry);
	// Exactly one scheduling mode, as Schedulala requires.
	if (input.publishMode === 'draft') body.status = 'draft';
	else if (input.publishMode === 'schedule') body.scheduledFor = input.scheduledFor;
	else if (input.publishMode === 'queue') body.queue = true;
	else body.publishNow = true;

	// The JSON field with the typed settings over it (platformSettings.ts).
	placeSettings(body, input.settings ?? {});
	const firstComment = String(input.options.firstComment ?? '').trim();
	if (firstComment !== '') body.firstComment = firstComment;
	return body;
}

/** Create Post's facts: its fields, its body and its bulk create. */
export const createConfig: CreateConfig = {
	serviceName: 'Schedulala',
	platformOptions,
	mediaTypeOptions: [IMAGE, { name: 'PDF (LinkedIn Only)', value: 'pdf' }, VIDEO],
	publishModeOptions: [
		PUBLISH_NOW,
		scheduleOption('5 minutes to 90 days ahead'),
		{
			name: 'Add to Queue',
			value: 'queue',
			description: 'Publish in the next free slot of your Schedulala queue',
		},
		DRAFT,
	],
	accountIdRequired: false,
	binaryMediaNote:
		"Images, videos or PDFs by public URL; Schedulala downloads them. Binary files are not accepted by Schedulala's API: upload them first (e.g. with the SocialSyncerAPI node's Media → Upload).",
	scheduleWindow: { minMs: 5 * MINUTE, maxMs: 90 * DAY, text: 'from 5 minutes to 90 days ahead' },
	extraFields: [
		{
			displayName: 'Platform Settings (JSON)',
			name: 'platformSettings',
			type: 'json',
			default: '{}',
			description:
				'Settings the typed Platform Settings do not cover, as a JSON object keyed by platform, e.g. {"google-business": {"postType": "STANDARD"}}. A typed setting wins over the same key here.',
		},
	],
	platformSettings: schedulalaPlatformSettings,
	extraOptions: [
		{
			displayName: 'Bulk',
			name: 'bulk',
			type: 'boolean',
			default: false,
			description:
				"Whether to send consecutive items together through Schedulala's bulk create, up to Bulk Size posts a request: a sheet of 300 rows in 12 requests instead of 300. The output is the same as without it: one item per row.",
		},
		{
			displayName: 'Bulk Size',
			name: 'bulkSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 25 },
			default: 25,
			description: 'Posts per bulk request (Schedulala takes at most 25)',
			displayOptions: { show: { bulk: [true] } },
		},
		{
			displayName: 'First Comment',
			name: 'firstComment',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description:
				'A comment Schedulala adds under the post about 15 seconds after it is published',
		},
	],
	buildBody,
	// Documented: up to 25 create-shaped entries; validation failures are reported per entry.
	bulk: { path: '/posts/bulk', maxSize: 25 },
};

/** Update Post's facts: Create's fields, and its method. */
export const updateConfig: UpdateConfig = {
	...createConfig,
	// PATCH /posts/{ID} with only the changed fields: Schedulala edits drafts and scheduled posts.
	method: 'PATCH',
	targetEntry,
	placeSettings,
};

/** Retry Post's facts: Schedulala can retry a subset of the failed platforms, after a delay. */
export const retryConfig: RetryExtras = {
	fields: [
		{
			displayName: 'Platforms to Retry',
			name: 'retryPlatforms',
			type: 'multiOptions',
			options: platformOptions,
			default: [],
			description:
				'Only these failed platforms are retried. Leave empty to retry every failed platform.',
		},
		{
			displayName: 'Delay (Seconds)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'How long Schedulala waits before retrying. 0 retries at once.',
		},
	],
	body(context, itemIndex) {
		const body: IDataObject = {};
		const platforms = context.getNodeParameter('retryPlatforms', itemIndex, []) as string[];
		const delay = Number(context.getNodeParameter('retryDelay', itemIndex, 0));
		if (platforms.length > 0) body.platforms = platforms;
		if (delay > 0) body.delay = delay;
		return Object.keys(body).length > 0 ? body : undefined;
	},
};
