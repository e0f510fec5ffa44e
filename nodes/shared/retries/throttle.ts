import { header, type Headers } from '../transport/response';
import { rateLimitResetToMs } from './waits';

/**
 * Remembers an exhausted rate-limit window (X-RateLimit-Remaining: 0) so that
 * later requests of the same run wait for the reset instead of collecting a 429.
 */
export class RateLimitGate {
	private openAt = 0;

	note(headers: Headers, deltaUnit: 'ms' | 's', now = Date.now()): void {
		if (header(headers, 'x-ratelimit-remaining')?.trim() !== '0') return;
		const resetIn = rateLimitResetToMs(header(headers, 'x-ratelimit-reset'), now, deltaUnit);
		if (resetIn !== undefined) this.openAt = Math.max(this.openAt, now + resetIn);
	}

	/** Milliseconds to wait before the next request may go out. */
	delayMs(now = Date.now()): number {
		return Math.max(0, this.openAt - now);
	}
}
