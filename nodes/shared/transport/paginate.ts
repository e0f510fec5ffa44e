import type { IDataObject } from 'n8n-workflow';

import { type ApiCall, callList } from '../types/request';
import type { PagingStyle } from '../types/dialect';

/** Return All stops here, so that a runaway list cannot fill n8n's memory. */
export const RETURN_ALL_CAP = 10_000;

export interface PageRequest {
	path: string;
	/** The filters, already in the API's query names. */
	qs: IDataObject;
	listKeys: string[];
	returnAll: boolean;
	limit: number;
	/** Told when the API ignored paging: a page brought nothing new, so reading stopped. */
	onRepeat?: (page: number, total: number) => void;
}

/** What tells posts apart: the ID (also inside an envelope), else the whole entry. */
function keyOf(entry: IDataObject): string {
	const inner = (
		typeof entry.post === 'object' && entry.post !== null ? entry.post : entry
	) as IDataObject;
	const id = entry.id ?? entry._id ?? inner.id ?? inner._id;
	return typeof id === 'string' || typeof id === 'number'
		? `id:${String(id)}`
		: JSON.stringify(entry);
}

/** Whether the answer says there is another page, when it says anything. */
function saysMore(body: IDataObject, page: number): boolean | undefined {
	const meta = (body.pagination ?? body.meta ?? body) as IDataObject;
	if (typeof meta.hasMore === 'boolean') return meta.hasMore;
	if (typeof meta.pages === 'number') return page < meta.pages;
	if (typeof meta.totalPages === 'number') return page < meta.totalPages;
	return undefined;
}

/**
 * Reads a paged list: Limit items, or with Return All every page up to
 * RETURN_ALL_CAP. Each dialect says how its pages are asked for; a page that
 * is shorter than asked, or an answer that says so, is the last one. An API that
 * ignores the page parameter sends the same page again and again: a page with no
 * post not seen before ends the list, and each post is output once.
 */
export async function paginate(
	call: ApiCall,
	style: PagingStyle,
	request: PageRequest,
): Promise<IDataObject[]> {
	const wanted = request.returnAll ? RETURN_ALL_CAP : Math.max(1, Math.floor(request.limit));
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	for (let page = 1; items.length < wanted; page++) {
		const size = Math.min(style.maxPageSize, wanted - items.length);
		const answer = await callList(call, {
			method: 'GET',
			path: request.path,
			qs: { ...request.qs, [style.pageParam]: page, [style.limitParam]: size },
			listKeys: request.listKeys,
			keepEnvelope: true,
		});
		const pageItems = answer.items;
		const fresh = pageItems.filter((entry) => {
			const key = keyOf(entry);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		if (pageItems.length > 0 && fresh.length === 0) {
			request.onRepeat?.(page, items.length);
			break;
		}
		items.push(...fresh.slice(0, wanted - items.length));
		const more = saysMore(answer.envelope ?? {}, page);
		if (pageItems.length === 0 || more === false || (more === undefined && pageItems.length < size))
			break;
	}
	return items;
}
