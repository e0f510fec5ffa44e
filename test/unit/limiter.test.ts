import { RateLimiter } from '../../nodes/shared/transport/limiter';

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
