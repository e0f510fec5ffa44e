import { backoffMs, rateLimitResetToMs, retryAfterToMs } from '../../nodes/shared/transport/waits';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('Retry-After', () => {
	it.each([
		['2', 2000],
		['0', 0],
		['1.5', 1500],
		['Sun, 22 Nov 2026 12:00:30 GMT', 30_000],
		['Sun, 22 Nov 2026 11:00:00 GMT', 0],
	])('%s → %i ms', (value, expected) => {
		expect(retryAfterToMs(value, NOW)).toBe(expected);
	});

	it.each([undefined, '', 'soon'])('ignores %p', (value) => {
		expect(retryAfterToMs(value, NOW)).toBeUndefined();
	});
});

describe('X-RateLimit-Reset', () => {
	it('reads epoch milliseconds (the Schedulala seed)', () => {
		expect(rateLimitResetToMs(String(NOW + 1234), NOW, 'ms')).toBe(1234);
	});
	it('reads epoch seconds', () => {
		expect(rateLimitResetToMs(String(NOW / 1000 + 30), NOW, 'ms')).toBe(30_000);
	});
	it('reads a plain delta in the dialect unit', () => {
		expect(rateLimitResetToMs('750', NOW, 'ms')).toBe(750);
		expect(rateLimitResetToMs('20', NOW, 's')).toBe(20_000);
	});
	it('never asks for a negative wait', () => {
		expect(rateLimitResetToMs(String(NOW - 5000), NOW, 'ms')).toBe(0);
	});
	it('ignores garbage', () => {
		expect(rateLimitResetToMs('tomorrow', NOW, 'ms')).toBeUndefined();
	});
});

describe('exponential backoff', () => {
	it('doubles from the initial wait with at most 10% jitter', () => {
		for (const [retry, base] of [
			[1, 1000],
			[2, 2000],
			[3, 4000],
		]) {
			const wait = backoffMs(retry, 1000);
			expect(wait).toBeGreaterThanOrEqual(base);
			expect(wait).toBeLessThanOrEqual(base * 1.1);
		}
	});
});
