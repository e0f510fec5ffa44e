import { type ApiFailure, mayHaveTakenEffect } from '../errors/failure';
import type { ApiDialect } from '../types/dialect';
import type { RequestSettings, RequestSpec } from '../types/request';
import { backoffMs, endOfWait, formatDuration } from './waits';

/** Both seeds: a 429 without a wait header waits 60 s. Our assumption, so Max Wait caps it. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * A 429 is the API saying "not yet", not a failure of the request: when several
 * executions share one API key, one request can lose the race for the next window
 * a few times in a row. So 429s do not count as Max Retries; a request waits out
 * up to this many (or Max Retries, if higher), each wait within Max Wait.
 */
export const RATE_LIMIT_WAITS = 10;

/** A request's attempts so far, this one included, and how many of them got a 429. */
export interface Tries {
	attempts: number;
	rateLimited: number;
}

function rateLimitBudget(settings: RequestSettings): number {
	if (settings.maxRetries === 0) return 0;
	return settings.rateLimitWaits ?? Math.max(settings.maxRetries, RATE_LIMIT_WAITS);
}

export interface RetryDecision {
	retry: boolean;
	waitMs: number;
	/** Told to the user when the node stops. */
	stopReason?: string;
	/**
	 * What a caller must do next (a possible duplicate, when to try again). Kept out of the
	 * message, which stays the API's own words: it goes to the description and the error item.
	 */
	advice?: string;
}

/** Whether a failed request may be sent again without acting twice. */
export function mayResend(failure: ApiFailure, spec: RequestSpec, dialect: ApiDialect): boolean {
	if (!spec.actsOnce) return true;
	// Whether a bulk request is deduplicated is not documented: it is not counted on.
	if (dialect.deduplicates && spec.idempotencyKey !== undefined && !spec.batch) return true;
	return !mayHaveTakenEffect(failure);
}

/** The "may already exist" words: what to check before sending the request again. */
export function possibleDuplicateAdvice(dialect: ApiDialect, spec: RequestSpec): string {
	if (spec.resourceId !== undefined) {
		return `Not sent again: it may already have gone through. Check post ${spec.resourceId} with Get Post before sending it again.`;
	}
	return `Not sent again: the post may already exist. Check with Get Post or in the ${dialect.serviceName} dashboard before creating it again.`;
}

/** The same words for our own refusals' messages (ALREADY_SENT), which are not the API's. */
export function possibleDuplicateSuffix(dialect: ApiDialect, spec: RequestSpec): string {
	if (spec.resourceId !== undefined) {
		return ` (not sent again: it may already have gone through; check post ${spec.resourceId} with Get Post before sending it again)`;
	}
	return ` (not sent again: the post may already exist; check with Get Post or in the ${dialect.serviceName} dashboard before creating it again)`;
}

function waitFor(
	failure: ApiFailure,
	attempt: number,
	settings: RequestSettings,
): { waitMs: number; asked?: number } {
	const asked = failure.askedWaitMs;
	if (asked !== undefined) {
		// Retry-After: 0, a past date or a reset already due: still at least one backoff step.
		return { waitMs: Math.max(asked, settings.initialBackoffMs), asked };
	}
	if (failure.kind === 'rateLimit') {
		return {
			waitMs: Math.max(
				Math.min(DEFAULT_RATE_LIMIT_WAIT_MS, settings.maxWaitMs),
				settings.initialBackoffMs,
			),
		};
	}
	return { waitMs: Math.min(backoffMs(attempt, settings.initialBackoffMs), settings.maxWaitMs) };
}

/** Whether and when to send a failed request again. Pure, so it can be tested on its own. */
export function decideRetry(
	failure: ApiFailure,
	tries: Tries,
	settings: RequestSettings,
	spec: RequestSpec,
	dialect: ApiDialect,
	now = Date.now(),
): RetryDecision {
	const attempt = tries.attempts;
	const tried = attempt > 1 ? `Tried ${attempt} times. ` : '';
	if (!failure.retryable) {
		return { retry: false, waitMs: 0, stopReason: attempt > 1 ? tried.trim() : undefined };
	}
	if (!mayResend(failure, spec, dialect)) {
		return {
			retry: false,
			waitMs: 0,
			stopReason: `${tried}Not sent again: ${dialect.serviceName} cannot recognise a repeated request, so it may already have gone through. Check ${dialect.dashboardHint} before running this item again.`,
			advice: possibleDuplicateAdvice(dialect, spec),
		};
	}
	if (failure.kind === 'rateLimit') {
		const budget = rateLimitBudget(settings);
		if (tries.rateLimited > budget) {
			return {
				retry: false,
				waitMs: 0,
				stopReason:
					settings.maxRetries === 0 && settings.fromOptions !== false
						? `Gave up after ${attempt} attempts: "Max Retries" is 0.`
						: `Gave up after ${attempt} attempts: still rate limited after waiting ${budget} times.`,
			};
		}
	} else if (attempt - tries.rateLimited > settings.maxRetries) {
		return {
			retry: false,
			waitMs: 0,
			stopReason:
				settings.fromOptions === false
					? `Gave up after ${attempt} attempts.`
					: `Gave up after ${attempt} attempts: "Max Retries" is ${settings.maxRetries}.`,
		};
	}
	// Backoff grows with the failures that count, not with the 429s waited out between them.
	const { waitMs, asked } = waitFor(failure, attempt - tries.rateLimited, settings);
	if (asked !== undefined && asked > settings.maxWaitMs) {
		const when = endOfWait(now, asked);
		const after = when === undefined ? 'much later' : `after ${when}`;
		return {
			retry: false,
			waitMs: 0,
			stopReason: `${tried}${dialect.serviceName} asked to wait ${formatDuration(asked)}, longer than ${settings.fromOptions === false ? 'this request waits' : '"Max Wait"'} (${formatDuration(settings.maxWaitMs)}). Try again ${after}.`,
			advice: `Try again ${after}.`,
		};
	}
	return { retry: true, waitMs };
}
