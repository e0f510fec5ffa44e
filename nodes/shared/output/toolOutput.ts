import type { IDataObject } from 'n8n-workflow';

import { accountIdOf, needsReconnect } from './account';

function pick(source: IDataObject, keys: string[]): IDataObject {
	const picked: IDataObject = {};
	for (const key of keys)
		if (source[key] !== undefined && source[key] !== null && source[key] !== '')
			picked[key] = source[key];
	return picked;
}

function compactTarget(target: IDataObject): IDataObject {
	const url = target.platformPostUrl ?? target.url ?? target.postUrl;
	return {
		...pick(target, ['platform', 'accountId', 'status']),
		...(url !== undefined ? { url } : {}),
		...pick(target, ['error']),
	};
}

/**
 * What a tool call returns: the few fields an agent acts on, not the whole API
 * body (n8n hands every field of every item to the model, without a limit).
 * Posts keep id, status, time, per-platform status and URL, failedPlatforms;
 * accounts their ID, platform, name and whether they need reconnecting.
 */
export function toolOutput(json: IDataObject): IDataObject {
	if (json.error !== undefined) return json;
	if (json.id !== undefined && (Array.isArray(json.platforms) || json.status !== undefined)) {
		const platforms = Array.isArray(json.platforms) ? (json.platforms as IDataObject[]) : [];
		return {
			...pick(json, ['id', 'status', 'scheduledFor', 'timezone']),
			platforms: platforms.map(compactTarget),
			failedPlatforms: json.failedPlatforms ?? [],
			...pick(json, ['mediaNotices', 'platformNotices']),
		};
	}
	if (accountIdOf(json) !== '' && json.platform !== undefined) {
		return {
			accountId: accountIdOf(json),
			...pick(json, ['platform', 'username', 'name', 'displayName']),
			needsReconnect: needsReconnect(json),
		};
	}
	return json;
}
