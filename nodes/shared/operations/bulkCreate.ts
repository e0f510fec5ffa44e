import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiCall } from '../types/request';
import type { ApiDialect } from '../types/dialect';
import type { BatchEntry, BatchSender, BulkEntry } from '../types/operation';
import { failureToNodeApiError, invalidParameter, operationError } from '../errors/errors';
import { guidanceOf, noteGuidance } from '../errors/guidance';
import { decimalNumber } from '../input/number';
import { postIdOf, unwrapEnvelope } from '../output/post';
import type { RerunLedger } from '../types/reruns';
import { missProvesAbsence, PostFinder } from '../transport/postFinder';
import { decideSend } from '../transport/sendOnce';
import { paginate } from '../transport/paginate';
import { apiFailure } from '../transport/response';

type Item = BatchEntry<BulkEntry, IDataObject>;

/**
 * Options → Bulk of an item: its batch size, or undefined when it goes on its own.
 * A size the API cannot take (an expression, an imported workflow: the editor keeps
 * typed values within range) is refused, not bent to fit: the user meant something else.
 */
export function bulkSizeOf(
	context: IExecuteFunctions,
	itemIndex: number,
	maxSize: number,
): number | undefined {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (options.bulk !== true) return undefined;
	const value = options.bulkSize ?? maxSize;
	const size = decimalNumber(value);
	if (size !== undefined && Number.isInteger(size) && size >= 1 && size <= maxSize) return size;
	throw invalidParameter(
		context.getNode(),
		itemIndex,
		`Bulk Size must be a whole number from 1 to ${maxSize}, not ${JSON.stringify(value)}`,
		`Set Options → Bulk Size to how many posts go in one request: 1 to ${maxSize} (the most the API takes). Nothing was sent.`,
		'bulkSize',
	);
}

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
			// Its entry was accepted: the post may exist without an ID to find it by.
			ledger.note(item.itemIndex, {});
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

/** Every post of the account, for finding what a lost or earlier request created. */
function accountPosts(call: ApiCall, dialect: ApiDialect): () => Promise<IDataObject[]> {
	return async () =>
		(
			await paginate(call, dialect.postListing.paging, {
				path: '/posts',
				qs: {},
				listKeys: dialect.postListing.listKeys,
				returnAll: true,
				limit: 0,
			})
		).map((post) => unwrapEnvelope(post, ['post']));
}

/**
 * Settles the items whose post the finder finds; returns the others. A row the
 * look-up cannot prove missing (its time is the API's, or its text has a link the
 * API may rewrite) is not sent again: it fails "may already exist".
 */
async function reconcile(
	context: IExecuteFunctions,
	dialect: ApiDialect,
	finder: PostFinder,
	items: Item[],
	ledger: RerunLedger,
	/** What a row not found becomes: sent, sent when its miss proves absence, or refused. */
	ifMissing: 'send' | 'sendIfProven' | 'refuse',
): Promise<Item[]> {
	const missing: Item[] = [];
	for (const item of items) {
		const post = await finder.find(item.entry.body);
		if (post !== undefined) {
			ledger.note(item.itemIndex, { resourceId: postIdOf(post), result: post });
			item.resolve(post);
		} else if (
			ifMissing === 'send' ||
			(ifMissing === 'sendIfProven' && missProvesAbsence(item.entry.body))
		) {
			missing.push(item);
		} else {
			item.reject(
				mayExist(
					context,
					dialect,
					item,
					ifMissing === 'sendIfProven'
						? 'Its post was not found after the bulk request was lost, but the time or text it was posted with may differ from what was sent'
						: 'An earlier run of this node sent this row, and its post was not found among the posts created since',
				),
			);
		}
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
		// Rows an earlier run sent (a miss is not proof), and rows the lost record may have sent.
		const sentBefore: Item[] = [];
		const maybeSent: Item[] = [];
		const listPosts = accountPosts(call, dialect);
		for (const item of batch) {
			const plan = decideSend(ledger.find(item.itemIndex), {
				actsOnce: true,
				goneMeansDone: false,
				readsBack: false,
				// Whether the bulk endpoint deduplicates is not documented: it is not counted on.
				deduplicated: false,
				findable: true,
			});
			if (plan.step === 'answer') item.resolve(plan.result);
			else if (plan.step === 'send') toSend.push(item);
			else if (plan.step === 'reconcile' && plan.ifMissing === 'send') maybeSent.push(item);
			else sentBefore.push(item);
		}
		try {
			const window = ledger.window;
			if (window && sentBefore.length + maybeSent.length > 0) {
				const finder = new PostFinder(listPosts, window);
				await reconcile(context, dialect, finder, sentBefore, ledger, 'refuse');
				toSend = [
					...toSend,
					...(await reconcile(context, dialect, finder, maybeSent, ledger, 'send')),
				];
			}
			toSend.sort((a, b) => a.itemIndex - b.itemIndex);
			const firstSentAt = Date.now();
			for (let round = 0; toSend.length > 0; round++) {
				let answer: IDataObject;
				try {
					answer = await call({
						method: 'POST',
						path,
						// Each entry carries its own key (inferred: the docs show the header only).
						body: {
							posts: toSend.map((item) => ({ ...item.entry.body, idempotencyKey: item.entry.key })),
						},
						does: 'batch',
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
					// Only posts created since this batch was first sent can be its entries.
					const finder = new PostFinder(listPosts, { from: firstSentAt, to: Date.now() });
					toSend = await reconcile(context, dialect, finder, toSend, ledger, 'sendIfProven');
					continue;
				}
				const results = resultsInOrder(answer, toSend.length);
				if (!results) {
					for (const item of toSend) {
						// Accepted, but which entries were created cannot be told: each may exist.
						ledger.note(item.itemIndex, {});
						item.reject(
							mayExist(
								context,
								dialect,
								item,
								`${dialect.serviceName}'s bulk answer does not match the ${toSend.length} entries sent`,
							),
						);
					}
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
