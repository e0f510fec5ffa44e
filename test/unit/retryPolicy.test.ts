import { schedulalaDialect } from '../../nodes/Schedulala/dialect';
import type { ApiFailure } from '../../nodes/shared/errors/failure';
import { mayHaveTakenEffect } from '../../nodes/shared/errors/failure';
import { stopWords } from '../../nodes/shared/errors/retryWords';
import {
	decideRetry as decideRetryReason,
	DEFAULT_RATE_LIMIT_WAIT_MS,
	RATE_LIMIT_WAITS,
} from '../../nodes/shared/transport/retryPolicy';
import type { ApiDialect } from '../../nodes/shared/types/dialect';
import type { RequestSettings, RequestSpec } from '../../nodes/shared/types/request';
import { retryAfterToMs } from '../../nodes/shared/transport/waits';
import { socialSyncerDialect } from '../../nodes/SocialSyncer/dialect';

/** n attempts, none of them rate limited. */
const tries = (attempts: number, rateLimited = 0) => ({ attempts, rateLimited });
const NOW = Date.parse('2026-11-22T12:00:00Z');

/** The decision as the user reads it: the reason in errors/retryWords.ts's words. */
function decideRetry(
	failure: ApiFailure,
	tried: { attempts: number; rateLimited: number },
	settings: RequestSettings,
	spec: RequestSpec,
	dialect: ApiDialect,
	now?: number,
): { retry: boolean; waitMs: number; stopReason?: string; advice?: string } {
	const decision = decideRetryReason(failure, tried, settings, spec, dialect, now);
	if (decision.retry) return decision;
	const words = stopWords(decision.reason, tried.attempts, settings, dialect, spec.resourceId);
	return { retry: false, waitMs: 0, ...words };
}
const settings = { timeoutMs: 30_000, maxRetries: 3, maxWaitMs: 60_000, initialBackoffMs: 1000 };
const get: RequestSpec = { method: 'GET', path: '/posts/1' };
const postPath = (id: string) => `/posts/${id}`;
const create: RequestSpec = {
	method: 'POST',
	path: '/posts',
	does: 'actOnce',
	idempotencyKey: 'k',
	expects: 'post',
	readBackPath: postPath,
};
const retryPost: RequestSpec = {
	method: 'POST',
	path: '/posts/p1/retry',
	does: 'actOnce',
	idempotencyKey: 'k',
	expects: 'post',
	readBackPath: postPath,
	resourceId: 'p1',
};

const serverError: ApiFailure = {
	code: 'INTERNAL_ERROR',
	message: 'm',
	kind: 'server',
	retryable: true,
	processed: true,
	httpCode: 500,
};
const rateLimited: ApiFailure = {
	code: 'RATE_LIMIT_EXCEEDED',
	message: 'm',
	kind: 'rateLimit',
	retryable: true,
	processed: false,
	httpCode: 429,
	askedWaitMs: 2000,
};
const timeout: ApiFailure = { code: 'ETIMEDOUT', message: 'm', kind: 'network', retryable: true };
const refused: ApiFailure = {
	code: 'ECONNREFUSED',
	message: 'm',
	kind: 'network',
	retryable: true,
	processed: false,
};
const badInput: ApiFailure = {
	code: 'VALIDATION_ERROR',
	message: 'm',
	kind: 'input',
	retryable: false,
	processed: true,
	httpCode: 400,
};

describe('what is retried', () => {
	it('never retries a 4xx other than 429', () => {
		expect(decideRetry(badInput, tries(1), settings, get, socialSyncerDialect).retry).toBe(false);
	});

	it('stops after Max Retries and says so', () => {
		const decision = decideRetry(serverError, tries(4), settings, get, socialSyncerDialect);
		expect(decision.retry).toBe(false);
		expect(decision.stopReason).toBe('Gave up after 4 attempts: "Max Retries" is 3.');
	});

	it('does not count 429s as Max Retries: executions sharing a key can lose a window several times', () => {
		// Attempts 1-5 got 429s; this sixth is the first other failure.
		expect(decideRetry(serverError, tries(6, 5), settings, get, socialSyncerDialect).retry).toBe(
			true,
		);
		expect(decideRetry(serverError, tries(9, 5), settings, get, socialSyncerDialect)).toMatchObject(
			{ retry: false, stopReason: 'Gave up after 9 attempts: "Max Retries" is 3.' },
		);
		// Backoff follows the counted failures: the first server error waits 1 s, not 32 s.
		const { waitMs } = decideRetry(serverError, tries(6, 5), settings, get, socialSyncerDialect);
		expect(waitMs).toBeLessThanOrEqual(1100);
	});

	it(`waits out up to ${RATE_LIMIT_WAITS} 429s for one request, then stops and says why`, () => {
		for (let waited = 1; waited <= RATE_LIMIT_WAITS; waited++) {
			expect(
				decideRetry(rateLimited, tries(waited, waited), settings, create, schedulalaDialect).retry,
			).toBe(true);
		}
		const last = RATE_LIMIT_WAITS + 1;
		expect(
			decideRetry(rateLimited, tries(last, last), settings, create, schedulalaDialect),
		).toMatchObject({
			retry: false,
			stopReason: `Gave up after ${last} attempts: still rate limited after waiting ${RATE_LIMIT_WAITS} times.`,
		});
	});

	it('"Max Retries" 0 waits out no 429 either; a higher Max Retries raises the 429 budget with it', () => {
		const none = { ...settings, maxRetries: 0 };
		expect(decideRetry(rateLimited, tries(1, 1), none, get, socialSyncerDialect)).toMatchObject({
			retry: false,
			stopReason: 'Gave up after 1 attempts: "Max Retries" is 0.',
		});
		const many = { ...settings, maxRetries: 10, rateLimitWaits: undefined };
		expect(decideRetry(rateLimited, tries(10, 10), many, get, socialSyncerDialect).retry).toBe(
			true,
		);
		const quick = { ...settings, rateLimitWaits: 1 };
		expect(decideRetry(rateLimited, tries(2, 2), quick, get, socialSyncerDialect).retry).toBe(
			false,
		);
	});
});

describe('waits, as the seeds prescribe', () => {
	it('backs off 1 s, 2 s, 4 s on server errors and timeouts, within 10 %', () => {
		for (const [attempt, base] of [
			[1, 1000],
			[2, 2000],
			[3, 4000],
		]) {
			for (const failure of [serverError, timeout]) {
				const { retry, waitMs } = decideRetry(
					failure,
					tries(attempt),
					settings,
					get,
					socialSyncerDialect,
				);
				expect(retry).toBe(true);
				expect(waitMs).toBeGreaterThanOrEqual(base);
				expect(waitMs).toBeLessThanOrEqual(base * 1.1);
			}
		}
	});

	it('waits what a 429 asks', () => {
		expect(decideRetry(rateLimited, tries(1), settings, get, socialSyncerDialect)).toEqual({
			retry: true,
			waitMs: 2000,
		});
	});

	it("waits the seeds' 60 s for a 429 that names no wait, capped by Max Wait", () => {
		const bare = { ...rateLimited, askedWaitMs: undefined };
		expect(DEFAULT_RATE_LIMIT_WAIT_MS).toBe(60_000);
		expect(decideRetry(bare, tries(1), settings, get, socialSyncerDialect)).toEqual({
			retry: true,
			waitMs: 60_000,
		});
		const shortMax = { ...settings, maxWaitMs: 10_000 };
		expect(decideRetry(bare, tries(1), shortMax, get, socialSyncerDialect)).toEqual({
			retry: true,
			waitMs: 10_000,
		});
	});

	it('never waits less than Initial Backoff, whatever Retry-After says', () => {
		for (const value of ['0', 'Sun, 22 Nov 2026 11:00:00 GMT']) {
			const asked = retryAfterToMs(value, NOW);
			const decision = decideRetry(
				{ ...rateLimited, askedWaitMs: asked },
				tries(1),
				settings,
				get,
				socialSyncerDialect,
				NOW,
			);
			expect(decision).toEqual({ retry: true, waitMs: 1000 });
		}
	});

	it('fails at once when the asked wait is longer than Max Wait, saying when to try again', () => {
		const decision = decideRetry(
			{ ...rateLimited, askedWaitMs: 120_000 },
			tries(1),
			settings,
			get,
			socialSyncerDialect,
			NOW,
		);
		expect(decision.retry).toBe(false);
		expect(decision.advice).toBe('Try again after 2026-11-22T12:02:00.000Z.');
	});

	it('survives an absurd Retry-After without a RangeError', () => {
		const asked = retryAfterToMs('9999999999999', NOW);
		const decision = decideRetry(
			{ ...rateLimited, askedWaitMs: asked },
			tries(1),
			settings,
			get,
			socialSyncerDialect,
			NOW,
		);
		expect(decision.retry).toBe(false);
		expect(decision.stopReason).toMatch(/asked to wait more than a year/);
		expect(decision.advice).toBe('Try again much later.');
	});
});

describe('never a double post', () => {
	it('re-sends a Schedulala create or retry with its Idempotency-Key after anything retryable', () => {
		for (const spec of [create, retryPost]) {
			for (const failure of [serverError, rateLimited, timeout, refused]) {
				expect(decideRetry(failure, tries(1), settings, spec, schedulalaDialect).retry).toBe(true);
			}
		}
	});

	it('re-sends a SocialSyncerAPI create or retry only when it provably never arrived', () => {
		for (const spec of [create, retryPost]) {
			expect(decideRetry(rateLimited, tries(1), settings, spec, socialSyncerDialect).retry).toBe(
				true,
			);
			expect(decideRetry(refused, tries(1), settings, spec, socialSyncerDialect).retry).toBe(true);
			for (const failure of [serverError, timeout]) {
				const decision = decideRetry(failure, tries(1), settings, spec, socialSyncerDialect);
				expect(decision.retry).toBe(false);
				// Advice beside the API's message (description, error item, tool output), not in it.
				expect(decision.advice).toMatch(/^Not sent again/);
			}
		}
		const createStop = decideRetry(timeout, tries(1), settings, create, socialSyncerDialect);
		expect(createStop.advice).toMatch(/the post may already exist.*before creating it again/);
	});

	it('knows which failures may still have acted', () => {
		expect(mayHaveTakenEffect(serverError)).toBe(true);
		expect(mayHaveTakenEffect(timeout)).toBe(true);
		expect(mayHaveTakenEffect(rateLimited)).toBe(false);
		expect(mayHaveTakenEffect(refused)).toBe(false);
		expect(mayHaveTakenEffect(badInput)).toBe(false);
		const cutOff: ApiFailure = { ...serverError, kind: 'badResponse', httpCode: 201 };
		expect(mayHaveTakenEffect(cutOff)).toBe(true);
	});
});

describe('a server error backs off, whatever the rate-limit window says', () => {
	it('ignores X-RateLimit-Reset on a 500 or 502, and uses it on a 429', async () => {
		const { interpretResponse } = await import('../../nodes/shared/transport/response');
		const headers = {
			'x-ratelimit-reset': String(Date.now() + 45_000),
			'x-ratelimit-remaining': '599',
		};
		for (const status of [500, 502]) {
			const outcome = interpretResponse(schedulalaDialect, status, headers, '');
			expect(outcome.ok).toBe(false);
			if (!outcome.ok) {
				expect(outcome.failure.askedWaitMs).toBeUndefined();
				const decision = decideRetry(outcome.failure, tries(1), settings, get, schedulalaDialect);
				expect(decision.retry).toBe(true);
				expect(decision.waitMs).toBeLessThanOrEqual(1100);
			}
		}
		const limited = interpretResponse(schedulalaDialect, 429, headers, '');
		expect(limited.ok || limited.failure.askedWaitMs).toBeGreaterThan(40_000);
	});

	it('honours an explicit Retry-After on a 503', () => {
		const decision = decideRetry(
			{ ...serverError, askedWaitMs: 5000 },
			tries(1),
			settings,
			get,
			socialSyncerDialect,
		);
		expect(decision).toEqual({ retry: true, waitMs: 5000 });
	});
});

describe('the decision gives a reason, errors/ gives the words', () => {
	it('names why it stops', () => {
		const reason = (
			failure: ApiFailure,
			tried: ReturnType<typeof tries>,
			spec: RequestSpec = get,
		) => {
			const decision = decideRetryReason(failure, tried, settings, spec, socialSyncerDialect, NOW);
			return decision.retry ? undefined : decision.reason;
		};
		expect(reason(badInput, tries(1))).toEqual({ why: 'notRetryable' });
		expect(reason(timeout, tries(1), create)).toEqual({ why: 'mayHaveActed' });
		expect(reason(serverError, tries(4))).toEqual({ why: 'outOfRetries' });
		expect(reason(rateLimited, tries(12, 12))).toEqual({
			why: 'stillRateLimited',
			waits: RATE_LIMIT_WAITS,
		});
		expect(reason({ ...rateLimited, askedWaitMs: 120_000 }, tries(1))).toEqual({
			why: 'waitTooLong',
			askedMs: 120_000,
			now: NOW,
		});
		expect(reason(serverError, tries(1))).toBeUndefined();
	});

	it('says an outage in words', () => {
		const words = (failedItems?: number[]) =>
			stopWords({ why: 'outage', failedItems }, 2, settings, socialSyncerDialect).stopReason;
		expect(words([0, 1, 2])).toBe(
			'Tried 2 times. Not tried again: SocialSyncerAPI looks down (items 1, 2, 3 in a row failed after all retries).',
		);
		expect(words()).toBe('Tried 2 times. Not tried again: the run stopped at an earlier error.');
	});
});
