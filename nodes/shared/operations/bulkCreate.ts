import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { BatchEntry } from '../core/batcher';
import type { ApiCall, ApiDialect, BatchSender, BulkEntry } from '../core/types';
import { failureToNodeApiError, operationError } from '../errors/errors';
import { guidanceOf, noteGuidance } from '../errors/guidance';
import { postIdOf, unwrapEnvelope } from '../output/post';
import type { RerunLedger } from '../reruns/ledger';
import { paginate } from '../transport/paginate';
import { apiFailure } from '../transport/response';

type Item = BatchEntry<BulkEntry, IDataObject>;

/** Posts created this long before a lost request are still looked at (clocks differ). */
const CLOCK_SLACK_MS = 5 * 60_000;

/** The same batch carries the same key, made of its entries' own keys. */
function batchKey(items: Item[]): string {
	const keys = items.map((item) => item.entry.key).join('\u0000');
	return `n8n-bulk-${createHash('sha256').update(keys).digest('hex').slice(0, 40)}`;
}

/** An item whose post may exist but cannot be known: it is not sent again. */
function mayExist(context: IExecuteFunctions, dialect: ApiDialect, item: Item, why: string): Error {
	const error = operationError(
		context.getNode(),
		item.itemIndex,
		'BULK_OUTCOME_UNKNOWN',
		`${why}: the post of item ${item.itemIndex + 1} may already exist (not sent again)`,
		`Check ${dialect.dashboardHint} or Get Many Posts before sending this row again. The node sends a bulk request again only for entries it could prove were not created.`,
		{ itemIndex: item.itemIndex },
	);
	noteGuidance(error, { mayExist: true });
	return error;
}

/** The answer's results in entry order, or undefined when they cannot be mapped to the entries. */
function resultsInOrder(answer: IDataObject, count: number): IDataObject[] | undefined {
	const list = [answer.results, answer.posts, answer.data, answer.items].find(Array.isArray) as
		| unknown[]
		| undefined;
	if (!list || list.length !== count) return undefined;
	const results = list as IDataObject[];
	if (!results.every((result) => typeof result === 'object' && result !== null)) return undefined;
	const indexed = results.every((result) => typeof result.index === 'number');
	if (!indexed) return results;
	const ordered: IDataObject[] = new Array(count);
	for (const result of results) {
		const index = result.index as number;
		if (!Number.isInteger(index) || index < 0 || index >= count || ordered[index]) return undefined;
		ordered[index] = result;
	}
	return ordered;
}

/** Settles each item from its own result: its post, or its own error. */
function settle(
	context: IExecuteFunctions,
	dialect: ApiDialect,
	items: Item[],
	results: IDataObject[],
	ledger: RerunLedger,
): void {
	items.forEach((item, position) => {
		const result = results[position];
		const error = result.error;
		if (result.success === false || (typeof error === 'object' && error !== null)) {
			const body = (typeof error === 'object' && error !== null ? error : {}) as IDataObject;
			const status = typeof result.status === 'number' ? result.status : 400;
			const failure = apiFailure(dialect, status, {}, body, result);
			item.reject(
				failureToNodeApiError(context.getNode(), failure, {
					serviceName: dialect.serviceName,
					itemIndex: item.itemIndex,
					attempts: 1,
					secrets: [],
				}),
			);
			return;
		}
		const post = unwrapEnvelope(result, ['post', 'data']);
		const id = postIdOf(post);
		if (id === undefined) {
			item.reject(
				mayExist(
					context,
					dialect,
					item,
					`${dialect.serviceName}'s bulk answer has neither a post nor an error for it`,
				),
			);
			return;
		}
		ledger.note(item.itemIndex, { resourceId: id, result: post });
		item.resolve(post);
	});
}

function samePost(entry: IDataObject, post: IDataObject): boolean {
	if ((entry.content ?? null) !== (post.content ?? null)) return false;
	const platforms = (list: unknown) =>
		(Array.isArray(list) ? list : [])
			.map((target) =>
				String(typeof target === 'string' ? target : (target as IDataObject)?.platform),
			)
			.sort()
			.join(',');
	if (platforms(entry.platforms) !== platforms(post.platforms)) return false;
	const when = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : undefined);
	return when(entry.scheduledFor) === when(post.scheduledFor);
}

/**
 * After a request whose outcome is unknown: the account's posts show which entries
 * were created (same text, platforms and time, created since shortly before the
 * request). Those are settled with their post; the rest are returned to be sent.
 */
async function reconcile(
	call: ApiCall,
	dialect: ApiDialect,
	items: Item[],
	since: number,
	ledger: RerunLedger,
): Promise<Item[]> {
	const posts = await paginate(call, dialect.postListing.paging, {
		path: '/posts',
		qs: {},
		listKeys: dialect.postListing.listKeys,
		returnAll: true,
		limit: 0,
	});
	const recent = posts
		.map((post) => unwrapEnvelope(post, ['post']))
		.filter((post) => {
			const created = typeof post.createdAt === 'string' ? Date.parse(post.createdAt) : NaN;
			return Number.isNaN(created) || created >= since - CLOCK_SLACK_MS;
		});
	const missing: Item[] = [];
	for (const item of items) {
		const found = recent.findIndex((post) => samePost(item.entry.body, post));
		if (found === -1) {
			missing.push(item);
			continue;
		}
		const [post] = recent.splice(found, 1);
		ledger.note(item.itemIndex, { resourceId: postIdOf(post), result: post });
		item.resolve(post);
	}
	return missing;
}

/**
 * A bulk create (POST `path` with `{ posts: [...] }`) that never posts twice: each
 * item's outcome is kept for n8n's re-runs; after an answer that was lost, the
 * account's posts are read and only the entries proven missing are sent again;
 * what cannot be known fails with BULK_OUTCOME_UNKNOWN, never a guess.
 */
export function bulkCreateSender(path: string): BatchSender {
	return async (context, call, dialect, batch, ledger) => {
		let toSend: Item[] = [];
		const unknown: Item[] = [];
		for (const item of batch) {
			const earlier = ledger.find(item.itemIndex);
			// An earlier run of the node created it: its post, without a request.
			if (earlier?.result !== undefined) item.resolve(earlier.result);
			else if (earlier) unknown.push(item);
			else toSend.push(item);
		}
		try {
			if (unknown.length > 0)
				toSend = [...toSend, ...(await reconcile(call, dialect, unknown, 0, ledger))];
			toSend.sort((a, b) => a.itemIndex - b.itemIndex);
			for (let round = 0; toSend.length > 0; round++) {
				const sentAt = Date.now();
				let answer: IDataObject;
				try {
					answer = await call({
						method: 'POST',
						path,
						body: { posts: toSend.map((item) => item.entry.body) },
						actsOnce: true,
						batch: true,
						idempotencyKey: batchKey(toSend),
					});
				} catch (error) {
					if (!guidanceOf(error as object).mayExist) {
						// Refused as a whole (a bad key, a plan limit, …): nothing was created.
						for (const item of toSend) item.reject(error);
						return;
					}
					// Lost on the way: the posts may exist. Remember that, then look.
					for (const item of toSend) ledger.note(item.itemIndex, {});
					if (round >= 1) {
						for (const item of toSend)
							item.reject(mayExist(context, dialect, item, 'The bulk request was lost twice'));
						return;
					}
					toSend = await reconcile(call, dialect, toSend, sentAt, ledger);
					continue;
				}
				const results = resultsInOrder(answer, toSend.length);
				if (!results) {
					for (const item of toSend)
						item.reject(
							mayExist(
								context,
								dialect,
								item,
								`${dialect.serviceName}'s bulk answer does not match the ${toSend.length} entries sent`,
							),
						);
					return;
				}
				settle(context, dialect, toSend, results, ledger);
				return;
			}
		} catch (error) {
			// The look-up itself failed: what an uncertain entry did cannot be known; an entry
			// that was never sent just fails with the look-up's error.
			for (const item of batch) {
				if (ledger.find(item.itemIndex) === undefined) item.reject(error);
				else
					item.reject(
						mayExist(
							context,
							dialect,
							item,
							`Checking which posts exist failed (${(error as Error).message})`,
						),
					);
			}
		}
	};
}
