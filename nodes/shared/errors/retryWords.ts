import type { INode, NodeOperationError } from 'n8n-workflow';

import type { ApiDialect } from '../types/dialect';
import type { RequestSettings } from '../types/request';
import type { StopReason } from '../types/retry';
import { operationError } from './errors';

/** Anything longer is reported as "more than a year": Date cannot hold every number an API may send. */
const LONGEST_SHOWN_MS = 365 * 24 * 3600 * 1000;

/** A wait as people read it: "1.5 s", "40 min", "more than a year". */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms > LONGEST_SHOWN_MS) return 'more than a year';
	if (ms < 600_000) return `${Math.round(ms / 100) / 10} s`;
	if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
	return `${Math.round(ms / 360_000) / 10} h`;
}

/** The moment a wait ends, as ISO text; undefined when it is too far away to name. */
export function endOfWait(now: number, ms: number): string | undefined {
	if (!Number.isFinite(ms) || ms > LONGEST_SHOWN_MS) return undefined;
	return new Date(now + ms).toISOString();
}

/** The "may already exist" words: what to check before sending the request again. */
export function possibleDuplicateAdvice(dialect: ApiDialect, resourceId?: string): string {
	if (resourceId !== undefined) {
		return `Not sent again: it may already have gone through. Check post ${resourceId} with Get Post before sending it again.`;
	}
	return `Not sent again: the post may already exist. Check with Get Post or in the ${dialect.serviceName} dashboard before creating it again.`;
}

/** The same words for our own refusals' messages (ALREADY_SENT), which are not the API's. */
export function possibleDuplicateSuffix(dialect: ApiDialect, resourceId?: string): string {
	if (resourceId !== undefined) {
		return ` (not sent again: it may already have gone through; check post ${resourceId} with Get Post before sending it again)`;
	}
	return ` (not sent again: the post may already exist; check with Get Post or in the ${dialect.serviceName} dashboard before creating it again)`;
}

/** Why an item's retries stopped once the API was taken to be down (or the run stopped). */
export function outageWords(dialect: ApiDialect, failedItems?: number[]): string {
	if (failedItems === undefined) return 'Not tried again: the run stopped at an earlier error.';
	return `Not tried again: ${dialect.serviceName} looks down (items ${failedItems.map((index) => index + 1).join(', ')} in a row failed after all retries).`;
}

/** The advice for a 2xx to a request that acts once whose answer does not name the post. */
export function acceptedWithoutPostAdvice(dialect: ApiDialect, httpCode?: number): string {
	return `${dialect.serviceName} accepted the request${httpCode !== undefined ? ` (HTTP ${httpCode})` : ''}, so the post may have been created, but its answer does not say which post. It is not sent again: check ${dialect.dashboardHint} or Get Many Posts before creating it again.`;
}

/** What the user reads when a request is not sent again. */
export interface StopWords {
	/** Told to the user when the node stops: goes to the error's description. */
	stopReason?: string;
	/**
	 * What a caller must do next (a possible duplicate, when to try again). Kept out of the
	 * message, which stays the API's own words: it goes to the description and the error item.
	 */
	advice?: string;
}

/** The words for a stop reason, after `attempts` attempts of a request. */
export function stopWords(
	reason: StopReason,
	attempts: number,
	settings: RequestSettings,
	dialect: ApiDialect,
	/** The post the request acts on, when known before sending (Retry Post). */
	resourceId?: string,
): StopWords {
	const tried = attempts > 1 ? `Tried ${attempts} times. ` : '';
	switch (reason.why) {
		case 'notRetryable':
			return { stopReason: attempts > 1 ? tried.trim() : undefined };
		case 'mayHaveActed':
			return {
				stopReason: `${tried}Not sent again: ${dialect.serviceName} cannot recognise a repeated request, so it may already have gone through. Check ${dialect.dashboardHint} before running this item again.`,
				advice: possibleDuplicateAdvice(dialect, resourceId),
			};
		case 'stillRateLimited':
			return {
				stopReason:
					settings.maxRetries === 0 && settings.fromOptions !== false
						? `Gave up after ${attempts} attempts: "Max Retries" is 0.`
						: `Gave up after ${attempts} attempts: still rate limited after waiting ${reason.waits} times.`,
			};
		case 'outOfRetries':
			return {
				stopReason:
					settings.fromOptions === false
						? `Gave up after ${attempts} attempts.`
						: `Gave up after ${attempts} attempts: "Max Retries" is ${settings.maxRetries}.`,
			};
		case 'waitTooLong': {
			const when = endOfWait(reason.now, reason.askedMs);
			const after = when === undefined ? 'much later' : `after ${when}`;
			return {
				stopReason: `${tried}${dialect.serviceName} asked to wait ${formatDuration(reason.askedMs)}, longer than ${settings.fromOptions === false ? 'this request waits' : '"Max Wait"'} (${formatDuration(settings.maxWaitMs)}). Try again ${after}.`,
				advice: `Try again ${after}.`,
			};
		}
		case 'outage':
			return { stopReason: `${tried}${outageWords(dialect, reason.failedItems)}` };
	}
}

/**
 * An item an earlier run of the node already sent, not sent again (the send-once
 * policy, transport/sendOnce.ts). `lookedUp`: true when it was looked for among the
 * account's posts and not found; an error when that look-up failed.
 */
export function alreadySentError(
	node: INode,
	itemIndex: number,
	dialect: ApiDialect,
	rootExecutionId: string,
	resourceId: string | undefined,
	lookedUp: boolean | Error,
): NodeOperationError {
	let looked = '';
	if (lookedUp instanceof Error)
		looked = ` Checking which posts exist failed (${lookedUp.message}), so the node cannot tell whether the earlier attempt created it.`;
	else if (lookedUp)
		looked = ` The node looked for it among the account's posts created since then and did not find it, but the earlier attempt may still have created it.`;
	return operationError(
		node,
		itemIndex,
		'ALREADY_SENT',
		`An earlier run of this node (execution ${rootExecutionId}) already sent this item${possibleDuplicateSuffix(dialect, resourceId)}`,
		`n8n ran the node again (Retry On Fail, or Retry of a failed execution), and ${dialect.serviceName} cannot recognise a repeated request, so the node did not send it a second time.${looked} Check ${dialect.dashboardHint} to see whether it went through. To send it anyway, run the workflow anew rather than retrying the execution.`,
		{ executionId: rootExecutionId },
	);
}
