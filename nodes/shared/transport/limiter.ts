import { header, type Headers } from './response';
import { rateLimitResetToMs } from './waits';

/** Pace a little under the limit: the API's window and our clock never line up exactly. */
const SAFETY = 0.98;
/** How often items waiting for the first answer look again. */
const PROBE_WAIT_MS = 5;

export interface RateLimit {
	limit: number;
	windowMs: number;
}

/**
 * One limiter for all items of a node run, so that concurrent items together stay
 * within the API's rate limit. The first request goes alone: its answer says what
 * the limit is. Then it paces request starts evenly from the API's
 * X-RateLimit-Remaining / Reset when it sends them (what is left of the window,
 * spread over the time left). An API that never sends rate headers is paced to
 * its documented limit from its first answer on; one that usually sends them, from
 * a 429 without them.
 * An exhausted window (Remaining: 0) or a 429 holds every item until the API
 * says it may go on.
 */
export class RateLimiter {
	private nextStartAt = 0;

	private lastStartAt?: number;

	private blockedUntil = 0;

	private remaining?: number;

	private resetAt?: number;

	private intervalMs = 0;

	/** Until the first answer says what the limit is, one request goes alone. */
	private answered = false;

	private probing = false;

	/** The API's window, as its headers show it: requests per window, and the window's length. */
	private limit?: number;

	private windowMs?: number;

	/** Requests started and not answered yet: an answer's count may not include them. */
	private inFlight = 0;

	/** Whether the API sends rate headers; without them the documented limit is all we know. */
	private informed = false;

	/** Whether the pace is the run's own limit (Requests per Minute, or the documented one). */
	private ownInterval = false;

	/**
	 * `documented` paces the run once a 429 shows the API's limit; with `paceFromStart`
	 * (an API that never sends rate headers) already from its first answer.
	 */
	constructor(
		private readonly documented?: RateLimit,
		private readonly paceFromStart = false,
	) {}

	/** Milliseconds until a request may start; 0 means it may start now, and it is counted. */
	take(now = Date.now()): number {
		const at = Math.max(this.nextStartAt, this.blockedUntil);
		if (at > now) return at - now;
		if (!this.answered) {
			if (this.probing) return PROBE_WAIT_MS;
			this.probing = true;
		}
		this.rollOver(now);
		this.lastStartAt = now;
		this.nextStartAt = now + this.intervalMs;
		this.inFlight += 1;
		if (this.remaining !== undefined) {
			this.remaining -= 1;
			if (this.remaining <= 0 && this.resetAt !== undefined) {
				// Used up: nothing until the reset, and a fresh window from then on.
				this.blockedUntil = Math.max(this.blockedUntil, this.resetAt);
				this.nextStartAt = Math.min(this.nextStartAt, this.resetAt);
			}
		}
		return 0;
	}

	/**
	 * Whether the wait take() asks for is the run's own pace (Requests per Minute), not a
	 * window the API reported or asked for: the user chose that pace, so it is kept
	 * however long it is (1 a minute waits over a minute).
	 */
	get ownPace(): boolean {
		return this.ownInterval && this.nextStartAt >= this.blockedUntil;
	}

	/**
	 * Whether items wait for the first request's answer (the probe): that wait is kept whatever
	 * Max Wait says, or a Max Wait of 0 would send every item at once.
	 */
	get awaitingFirstAnswer(): boolean {
		return !this.answered && this.probing;
	}

	/**
	 * The known window ended and no answer has described the next one yet: expect the
	 * same limit again and pace it evenly, so waiting items do not all start at the reset.
	 */
	private rollOver(now: number): void {
		if (this.resetAt === undefined || now < this.resetAt) return;
		if (this.limit === undefined || this.windowMs === undefined) return;
		// The API starts its next window with the next request it gets: this one.
		this.resetAt = now + this.windowMs;
		this.remaining = this.limit;
		this.intervalMs = this.windowMs / this.limit / SAFETY;
		this.ownInterval = false;
	}

	/**
	 * Reads the rate headers of an answer (empty headers: a request ended without one).
	 * `sentAt` is when that request started: a window that began with it is at least
	 * reset − sentAt long.
	 */
	observe(headers: Headers, deltaUnit: 'ms' | 's', now = Date.now(), sentAt = now): void {
		this.answered = true;
		this.inFlight = Math.max(0, this.inFlight - 1);
		const remaining = Number(header(headers, 'x-ratelimit-remaining'));
		const resetIn = rateLimitResetToMs(header(headers, 'x-ratelimit-reset'), now, deltaUnit);
		if (!Number.isFinite(remaining) || resetIn === undefined) {
			if (!this.informed && this.paceFromStart) this.paceToDocumented();
			return;
		}
		this.informed = true;
		const resetAt = now + resetIn;
		const limit = Number(header(headers, 'x-ratelimit-limit'));
		if (Number.isFinite(limit) && limit > 0) {
			this.limit = limit;
			// The window began with this request (or later): its length is at most reset − sentAt.
			if (remaining === limit - 1) this.windowMs = Math.max(this.windowMs ?? 0, resetAt - sentAt);
		}
		// Answers arrive out of order: within one window the lowest count is the latest.
		const sameWindow = this.resetAt !== undefined && Math.abs(resetAt - this.resetAt) < 50;
		if (sameWindow) {
			this.remaining = Math.min(this.remaining ?? remaining, remaining);
		} else {
			// A new window: requests still in flight may not be counted in this answer yet.
			this.remaining = remaining - this.inFlight;
		}
		this.resetAt = resetAt;
		if (this.remaining <= 0) {
			this.blockedUntil = Math.max(this.blockedUntil, resetAt);
		} else {
			this.intervalMs = Math.max(0, resetIn) / this.remaining / SAFETY;
			this.ownInterval = false;
			if (this.lastStartAt !== undefined) this.nextStartAt = this.lastStartAt + this.intervalMs;
		}
	}

	/** A 429 that asked to wait: every item waits with it. */
	limited(waitMs: number, now = Date.now()): void {
		this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
		// The first start after the wait is the one the API asked for; the pace counts from there.
		if (!this.informed) this.paceToDocumented(false);
	}

	/** Without rate headers the documented plan limit is all there is to go by. */
	private paceToDocumented(fromLastStart = true): void {
		if (!this.documented || this.intervalMs > 0) return;
		this.intervalMs = this.documented.windowMs / this.documented.limit / SAFETY;
		this.ownInterval = true;
		if (fromLastStart && this.lastStartAt !== undefined)
			this.nextStartAt = this.lastStartAt + this.intervalMs;
	}
}
