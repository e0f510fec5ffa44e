import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import { invalidParameter } from '../errors/errors';
import { hasOffset, isValidTimeZone, toInstant } from './time';
import type { ToolPost } from './toolInput';

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

export function readTargets(raw: IDataObject): PostTarget[] {
	const entries = (raw.target ?? []) as IDataObject[];
	return entries.map((entry) => ({
		platform: text(entry.platform),
		accountId: text(entry.accountId),
		content: text(entry.content),
	}));
}

/** Media as both APIs' `mediaItems`. */
export function mediaItems(media: MediaInput[]): IDataObject[] {
	return media.map(({ type, url }) => ({ type, url }));
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

export function readMedia(raw: IDataObject): MediaInput[] {
	const entries = (raw.item ?? []) as IDataObject[];
	return entries.map((entry) => {
		const source = text(entry.source) === 'binary' ? 'binary' : 'url';
		return {
			source,
			type: text(entry.type) || (source === 'binary' ? 'auto' : 'image'),
			url: text(entry.url),
			binaryPropertyName: text(entry.binaryPropertyName) || 'data',
		};
	});
}

/** Builds the NodeOperationError for a field of this item. */
export type InputFailure = (message: string, description: string, field: string) => Error;

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

export function checkMedia(fail: InputFailure, media: MediaInput[]): void {
	media.forEach((item, index) => {
		if (item.source === 'url' && !/^https?:\/\/\S+$/i.test(item.url)) {
			throw fail(
				`Media item ${index + 1} has no valid URL`,
				'Enter a public http(s) address the service can download the file from, or set Source to Binary File to post a file of the input item.',
				'media',
			);
		}
	});
}

/** The Time Zone option, checked; '' when not set. */
export function readTimeZone(fail: InputFailure, value: unknown): string {
	const userTimezone = text(value);
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
	const scheduledFor = text(rawScheduledFor);
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
	const content = text(context.getNodeParameter('content', itemIndex, '')) || (tool?.content ?? '');
	const targets =
		tool?.targets ??
		readTargets(context.getNodeParameter('platforms', itemIndex, {}) as IDataObject);
	const publishMode =
		tool?.scheduledFor !== undefined
			? 'schedule'
			: (context.getNodeParameter('publishMode', itemIndex, 'now') as PublishMode);
	const media = [
		...readMedia(context.getNodeParameter('media', itemIndex, {}) as IDataObject),
		...(tool?.media ?? []),
	];
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;

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
	const postId = text(context.getNodeParameter('postId', itemIndex, ''));
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
