import type { SentItem } from '../types/reruns';
import type { RequestSpec } from '../types/request';

/**
 * The send-once policy: what a node run does with one item's request, given what
 * earlier runs of the node sent for it (reruns/ledger.ts). One decision for single
 * requests (send.ts) and bulk entries (operations/bulkCreate.ts) alike.
 *
 * | earlier run …                                  | request …                      | step       |
 * |------------------------------------------------|--------------------------------|------------|
 * | sent nothing (or the record does not say)      | any                            | send       |
 * | sent it, and this process has the answer       | kept per item                  | answer     |
 * | sent it                                        | done once gone (a delete)      | resend     |
 * | sent it, the resource's ID is known            | can be read back               | readBack   |
 * | sent it                                        | deduplicated by its key        | resend     |
 * | sent it                                        | a create the API lists         | reconcile  |
 * | sent it                                        | anything else that acts once   | refuse     |
 * | may have sent it (the chain's record was lost) | done once gone (a delete)      | resend     |
 * | may have sent it (the chain's record was lost) | a create the API lists         | reconcile  |
 * | may have sent it (the chain's record was lost) | anything else                  | send       |
 *
 * After `reconcile`, a post found is the answer; one not found is sent when the
 * record was lost (nothing says it was sent) and refused otherwise ("may already
 * exist": the earlier attempt may still have created it).
 */

export type SendStep =
	| { step: 'send' }
	| { step: 'answer'; result: NonNullable<SentItem['result']> }
	| { step: 'resend' }
	| { step: 'readBack'; id: string }
	| { step: 'reconcile'; ifMissing: 'send' | 'refuse' }
	| { step: 'refuse' };

/** What the policy needs to know of a request. */
export interface SendTraits {
	/** Sending it twice would act twice (a create, a retry of a post). */
	actsOnce: boolean;
	/** Doing it twice does no harm and a 404 after it means done (a delete). */
	goneMeansDone: boolean;
	/** The resource it acts on, when known before sending (Retry Post). */
	resourceId?: string;
	/** It can be read back by ID (GET of the post). */
	readsBack: boolean;
	/** The API deduplicates it by its Idempotency-Key, and it carries one. */
	deduplicated: boolean;
	/** A create whose post the API lists, so an earlier attempt's post can be looked up. */
	findable: boolean;
}

export function decideSend(earlier: SentItem | undefined, request: SendTraits): SendStep {
	const kept = request.actsOnce || request.goneMeansDone;
	if (!kept || earlier === undefined) return { step: 'send' };
	if (earlier.unknown) {
		if (request.goneMeansDone) return { step: 'resend' };
		return request.findable && request.actsOnce
			? { step: 'reconcile', ifMissing: 'send' }
			: { step: 'send' };
	}
	if (earlier.result !== undefined) return { step: 'answer', result: earlier.result };
	if (request.goneMeansDone) return { step: 'resend' };
	const id = earlier.resourceId ?? request.resourceId;
	if (id !== undefined && request.readsBack) return { step: 'readBack', id };
	if (request.deduplicated) return { step: 'resend' };
	if (request.findable) return { step: 'reconcile', ifMissing: 'refuse' };
	return { step: 'refuse' };
}

/** Whether sending the request twice would act twice (one item's, or a batch's). */
export function actsOnce(spec: RequestSpec): boolean {
	return spec.does === 'actOnce' || spec.does === 'batch';
}

/** Whether an accepted answer without the post is read back by the ID the request acts on. */
export function readsBackById(spec: RequestSpec): boolean {
	return spec.does === 'update' || (spec.does === 'actOnce' && spec.resourceId !== undefined);
}

/**
 * Whether the transport keeps this request's record per item, for n8n's re-runs: what
 * acts once or is done once gone; a batch's items keep their own (operations/bulkCreate.ts).
 */
export function keepsItemRecord(spec: RequestSpec): boolean {
	return spec.does === 'actOnce' || spec.does === 'delete';
}

/** What the policy needs to know of a request, for an API that does or does not deduplicate. */
export function traitsOf(spec: RequestSpec, deduplicates: boolean): SendTraits {
	return {
		actsOnce: spec.does === 'actOnce',
		goneMeansDone: spec.does === 'delete',
		resourceId: spec.resourceId,
		readsBack: spec.does === 'actOnce' || spec.does === 'update',
		deduplicated: deduplicates && spec.does === 'actOnce',
		// A create (no post to act on yet) the API lists among the account's posts.
		findable: spec.does === 'actOnce' && spec.resourceId === undefined && spec.body !== undefined,
	};
}
