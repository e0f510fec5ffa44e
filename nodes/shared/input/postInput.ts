import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import { invalidParameter } from '../errors/errors';
import { hasOffset, isValidTimeZone, toInstant } from './time';

export interface PostTarget {
	platform: string;
	accountId: string;
	/** Per-target text that replaces the post text on this platform. */
	content: string;
}

export interface MediaInput {
	/** `url` (the service downloads it) or `binary` (a file of the input item, uploaded first). */
	source: 'url' | 'binary';
	/** image, video … or, for a binary file, `auto` (from its MIME type). */
	type: string;
	url: string;
	binaryPropertyName: string;
	/** Alt text and a video's cover, sent on the media item when set. */
	altText?: string;
	thumbnailUrl?: string;
}

export type PublishMode = 'now' | 'schedule' | 'draft' | 'queue';

/** The Create Post parameters of one item, read and checked. */
export interface PostInput {
	content: string;
	targets: PostTarget[];
	publishMode: PublishMode;
	/** The checked instant as ISO 8601 UTC; only for publishMode "schedule". */
	scheduledFor?: string;
	/** IANA name: the user's option, else the workflow's time zone when scheduledFor has no offset. */
	timezone?: string;
	media: MediaInput[];
	options: IDataObject;
	/** Per-platform settings as the API names them (platformInput.ts), once read. */
	settings?: Record<string, IDataObject>;
}

export interface PostRules {
	serviceName: string;
	accountIdRequired: boolean;
	/** The publish modes this service offers. */
	publishModeOptions: INodePropertyOptions[];
	/** Allowed distance of a scheduled time from now. */
	scheduleWindow?: { minMs: number; maxMs: number; text: string };
}

export function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	// A resource locator ({ __rl, mode, value }) sends its value; wave-1 workflows hold a plain string.
	if (typeof value === 'object' && (value as { __rl?: unknown }).__rl === true) {
		return text((value as { value?: unknown }).value);
	}
	// A Luxon DateTime from an expression turns into its ISO form.
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	return String(value).trim();
}

/** An object or array where a text was expected (an expression that picked a whole object). */
function isStructured(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || value instanceof Date) return false;
	return typeof (value as { toISO?: unknown }).toISO !== 'function';
}

function preview(value: unknown): string {
	let shown: string;
	try {
		shown = JSON.stringify(value) ?? String(value);
	} catch {
		shown = Array.isArray(value) ? 'an array' : 'an object';
	}
	return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
}

/** Builds the NodeOperationError for a field of this item. */
export type InputFailure = (message: string, description: string, field: string) => Error;

/**
 * A text field's value, as text(); an object or array is refused instead of being
 * sent as "[object Object]".
 */
export function textField(
	value: unknown,
	fail: InputFailure,
	label: string,
	field: string,
): string {
	const inner =
		typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true
			? (value as { value?: unknown }).value
			: value;
	if (isStructured(inner)) {
		const kind = Array.isArray(inner) ? 'a list' : 'an object';
		throw fail(
			`${label} is ${kind}, not text: ${preview(inner)}`,
			`The expression in ${label} gives ${kind}. Pick the text inside it, e.g. {{ $json.post.text }} instead of {{ $json.post }}. Nothing was sent.`,
			field,
		);
	}
	return text(value);
}

export function readTargets(raw: IDataObject, fail: InputFailure): PostTarget[] {
	const entries = (raw.target ?? []) as IDataObject[];
	return entries.map((entry, index) => ({
		platform: textField(entry.platform, fail, `Target ${index + 1}'s Platform`, 'platforms'),
		accountId: textField(entry.accountId, fail, `Target ${index + 1}'s Account`, 'platforms'),
		content: textField(entry.content, fail, `Target ${index + 1}'s Text Override`, 'platforms'),
	}));
}

/** Media as both APIs' `mediaItems`. */
export function mediaItems(media: MediaInput[]): IDataObject[] {
	return media.map(({ type, url, altText, thumbnailUrl }) => {
		const item: IDataObject = { type, url };
		if (altText) item.altText = altText;
		if (thumbnailUrl) item.thumbnailUrl = thumbnailUrl;
		return item;
	});
}

/**
 * What both APIs name alike in a create: the text, the targets (each in the API's own
 * shape), the media and the time zone. Each API adds its scheduling fields and settings.
 */
export function commonPostBody(
	input: PostInput,
	targetEntry: (target: PostTarget) => IDataObject,
): IDataObject {
	const body: IDataObject = {};
	if (input.content !== '') body.content = input.content;
	body.platforms = input.targets.map(targetEntry);
	if (input.media.length > 0) body.mediaItems = mediaItems(input.media);
	if (input.timezone !== undefined) body.timezone = input.timezone;
	return body;
}

export function readMedia(raw: IDataObject, fail: InputFailure): MediaInput[] {
	const entries = (raw.item ?? []) as IDataObject[];
	return entries.map((entry, index) => {
		const read = (name: string, label: string) =>
			textField(entry[name], fail, `Media item ${index + 1}'s ${label}`, 'media');
		const source = read('source', 'Source') === 'binary' ? 'binary' : 'url';
		const item: MediaInput = {
			source,
			type: read('type', 'Type') || (source === 'binary' ? 'auto' : 'image'),
			url: read('url', 'URL'),
			binaryPropertyName: read('binaryPropertyName', 'Input Binary Field') || 'data',
		};
		const altText = read('altText', 'Alt Text');
		if (altText !== '') item.altText = altText;
		// A cover belongs to a video (or a file that may be one): kept from other types, it is not sent.
		const thumbnailUrl = read('thumbnailUrl', 'Thumbnail URL');
		if (thumbnailUrl !== '' && ['video', 'auto'].includes(item.type))
			item.thumbnailUrl = thumbnailUrl;
		return item;
	});
}

export function checkTargets(fail: InputFailure, targets: PostTarget[], rules: PostRules): void {
	targets.forEach((target, index) => {
		if (target.platform === '') {
			throw fail(
				`Target ${index + 1} has no platform`,
				'Choose the social network for every entry under Platforms.',
				'platforms',
			);
		}
		if (rules.accountIdRequired && target.accountId === '') {
			throw fail(
				`Target ${index + 1} (${target.platform}) has no account ID`,
				`Enter the ${rules.serviceName} account ID of the ${target.platform} account to post to. Your ${rules.serviceName} dashboard lists them.`,
				'platforms',
			);
		}
	});
}

/** An http(s) address that parses, with a host ("https://[bad/x.png" and "https://exa%mple.com" do not). */
function isWebUrl(value: string): boolean {
	if (!/^https?:\/\/\S+$/i.test(value)) return false;
	try {
		const url = new URL(value);
		return /^https?:$/.test(url.protocol) && url.hostname !== '';
	} catch {
		return false;
	}
}

export function checkMedia(fail: InputFailure, media: MediaInput[]): void {
	media.forEach((item, index) => {
		if (item.source === 'url' && !isWebUrl(item.url)) {
			const given = item.url === '' ? 'It is empty.' : `"${item.url.slice(0, 100)}" is not one.`;
			throw fail(
				`Media item ${index + 1} has no valid URL`,
				`${given} Enter a public http(s) address the service can download the file from, or set Source to Binary File to post a file of the input item.`,
				'media',
			);
		}
		if (item.thumbnailUrl !== undefined && !isWebUrl(item.thumbnailUrl)) {
			throw fail(
				`Media item ${index + 1}'s Thumbnail URL is not a web address`,
				`"${item.thumbnailUrl.slice(0, 100)}" is not one. Enter a public http(s) link to an image, or leave it empty.`,
				'media',
			);
		}
	});
}

/** The Time Zone option, checked; '' when not set. */
export function readTimeZone(fail: InputFailure, value: unknown): string {
	const userTimezone = textField(value, fail, 'Time Zone', 'timezone');
	if (userTimezone !== '' && !isValidTimeZone(userTimezone)) {
		throw fail(
			`Unknown time zone "${userTimezone}"`,
			'Use an IANA time zone name such as Europe/Berlin, America/New_York or UTC.',
			'timezone',
		);
	}
	return userTimezone;
}

/**
 * A Scheduled For value as the checked instant (ISO 8601 UTC), with the zone it was read in.
 * A wall time without an offset is read in the chosen zone, else the workflow's.
 */
export function readSchedule(
	context: IExecuteFunctions,
	fail: InputFailure,
	rawScheduledFor: unknown,
	userTimezone: string,
	rules: PostRules,
): { scheduledFor: string; timezone?: string } {
	const scheduledFor = textField(rawScheduledFor, fail, 'Scheduled For', 'scheduledFor');
	if (scheduledFor === '') {
		throw fail(
			'Scheduled For is empty',
			'A scheduled post needs the date and time to publish at.',
			'scheduledFor',
		);
	}
	const isWallTime = typeof rawScheduledFor === 'string' && !hasOffset(scheduledFor);
	const timezone = userTimezone || (isWallTime ? context.getTimezone() : '');
	const instant = toInstant(rawScheduledFor, timezone || 'UTC');
	if (instant === undefined) {
		throw fail(
			`Scheduled For is not a valid date: "${scheduledFor}"`,
			'Use an ISO 8601 date and time that exists, such as 2026-12-24T09:00:00 or 2026-12-24T09:00:00+01:00, a date from an expression ({{ $now.plus(1, "day") }}), or epoch milliseconds.',
			'scheduledFor',
		);
	}
	const window = rules.scheduleWindow;
	if (window) {
		const fromNow = instant - Date.now();
		if (fromNow < window.minMs || fromNow > window.maxMs) {
			throw fail(
				`Scheduled For is outside the allowed range: ${new Date(instant).toISOString()}`,
				`${rules.serviceName} accepts scheduled times ${window.text}.`,
				'scheduledFor',
			);
		}
	} else if (instant < Date.now()) {
		throw fail(
			`Scheduled For is in the past: ${new Date(instant).toISOString()}`,
			'Choose a time in the future, or set Publish Mode to Publish Now.',
			'scheduledFor',
		);
	}
	// The API gets the instant that was checked, so it cannot read the time another way.
	const scheduled: { scheduledFor: string; timezone?: string } = {
		scheduledFor: new Date(instant).toISOString(),
	};
	if (timezone !== '') scheduled.timezone = timezone;
	return scheduled;
}

/** Reads the shared Create Post fields and rejects what the API would reject. */
export function readPostInput(
	context: IExecuteFunctions,
	itemIndex: number,
	rules: PostRules,
	tool?: ToolPost,
): PostInput {
	const node = context.getNode();
	const fail = (message: string, description: string, field: string) =>
		invalidParameter(node, itemIndex, message, description, field);

	// A tool call's simple values (see toolInput.ts) fill in or replace the node's fields.
	const content =
		textField(context.getNodeParameter('content', itemIndex, ''), fail, 'Content', 'content') ||
		(tool?.content ?? '');
	const targets =
		tool?.targets ??
		readTargets(context.getNodeParameter('platforms', itemIndex, {}) as IDataObject, fail);
	const publishMode =
		tool?.scheduledFor !== undefined
			? 'schedule'
			: (context.getNodeParameter('publishMode', itemIndex, 'now') as PublishMode);
	const media = [
		...readMedia(context.getNodeParameter('media', itemIndex, {}) as IDataObject, fail),
		...(tool?.media ?? []),
	];
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// Read where the request is made (idempotency.ts); an object is refused here, before it.
	textField(options.idempotencyKey, fail, 'Idempotency Key', 'options.idempotencyKey');

	const modes = rules.publishModeOptions.map((option) => String(option.value));
	if (!modes.includes(publishMode)) {
		throw fail(
			`Unknown publish mode "${publishMode}"`,
			`${rules.serviceName} offers: ${modes.join(', ')}.`,
			'publishMode',
		);
	}

	checkTargets(fail, targets, rules);
	if (publishMode !== 'draft' && targets.length === 0) {
		throw fail(
			'Add at least one target under Platforms',
			'Only drafts can be saved without a target. Add a platform and account, or set Publish Mode to Draft.',
			'platforms',
		);
	}

	const everyTargetHasText = targets.length > 0 && targets.every((target) => target.content !== '');
	if (content === '' && media.length === 0 && !everyTargetHasText) {
		throw fail(
			'The post is empty',
			'Write some Content, add Media, or give every target its own text.',
			'content',
		);
	}
	checkMedia(fail, media);

	const userTimezone = readTimeZone(fail, options.timezone);

	const input: PostInput = { content, targets, publishMode, media, options };
	if (userTimezone !== '') input.timezone = userTimezone;
	if (publishMode !== 'schedule') return input;

	const rawScheduledFor =
		tool?.scheduledFor ?? (context.getNodeParameter('scheduledFor', itemIndex, '') as unknown);
	Object.assign(input, readSchedule(context, fail, rawScheduledFor, userTimezone, rules));
	return input;
}

/** Reads and checks a Post ID parameter. */
export function readPostId(context: IExecuteFunctions, itemIndex: number): string {
	const postId = textField(
		context.getNodeParameter('postId', itemIndex, ''),
		(message, description, field) =>
			invalidParameter(context.getNode(), itemIndex, message, description, field),
		'Post ID',
		'postId',
	);
	if (postId === '') {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			'Post ID is empty',
			'Enter the ID of the post, e.g. from the output of Create Post: {{ $json.id }}.',
			'postId',
		);
	}
	return postId;
}

/** What a tool call gave as simple values, replacing or adding to the node's own fields. */
export interface ToolPost {
	content?: string;
	targets?: PostTarget[];
	media: MediaInput[];
	scheduledFor?: string;
	/** Platform settings the agent gave (TikTok privacy …); they fill in, never replace. */
	settings: ToolSetting[];
	/** The post-wide first comment the agent gave, where the service has one. */
	firstComment?: string;
}

/** One platform setting from a tool call, by the typed field's name. */
export interface ToolSetting {
	platform: string;
	field: string;
	value: string;
	/** The tool call's argument it came from, named when it is refused. */
	argument: string;
}
