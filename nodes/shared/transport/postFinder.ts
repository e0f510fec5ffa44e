import type { IDataObject } from 'n8n-workflow';

import type { SendWindow } from '../types/reruns';

/**
 * Finds the posts an earlier attempt may have created, among the account's
 * posts: same text, same targets (platform and account), the same time when the
 * request set one, created within the attempt's window. Each post answers one
 * request at most. Posts created before the window are never matched: a row
 * whose text equals an older post of the account is a new post.
 */

const LINK = /https?:\/\//i;

function targetsOf(list: unknown): string {
	return (Array.isArray(list) ? list : [])
		.map((target) => {
			if (typeof target === 'string') return target;
			const entry = (target ?? {}) as IDataObject;
			return `${String(entry.platform)}:${String(entry.accountId ?? '')}`;
		})
		.sort()
		.join(',');
}

/** Targets compared on what the request said: an account the request left out matches any. */
function sameTargets(request: unknown, post: unknown): boolean {
	const wanted = targetsOf(request).split(',');
	const found = targetsOf(post).split(',');
	if (wanted.length !== found.length) return false;
	return wanted.every((target, index) => {
		const [platform, account] = target.split(':');
		const [foundPlatform, foundAccount] = found[index].split(':');
		return platform === foundPlatform && (!account || account === foundAccount);
	});
}

const timeOf = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : undefined);

export function samePost(request: IDataObject, post: IDataObject): boolean {
	if ((request.content ?? null) !== (post.content ?? null)) return false;
	if (!sameTargets(request.platforms, post.platforms)) return false;
	const when = timeOf(request.scheduledFor);
	return when === undefined || when === timeOf(post.scheduledFor);
}

/**
 * Whether not finding a request's post proves it was not created: not when the
 * API picks the post's time (Add to Queue: the post may sit anywhere in the
 * queue), nor when its text has a link (an API may shorten links).
 */
export function missProvesAbsence(request: IDataObject): boolean {
	return request.queue !== true && !LINK.test(String(request.content ?? ''));
}

export class PostFinder {
	private pool?: Promise<IDataObject[]>;

	constructor(
		/** Every post of the account, as the API lists them. */
		private readonly listPosts: () => Promise<IDataObject[]>,
		private readonly window: SendWindow,
	) {}

	private candidates(): Promise<IDataObject[]> {
		this.pool ??= this.listPosts().then((posts) =>
			posts.filter((post) => {
				const created = timeOf(post.createdAt);
				// A post the list gives no creation time cannot be proven new: it is not matched.
				return (
					created !== undefined &&
					// No slack for clocks: a post from before the window may be another run's.
					created >= this.window.from &&
					created <= this.window.to
				);
			}),
		);
		return this.pool;
	}

	/** The post this request created in the window, claimed so that no other request gets it. */
	async find(request: IDataObject): Promise<IDataObject | undefined> {
		const pool = await this.candidates();
		const found = pool.findIndex((post) => samePost(request, post));
		if (found === -1) return undefined;
		return pool.splice(found, 1)[0];
	}
}
