import type { IDataObject } from 'n8n-workflow';

import { alreadySentError } from '../errors/retryWords';
import { postIdOf, unwrapEnvelope } from '../output/post';
import type { RequestSettings, RequestSpec } from '../types/request';
import { paginate } from './paginate';
import { PostFinder } from './postFinder';
import { sendWithRetries } from './retryLoop';
import { decideSend, keepsItemRecord, traitsOf } from './sendOnce';
import type { RequestSession } from './session';

/**
 * Looks up the posts earlier attempts of this run may have created (one list
 * of the account's posts per run), for items the record says were sent.
 */
function postFinderOf(
	session: RequestSession,
	settings: RequestSettings,
	itemIndex: number,
): PostFinder | undefined {
	const window = session.ledger.window;
	if (window === undefined) return undefined;
	session.finder ??= new PostFinder(async () => {
		const posts = await paginate(
			// A request of the run, not of the item that asked first: it waits for no item's turn.
			async (spec) => await send(session, spec, settings, itemIndex, false),
			session.dialect.postListing.paging,
			{
				path: '/posts',
				qs: {},
				listKeys: session.dialect.postListing.listKeys,
				returnAll: true,
				limit: 0,
			},
		);
		return posts.map((post) => unwrapEnvelope(post, ['post']));
	}, window);
	return session.finder;
}

/** The ALREADY_SENT error; `lookedUp`: looked for and not found (true), or the look-up's error. */
function alreadySent(
	session: RequestSession,
	spec: RequestSpec,
	itemIndex: number,
	lookedUp: boolean | Error,
): Error {
	const { context, dialect, ledger } = session;
	return alreadySentError(
		context.getNode(),
		itemIndex,
		dialect,
		ledger.rootExecutionId,
		spec.resourceId,
		lookedUp,
	);
}

/**
 * Sends one request for one item. What a re-run of the node may do with it is
 * the send-once policy's decision (sendOnce.ts): answer from the record,
 * read back by ID, send again with the same key, look the post up, or refuse.
 */
export async function send(
	session: RequestSession,
	spec: RequestSpec,
	settings: RequestSettings,
	itemIndex: number,
	/** false: a request of the whole run (the shared look-up), outside the items' start order. */
	ordered = true,
): Promise<IDataObject> {
	await session.load(itemIndex);
	const earlier = keepsItemRecord(spec) ? session.ledger.find(itemIndex) : undefined;
	const plan = decideSend(earlier, traitsOf(spec, session.dialect.deduplicates));
	// Already done by an earlier run: the answer needs no request, even while the API is down.
	if (plan.step === 'answer') return plan.result;
	const down = session.outage.refusal(session.context.getNode(), itemIndex, session.dialect);
	if (down) throw down;

	if (plan.step === 'readBack') return await readBack(session, spec, plan.id, settings, itemIndex);
	if (plan.step === 'refuse') throw alreadySent(session, spec, itemIndex, false);
	if (plan.step === 'reconcile') {
		const finder = postFinderOf(session, settings, itemIndex);
		let found: IDataObject | undefined;
		try {
			found = finder ? await finder.find(spec.body ?? {}) : undefined;
		} catch (error) {
			// Whether an earlier attempt made the post cannot be known: it is held back, saying why.
			throw alreadySent(session, spec, itemIndex, error as Error);
		}
		if (found !== undefined) {
			session.ledger.note(itemIndex, { resourceId: postIdOf(found), result: found });
			return found;
		}
		if (plan.ifMissing === 'refuse')
			throw alreadySent(session, spec, itemIndex, finder !== undefined);
	}

	const result = await sendWithRetries(
		session,
		spec,
		settings,
		itemIndex,
		plan.step === 'resend',
		ordered,
	);
	if (!result.ok) throw result.error;
	let data = result.data;
	if (spec.does === 'delete')
		session.ledger.note(itemIndex, { resourceId: spec.resourceId, result: data });
	if (spec.does === 'actOnce') {
		const resourceId = postIdOf(data) ?? spec.resourceId;
		if (Object.keys(data).length === 0 && resourceId !== undefined) {
			// Accepted without the post in the answer: noted first, so a failed read-back is not re-sent.
			session.ledger.note(itemIndex, { resourceId });
			data = await readBack(session, spec, resourceId, settings, itemIndex);
		}
		session.ledger.note(itemIndex, { resourceId, result: data });
	} else if (spec.does === 'update' && Object.keys(data).length === 0) {
		// Accepted without the post in the answer (an update): read it back.
		data = await readBack(session, spec, spec.resourceId, settings, itemIndex);
	}
	return data;
}

async function readBack(
	session: RequestSession,
	spec: RequestSpec,
	id: string,
	settings: RequestSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const path = spec.readBackPath?.(id) ?? '';
	const result = await sendWithRetries(
		session,
		{ method: 'GET', path, expects: 'post' },
		settings,
		itemIndex,
	);
	if (!result.ok) throw result.error;
	return result.data;
}
