import type { IDataObject } from 'n8n-workflow';

import type { ErrorKind } from '../types/dialect';
import { callList } from '../types/request';
import type { ApiCall } from '../types/request';
import { RETURN_ALL_CAP } from './paginate';

export interface CursorPageRequest {
	path: string;
	/** The filters, already in the API's query names. */
	qs: IDataObject;
	listKeys: string[];
	returnAll: boolean;
	limit: number;
	/** The largest page the API serves. */
	maxPageSize: number;
	cursorParam: string;
	limitParam: string;
	/** Advice by kind of failure for these requests (see RequestSpec). */
	adviceByKind?: Partial<Record<ErrorKind, string>>;
}

function asObject(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

function asCursor(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** What tells rows apart: their ID, else the whole row. */
function keyOf(row: IDataObject): string {
	const id = row.id ?? row._id;
	return typeof id === 'string' || typeof id === 'number'
		? `id:${String(id)}`
		: JSON.stringify(row);
}

/**
 * The next page's cursor, wherever the answer puts it: APIs differ and some document no
 * place, so the usual ones are tried (top level, `pagination`, `meta`, `paging`,
 * `cursors`). `hasMore: false` ends the list whatever cursor comes with it.
 */
export function nextCursorIn(envelope: IDataObject): string | undefined {
	const places = [
		envelope,
		...['pagination', 'meta', 'paging', 'page'].map((key) => asObject(envelope[key])),
	].filter((place): place is IDataObject => place !== undefined);
	if (places.some((place) => place.hasMore === false || place.has_more === false)) return undefined;
	// The explicit names first, in every place: a bare `cursor` may echo the one just sent.
	for (const key of ['nextCursor', 'next_cursor', 'cursor', 'next']) {
		for (const place of places) {
			const cursor = asCursor(place[key]);
			// `next` is often a URL: only a bare token is a cursor.
			if (cursor !== undefined && !(key === 'next' && /^https?:/i.test(cursor))) return cursor;
		}
	}
	for (const place of places) {
		const cursors = asObject(place.cursors);
		const after = asCursor(cursors?.after ?? cursors?.next);
		if (after !== undefined) return after;
	}
	return undefined;
}

/**
 * Reads a cursor-paged list: Limit items, or with Return All every page up to
 * RETURN_ALL_CAP. Each page asks for what is still wanted (at most maxPageSize) and
 * hands on the cursor the previous answer gave. No cursor, a cursor already sent, or a
 * page with no row not seen before ends the list, so an API that repeats itself cannot
 * loop forever, and each row is output once.
 */
export async function cursorPaginate(
	call: ApiCall,
	request: CursorPageRequest,
): Promise<IDataObject[]> {
	const wanted = request.returnAll ? RETURN_ALL_CAP : Math.max(1, Math.floor(request.limit));
	const rows: IDataObject[] = [];
	const sent = new Set<string>();
	const seen = new Set<string>();
	let cursor: string | undefined;
	while (rows.length < wanted) {
		const size = Math.min(request.maxPageSize, wanted - rows.length);
		const qs: IDataObject = { ...request.qs, [request.limitParam]: size };
		if (cursor !== undefined) qs[request.cursorParam] = cursor;
		const answer = await callList(call, {
			method: 'GET',
			path: request.path,
			qs,
			listKeys: request.listKeys,
			keepEnvelope: true,
			adviceByKind: request.adviceByKind,
		});
		const fresh = answer.items.filter((row) => {
			const key = keyOf(row);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		rows.push(...fresh.slice(0, wanted - rows.length));
		const next = nextCursorIn(answer.envelope ?? {});
		if (fresh.length === 0 || next === undefined || sent.has(next)) break;
		sent.add(next);
		cursor = next;
	}
	return rows;
}
