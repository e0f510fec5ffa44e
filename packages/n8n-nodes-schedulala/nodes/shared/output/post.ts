import type { IDataObject } from 'n8n-workflow';

/** The contract's path of one post, for Get and for reading a post back. */
export function postPath(postId: string): string {
	return `/posts/${encodeURIComponent(postId)}`;
}

export interface FailedPlatform extends IDataObject {
	platform: string;
	error: string;
}

const FAILED_STATUSES = new Set(['failed', 'error']);

function errorText(target: IDataObject): string {
	const error = target.error ?? target.errorMessage ?? target.message;
	if (typeof error === 'string') return error;
	if (error !== null && typeof error === 'object') {
		const nested = (error as IDataObject).message;
		return typeof nested === 'string' ? nested : JSON.stringify(error);
	}
	return 'Failed without a reason';
}

/** Targets whose status is failed, as `{ platform, error }`. */
export function failedPlatforms(platforms: unknown): FailedPlatform[] {
	if (!Array.isArray(platforms)) return [];
	const failed: FailedPlatform[] = [];
	for (const target of platforms) {
		if (target === null || typeof target !== 'object') continue;
		const entry = target as IDataObject;
		const status = String(entry.status ?? '').toLowerCase();
		if (!FAILED_STATUSES.has(status)) continue;
		failed.push({
			platform: String(entry.platform ?? entry.name ?? 'unknown'),
			error: errorText(entry),
		});
	}
	return failed;
}

/** A post's ID as the API names it (`id`, or `_id`), as text. */
export function postIdOf(post: IDataObject): string | undefined {
	const id = post.id ?? post._id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The contract's post item: the API's post plus `id`, `status`, `platforms`, `failedPlatforms`. */
export function toPostItem(post: IDataObject): IDataObject {
	const item: IDataObject = { ...post };
	if (item.id === undefined && item._id !== undefined) item.id = item._id;
	// Unknown statuses stay as the API sent them: only a missing one is filled in.
	if (item.status === undefined || item.status === null) item.status = 'unknown';
	if (item.platforms === undefined) item.platforms = [];
	item.failedPlatforms = failedPlatforms(item.platforms);
	return item;
}

/** Takes the resource out of `{ data }`, `{ post }` or similar envelopes. */
export function unwrapEnvelope(body: IDataObject, keys: string[]): IDataObject {
	for (const key of keys) {
		const value = body[key];
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
			// `{ data: { post: {…} } }` nests once more.
			return unwrapEnvelope(
				value as IDataObject,
				keys.filter((candidate) => candidate !== key),
			);
		}
	}
	return body;
}
