import type { SentItem } from '../types/reruns';

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
