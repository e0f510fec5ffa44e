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

/** The places an answer may keep its paging facts: the top, `data`, and their paging objects. */
function pagingPlaces(envelope: IDataObject): IDataObject[] {
	const places: IDataObject[] = [];
	const visit = (place: IDataObject | undefined, depth: number) => {
		if (place === undefined || depth > 2) return;
		places.push(place);
		for (const key of ['data', 'pagination', 'meta', 'paging', 'page', 'links'])
			visit(asObject(place[key]), depth + 1);
	};
	visit(envelope, 0);
	return places;
}

/** A `next` link's cursor: its `cursor` query parameter; a bare token is the cursor itself. */
function cursorOfLink(value: string): string | undefined {
	if (!/^https?:/i.test(value) && !value.startsWith('/')) return value;
	const match = /[?&](?:cursor|after|next_cursor|nextCursor)=([^&#]+)/.exec(value);
	return match ? decodeURIComponent(match[1]) : undefined;
}

export interface CursorFinding {
	/** The next page's cursor; undefined: the list ends here, or (`more`) it cannot be followed. */
	cursor?: string;
	/** The answer says more rows follow (hasMore: true). */
	more: boolean;
}

/**
 * The next page's cursor, wherever the answer puts it: APIs differ and some document no
 * place, so the usual ones are tried (top level, `data`, `pagination`, `meta`, `paging`,
 * `links`, two levels deep). `hasMore: false` ends the list whatever cursor comes with it.
 */
export function findNextCursor(envelope: IDataObject): CursorFinding {
	const places = pagingPlaces(envelope);
	const flag = (value: unknown) =>
		places.some((place) => place.hasMore === value || place.has_more === value);
	if (flag(false)) return { more: false };
	const more = flag(true);
	// The explicit names first, in every place: a bare `cursor` may echo the one just sent.
	for (const key of ['nextCursor', 'next_cursor', 'cursor', 'next']) {
		for (const place of places) {
			const cursor = asCursor(place[key]);
			if (cursor === undefined) continue;
			const found = key === 'next' ? cursorOfLink(cursor) : cursor;
			if (found !== undefined) return { cursor: found, more };
		}
	}
	for (const place of places) {
		const cursors = asObject(place.cursors);
		const after = asCursor(cursors?.after ?? cursors?.next);
		if (after !== undefined) return { cursor: after, more };
	}
	return { more };
}

export interface CursorList {
	rows: IDataObject[];
	/** The answer said more rows follow without a cursor to read them: the list is incomplete. */
	unreadableCursor: boolean;
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
): Promise<CursorList> {
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
		const { cursor: next, more } = findNextCursor(answer.raw ?? answer.envelope ?? {});
		// The API says more rows follow but gives no cursor this node can read: stopping here
		// would hand on part of the list as if it were all of it.
		if (next === undefined && more && fresh.length > 0 && rows.length < wanted)
			return { rows, unreadableCursor: true };
		if (fresh.length === 0 || next === undefined || sent.has(next)) break;
		sent.add(next);
		cursor = next;
	}
	return { rows, unreadableCursor: false };
}
