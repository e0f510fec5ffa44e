import { type INode, sleep } from 'n8n-workflow';

import { StartOrder } from '../../nodes/shared/transport/startOrder';
import type { ApiDialect } from '../../nodes/shared/types/dialect';
import { RateLimiter } from '../../nodes/shared/transport/limiter';
import { type Admission, OutageBreaker } from '../../nodes/shared/transport/outage';
import type { ApiFailure } from '../../nodes/shared/errors/failure';

describe('the rate limiter', () => {
	it('without rate headers, paces to the documented limit from the first answer on', () => {
		const limiter = new RateLimiter({ limit: 600, windowMs: 60_000 }, true);
		expect(limiter.take(0)).toBe(0);
		limiter.observe({}, 's', 250, 0);
		// 600 a minute at 98 %: one start every ~102 ms, counted from the first request.
		expect(limiter.take(250)).toBe(0);
		const wait = limiter.take(250);
		expect(wait).toBeGreaterThan(100);
		expect(wait).toBeLessThan(103);
		expect(limiter.take(250 + wait)).toBe(0);
		// A 429 holds every item for its Retry-After, then the same pace goes on.
		limiter.limited(1_000, 400);
		expect(limiter.take(500)).toBe(900);
		expect(limiter.take(1_400)).toBe(0);
		expect(limiter.take(1_400)).toBeGreaterThan(100);
	});

	it('an API that usually sends rate headers is paced to its documented limit only after a 429', () => {
		const limiter = new RateLimiter({ limit: 600, windowMs: 60_000 });
		expect(limiter.take(0)).toBe(0);
		limiter.observe({}, 's', 10, 0);
		expect([0, 0, 0].map(() => limiter.take(10))).toEqual([0, 0, 0]);
		limiter.limited(1_000, 10);
		expect(limiter.take(1_010)).toBe(0);
		expect(limiter.take(1_010)).toBeGreaterThan(100);
	});

	it('without rate headers or a documented limit, goes at full speed', () => {
		const limiter = new RateLimiter();
		expect(limiter.take(0)).toBe(0);
		limiter.observe({}, 's', 10, 0);
		expect([0, 0, 0].map(() => limiter.take(10))).toEqual([0, 0, 0]);
	});

	it("spreads what is left of the API's window over the time left", () => {
		const limiter = new RateLimiter({ limit: 30, windowMs: 60_000 });
		expect(limiter.take(0)).toBe(0);
		// 9 requests left, the window resets in 900 ms: about one every 100 ms.
		limiter.observe({ 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': String(900) }, 'ms', 0);
		const wait = limiter.take(0);
		expect(wait).toBeGreaterThan(99);
		expect(wait).toBeLessThan(104);
	});

	it('holds every item until the reset once the window is used up', () => {
		const limiter = new RateLimiter();
		limiter.observe({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '5000' }, 'ms', 0);
		expect(limiter.take(1_000)).toBe(4_000);
		expect(limiter.take(5_000)).toBe(0);
	});

	it('counts its own starts within a window, so concurrent items do not overrun it', () => {
		const limiter = new RateLimiter();
		limiter.observe({ 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '10000' }, 'ms', 0);
		expect(limiter.take(0)).toBe(0);
		expect(limiter.take(5_200)).toBe(0);
		// Two started in a window of two: the third waits for the reset.
		expect(limiter.take(5_300)).toBe(4_700);
		// A late answer with a higher count for the same window does not raise it again.
		limiter.observe({ 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '4700' }, 'ms', 5_300);
		expect(limiter.take(5_400)).toBe(4_600);
		expect(limiter.take(10_000)).toBe(0);
	});

	it('a 429 holds every item for the wait it asked for', () => {
		const limiter = new RateLimiter();
		limiter.observe({}, 'ms', 0);
		limiter.limited(2_000, 0);
		expect(limiter.take(500)).toBe(1_500);
		expect(limiter.take(2_000)).toBe(0);
	});

	it("Requests per Minute 1 (or 0.5) paces a minute (two) apart, and says the wait is the run's own pace", () => {
		for (const perMinute of [1, 0.5]) {
			const limiter = new RateLimiter({ limit: perMinute, windowMs: 60_000 }, true);
			expect(limiter.take(0)).toBe(0);
			limiter.observe({}, 's', 100, 0);
			const wait = limiter.take(100);
			// Longer than the default Max Wait (60 s), and kept: the user chose this pace.
			expect(wait).toBeGreaterThan(60_000 / perMinute);
			expect(limiter.ownPace).toBe(true);
		}
	});

	it("a wait the API asks for or reports is not the run's own pace (Max Wait still caps it)", () => {
		const limited = new RateLimiter({ limit: 1, windowMs: 60_000 }, true);
		limited.take(0);
		limited.observe({}, 's', 100, 0);
		limited.limited(120_000, 100);
		expect(limited.take(200)).toBeGreaterThan(60_000);
		expect(limited.ownPace).toBe(false);
		const reported = new RateLimiter({ limit: 30, windowMs: 60_000 });
		reported.take(0);
		reported.observe({ 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '3600000' }, 'ms', 0);
		expect(reported.take(0)).toBeGreaterThan(60_000);
		expect(reported.ownPace).toBe(false);
	});

	it('the first request goes alone; after its answer, without a limit or headers, nothing waits', () => {
		const limiter = new RateLimiter();
		expect(limiter.take(0)).toBe(0);
		expect(limiter.take(0)).toBeGreaterThan(0);
		limiter.observe({}, 'ms', 10);
		expect([0, 0, 0].map(() => limiter.take(10))).toEqual([0, 0, 0]);
	});
});

describe('the start order', () => {
	it('lets an item start only after every earlier item started or finished', async () => {
		const order = new StartOrder();
		const started: number[] = [];
		const start = async (index: number) => {
			await order.turn(index);
			started.push(index);
			order.release(index);
		};
		const later = [start(3), start(1), start(2)];
		await Promise.resolve();
		expect(started).toEqual([]);
		await start(0);
		await Promise.all(later);
		expect(started).toEqual([0, 1, 2, 3]);
	});

	it('an item released without starting (it failed before sending) does not block the rest', async () => {
		const order = new StartOrder();
		const second = order.turn(1).then(() => 'started');
		order.release(0);
		await expect(second).resolves.toBe('started');
	});
});

describe('the outage breaker', () => {
	const node = { name: 'Node' } as INode;
	const dialect = { serviceName: 'Service' } as ApiDialect;
	const unavailable: ApiFailure = {
		code: 'HTTP_503',
		message: 'Service unavailable',
		kind: 'server',
		retryable: true,
		httpCode: 503,
	};
	const notFound: ApiFailure = {
		code: 'NOT_FOUND',
		message: 'Not found',
		kind: 'notFound',
		retryable: false,
		httpCode: 404,
	};
	const settled = async (admissions: Array<Promise<Admission>>) =>
		await Promise.all(admissions.map(async (admission) => await admission));
	const pending = async <T>(promise: Promise<T>): Promise<T | 'pending'> =>
		await Promise.race([promise, sleep(5).then(() => 'pending' as const)]);

	it('lets every item go while the API answers', async () => {
		const breaker = new OutageBreaker();
		await expect(
			settled([0, 1, 2].map(async (index) => await breaker.admit(index))),
		).resolves.toEqual(['go', 'go', 'go']);
	});

	it('after a server error, one item at a time in input order; an answer lets all go', async () => {
		const breaker = new OutageBreaker();
		breaker.attemptFailed(0, unavailable);
		expect(await breaker.admit(0)).toBe('go');
		const third = breaker.admit(2);
		const second = breaker.admit(1);
		expect(await pending(second)).toBe('pending');
		// Item 1 gave up (one item failed, not yet an outage): the lowest waiting item goes next.
		breaker.failed(0, unavailable);
		breaker.leave(0);
		expect(await second).toBe('go');
		expect(await pending(third)).toBe('pending');
		// Any answer but a server error: the API is up, everyone goes.
		breaker.attemptFailed(1, notFound);
		expect(await third).toBe('go');
		expect(await breaker.admit(5)).toBe('go');
	});

	it('after 3 items in a row failed, waiting retries and new items are told the API is down', async () => {
		const breaker = new OutageBreaker();
		breaker.attemptFailed(0, unavailable);
		const [second, third, fourth] = [1, 2, 3].map(async (index) => await breaker.admit(index));
		breaker.failed(0, unavailable);
		breaker.leave(0);
		expect(await second).toBe('go');
		breaker.failed(1, unavailable);
		breaker.leave(1);
		expect(await third).toBe('go');
		expect(await pending(fourth)).toBe('pending');
		breaker.failed(2, unavailable);
		expect(await fourth).toBe('down');
		expect(await breaker.admit(7)).toBe('down');
		expect(breaker.refusal(node, 7, dialect)?.message).toBe(
			'Service looks down: this item was not sent',
		);
		expect(breaker.stopReason(dialect)).toMatch(/looks down \(items 1, 2, 3 in a row/);
	});

	it('Stop wakes an item waiting for its turn', async () => {
		const breaker = new OutageBreaker();
		breaker.attemptFailed(0, unavailable);
		const controller = new AbortController();
		const waiting = breaker.admit(1, controller.signal);
		controller.abort();
		expect(await waiting).toBe('cancelled');
	});

	it('without On Error: Continue, a failure keeps the turn until the run stops (or the item recovers)', async () => {
		const breaker = new OutageBreaker();
		breaker.haltOnFailure = true;
		breaker.attemptFailed(0, unavailable);
		expect(await breaker.admit(0)).toBe('go');
		const waiting = breaker.admit(1);
		breaker.failed(0, unavailable);
		breaker.leave(0);
		expect(await pending(waiting)).toBe('pending');
		// The same item may go on (a bulk request's look-up) while the others wait.
		expect(await breaker.admit(0)).toBe('go');
		breaker.leave(0);
		breaker.halt();
		expect(await waiting).toBe('down');
		expect(await breaker.admit(2)).toBe('down');

		const recovered = new OutageBreaker();
		recovered.haltOnFailure = true;
		recovered.attemptFailed(0, unavailable);
		const next = recovered.admit(1);
		recovered.failed(0, unavailable);
		recovered.leave(0);
		// The item was done without stopping the run: the next one takes its turn.
		recovered.done(0);
		expect(await next).toBe('go');
	});
});
