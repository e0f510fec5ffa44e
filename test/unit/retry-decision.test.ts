import { schedulalaDialect } from '../../nodes/Schedulala/dialect';
import type { ApiFailure } from '../../nodes/shared/failure';
import { decideRetry } from '../../nodes/shared/transport';
import type { RequestSpec } from '../../nodes/shared/types';
import { socialSyncerDialect } from '../../nodes/SocialSyncer/dialect';

const settings = { timeoutMs: 30_000, maxRetries: 3, maxWaitMs: 60_000, initialBackoffMs: 1000 };
const get: RequestSpec = { method: 'GET', path: '/posts/1' };
const create: RequestSpec = {
	method: 'POST',
	path: '/posts',
	createsResource: true,
	idempotencyKey: 'k',
};

const serverError: ApiFailure = {
	code: 'INTERNAL_ERROR',
	message: 'm',
	kind: 'server',
	retryable: true,
	processed: true,
};
const rateLimited: ApiFailure = {
	code: 'RATE_LIMIT_EXCEEDED',
	message: 'm',
	kind: 'rateLimit',
	retryable: true,
	processed: false,
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
};

describe('what is retried', () => {
	it('never retries a 4xx other than 429', () => {
		expect(decideRetry(badInput, 1, settings, get, socialSyncerDialect).retry).toBe(false);
	});

	it('retries reads on server errors and timeouts with exponential backoff', () => {
		const first = decideRetry(serverError, 1, settings, get, socialSyncerDialect);
		const third = decideRetry(timeout, 3, settings, get, socialSyncerDialect);
		expect(first.retry && third.retry).toBe(true);
		expect(first.waitMs).toBeGreaterThanOrEqual(1000);
		expect(third.waitMs).toBeGreaterThanOrEqual(4000);
	});

	it('waits what a 429 asks', () => {
		expect(decideRetry(rateLimited, 1, settings, get, socialSyncerDialect)).toEqual({
			retry: true,
			waitMs: 2000,
		});
	});

	it('stops after Max Retries and says so', () => {
		const decision = decideRetry(serverError, 4, settings, get, socialSyncerDialect);
		expect(decision.retry).toBe(false);
		expect(decision.stopReason).toBe('Gave up after 4 attempts: "Max Retries" is 3.');
	});

	it('fails at once when the asked wait is longer than Max Wait, saying when to try again', () => {
		const decision = decideRetry(
			{ ...rateLimited, askedWaitMs: 120_000 },
			1,
			settings,
			get,
			socialSyncerDialect,
			Date.parse('2026-11-22T12:00:00Z'),
		);
		expect(decision.retry).toBe(false);
		expect(decision.messageSuffix).toBe(' (try again after 2026-11-22T12:02:00.000Z)');
	});
});

describe('never a double post', () => {
	it('re-sends a Schedulala create with its Idempotency-Key after anything retryable', () => {
		for (const failure of [serverError, rateLimited, timeout, refused]) {
			expect(decideRetry(failure, 1, settings, create, schedulalaDialect).retry).toBe(true);
		}
	});

	it('re-sends a SocialSyncerAPI create only when it provably never arrived', () => {
		expect(decideRetry(rateLimited, 1, settings, create, socialSyncerDialect).retry).toBe(true);
		expect(decideRetry(refused, 1, settings, create, socialSyncerDialect).retry).toBe(true);
		for (const failure of [serverError, timeout]) {
			const decision = decideRetry(failure, 1, settings, create, socialSyncerDialect);
			expect(decision.retry).toBe(false);
			expect(decision.stopReason).toMatch(/the post may already exist/);
		}
	});

	it('retries Retry Post freely', () => {
		const retryPost: RequestSpec = { method: 'POST', path: '/posts/1/retry' };
		expect(decideRetry(timeout, 1, settings, retryPost, socialSyncerDialect).retry).toBe(true);
	});
});
