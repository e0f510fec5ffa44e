import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { mediaAltText, mediaThumbnailUrl } from './platformOptions';
import { contentHint, idempotencyKeyHint, platformsHint, scheduledForHint } from './builderHints';

export interface PostFieldsConfig {
	serviceName: string;
	platformOptions: INodePropertyOptions[];
	mediaTypeOptions: INodePropertyOptions[];
	publishModeOptions: INodePropertyOptions[];
	accountIdRequired: boolean;
	/** What the Media field says about where files can come from on this service. */
	binaryMediaNote: string;
}

export const PUBLISH_NOW: INodePropertyOptions = {
	name: 'Publish Now',
	value: 'now',
	description: 'Publish as soon as the post is created',
};

export const DRAFT: INodePropertyOptions = {
	name: 'Draft',
	value: 'draft',
	description: 'Save without publishing',
};

export function scheduleOption(limits?: string): INodePropertyOptions {
	const suffix = limits ? ` (${limits})` : '';
	return {
		name: 'Schedule',
		value: 'schedule',
		description: `Publish at the time in Scheduled For${suffix}`,
	};
}

export const IMAGE: INodePropertyOptions = { name: 'Image', value: 'image' };
export const VIDEO: INodePropertyOptions = { name: 'Video', value: 'video' };

const AUTO_TYPE: INodePropertyOptions = {
	name: 'From the File (MIME Type)',
	value: 'auto',
	description: "Image, video or GIF as the file's MIME type says",
};

/** Media by URL or from the item's binary data: Create Post's field, and Update's. */
export function mediaField(config: PostFieldsConfig): INodeProperties {
	const binaryTypeOptions = [AUTO_TYPE, ...config.mediaTypeOptions];
	return {
		displayName: 'Media',
		name: 'media',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Media',
		default: {},
		description: config.binaryMediaNote,
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the input binary field that holds the file',
						displayOptions: { show: { source: ['binary'] } },
					},
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						options: [
							{
								name: 'Binary File',
								value: 'binary',
								description:
									'A file of the input item, e.g. from Read/Write Files from Disk or an AI image node',
							},
							{
								name: 'URL',
								value: 'url',
								description: 'A public link the service downloads the file from',
							},
						],
						default: 'url',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: config.mediaTypeOptions,
						default: 'image',
						displayOptions: { show: { source: ['url'] } },
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: binaryTypeOptions,
						default: 'auto',
						displayOptions: { show: { source: ['binary'] } },
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://cdn.example.com/photo.jpg',
						description:
							'A public, direct link to the file (share links of Google Drive or Dropbox do not work)',
						displayOptions: { show: { source: ['url'] } },
					},
					mediaAltText,
					mediaThumbnailUrl(['video', 'auto']),
				],
			},
		],
	};
}

/** An account picker: the connected accounts to pick from, or an ID. */
export function accountLocator(
	exampleId: string,
): Pick<INodeProperties, 'type' | 'default' | 'modes'> {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an account…',
				typeOptions: { searchListMethod: 'searchAccounts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${exampleId}`,
			},
		],
	};
}

/** The targets with their account pickers: Create Post's field, and Update's. */
export function platformsField(config: PostFieldsConfig): INodeProperties {
	return {
		displayName: 'Platforms',
		name: 'platforms',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Target',
		default: {},
		description: 'The social accounts to post to. Drafts may have none.',
		builderHint: platformsHint,
		options: [
			{
				displayName: 'Target',
				name: 'target',
				values: [
					{
						displayName: 'Platform',
						name: 'platform',
						type: 'options',
						options: config.platformOptions,
						// Both services support Instagram.
						default: 'instagram',
						description: 'The social network to post to',
					},
					{
						displayName: 'Account',
						name: 'accountId',
						...accountLocator('ig_123'),
						required: config.accountIdRequired,
						description: config.accountIdRequired
							? `The connected ${config.serviceName} account to post with: pick it, or give its ID as Account → Get Many lists it`
							: `The connected ${config.serviceName} account to post with (its ID as Account → Get Many lists it). Needed only when several accounts of this platform are connected.`,
					},
					{
						displayName: 'Text Override',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						description:
							'Text for this platform only, instead of Content. Leave empty to use Content.',
					},
				],
			},
		],
	};
}

/** The Create Post fields both services share; names are part of the public contract. */
export function postFields(config: PostFieldsConfig): INodeProperties[] {
	return [
		{
			displayName: 'Content',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: 'e.g. Our summer menu is live!',
			description:
				'The text of the post. May be empty when media is attached or every target has its own text.',
			builderHint: contentHint,
		},
		mediaField(config),
		platformsField(config),
		{
			displayName: 'Publish Mode',
			name: 'publishMode',
			type: 'options',
			options: config.publishModeOptions,
			default: 'now',
			description: 'When the post goes out',
		},
		{
			displayName: 'Scheduled For',
			name: 'scheduledFor',
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: { show: { publishMode: ['schedule'] } },
			description:
				"When to publish: an ISO 8601 date and time, best with its offset (2026-12-07T09:00:00+01:00). Without an offset the time is read in the Time Zone option, else in the workflow's time zone.",
			builderHint: scheduledForHint,
		},
	];
}

/** The Create Post "Options" entries both services share. */
export const checkMediaUrlsOption: INodeProperties = {
	displayName: 'Check Media URLs',
	name: 'checkMediaUrls',
	type: 'boolean',
	default: true,
	description:
		'Whether to check each media URL before posting: a web page instead of a file (a share link) or a file too large for the platform fails the item before anything is posted',
};

export const sharedPostOptions: INodeProperties[] = [
	checkMediaUrlsOption,
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.rowId }}',
		description:
			'A key that identifies this post, such as a spreadsheet row ID. Sending the same key again never creates a second post. Leave empty to let the node derive one per item and execution.',
		builderHint: idempotencyKeyHint,
	},
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description:
			"IANA time zone name for Scheduled For. Leave empty to use the workflow's time zone.",
	},
];
