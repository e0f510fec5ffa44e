import type { IDataObject } from 'n8n-workflow';

/** A delivery as the APIs send it: `{ event, timestamp, data }`. */
export interface WebhookEvent extends IDataObject {
	event: string;
	timestamp?: string;
	data?: IDataObject;
}

/** The body, if it is an event; anything else is answered 400. */
export function asWebhookEvent(body: unknown): WebhookEvent | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	const event = (body as IDataObject).event;
	if (typeof event !== 'string' || event.trim() === '') return undefined;
	const data = (body as IDataObject).data;
	if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data)))
		return undefined;
	return body as WebhookEvent;
}

function firstString(source: IDataObject, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = source[key];
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return undefined;
}

/** The error of a failed target, whether the API sends a string or `{ code, message }`. */
function errorText(data: IDataObject): string | undefined {
	const error = data.error ?? data.errorMessage ?? data.reason;
	if (typeof error === 'string') return error;
	if (typeof error === 'object' && error !== null && !Array.isArray(error)) {
		const { message, code } = error as IDataObject;
		if (typeof message === 'string')
			return typeof code === 'string' ? `${message} (${code})` : message;
	}
	return undefined;
}

/**
 * The event as sent plus the fields a workflow most often needs, flattened so
 * nobody has to dig into `data`: postId, platform, accountId, status, url, error.
 * Only fields the event has are added; `event`, `timestamp` and `data` stay as sent.
 */
export function eventItem(event: WebhookEvent): IDataObject {
	const data = event.data ?? {};
	const post = (
		typeof data.post === 'object' && data.post !== null ? data.post : {}
	) as IDataObject;
	const flattened: IDataObject = {
		postId: firstString(data, ['postId', 'post_id']) ?? firstString(post, ['id', '_id']),
		platform: firstString(data, ['platform']),
		accountId: firstString(data, ['accountId', 'account_id']),
		status: firstString(data, ['status']) ?? firstString(post, ['status']),
		url: firstString(data, ['platformPostUrl', 'postUrl', 'url']),
		error: errorText(data),
	};
	const item: IDataObject = { ...event };
	for (const [key, value] of Object.entries(flattened))
		if (value !== undefined && !(key in item)) item[key] = value;
	return item;
}
