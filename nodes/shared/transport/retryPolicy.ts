import { type ApiFailure, mayHaveTakenEffect } from '../errors/failure';
import type { ApiDialect } from '../types/dialect';
import type { RequestSettings, RequestSpec } from '../types/request';
import type { RetryDecision } from '../types/retry';
import { actsOnce } from './sendOnce';
import { backoffMs } from './waits';

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

/** Whether a failed request may be sent again without acting twice. */
export function mayResend(failure: ApiFailure, spec: RequestSpec, dialect: ApiDialect): boolean {
	if (!actsOnce(spec)) return true;
	// Whether a bulk request is deduplicated is not documented: it is not counted on.
	if (dialect.deduplicates && spec.does === 'actOnce') return true;
	return !mayHaveTakenEffect(failure);
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

/**
 * Whether and when to send a failed request again; when not, the reason
 * (errors/retryWords.ts says it in words). Pure, so it can be tested on its own.
 */
export function decideRetry(
	failure: ApiFailure,
	tries: Tries,
	settings: RequestSettings,
	spec: RequestSpec,
	dialect: ApiDialect,
	now = Date.now(),
): RetryDecision {
	const attempt = tries.attempts;
	if (!failure.retryable) return { retry: false, reason: { why: 'notRetryable' } };
	if (!mayResend(failure, spec, dialect)) return { retry: false, reason: { why: 'mayHaveActed' } };
	if (failure.kind === 'rateLimit') {
		const budget = rateLimitBudget(settings);
		if (tries.rateLimited > budget) {
			return { retry: false, reason: { why: 'stillRateLimited', waits: budget } };
		}
	} else if (attempt - tries.rateLimited > settings.maxRetries) {
		return { retry: false, reason: { why: 'outOfRetries' } };
	}
	// Backoff grows with the failures that count, not with the 429s waited out between them.
	const { waitMs, asked } = waitFor(failure, attempt - tries.rateLimited, settings);
	if (asked !== undefined && asked > settings.maxWaitMs) {
		return { retry: false, reason: { why: 'waitTooLong', askedMs: asked, now } };
	}
	return { retry: true, waitMs };
}
