import { sleep } from 'n8n-workflow';

/** A delta in X-RateLimit-Reset below this is a duration, not an epoch. */
const EPOCH_SECONDS_MIN = 1e9;
const EPOCH_MILLISECONDS_MIN = 1e12;
/** Cancellation is checked this often while waiting. */
const WAIT_SLICE_MS = 100;
/** Backoff jitter: keeps parallel workflows apart, and every wait within 10 % of the seeds' 1 s, 2 s, 4 s. */
const JITTER = 0.05;
/** Anything longer is reported as "more than a year": Date cannot hold every number an API may send. */
const LONGEST_SHOWN_MS = 365 * 24 * 3600 * 1000;

/**
 * Retry-After as seconds or an HTTP date, in milliseconds from now. Two proxies may
 * each add theirs ("5, 7", or two dates): the first valid value counts.
 */
export function retryAfterToMs(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const trimmed = value.trim();
	const first = trimmed.split(',')[0].trim();
	if (/^\d+(\.\d+)?$/.test(first)) return Math.round(Number(first) * 1000);
	// An HTTP date has a comma of its own ("Wed, 21 Oct 2026 07:28:00 GMT"): the first one whole.
	const date = Date.parse(/^[A-Za-z]{3},[^,]*/.exec(trimmed)?.[0] ?? trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * X-RateLimit-Reset in milliseconds from now. Accepts epoch milliseconds (the
 * Schedulala seed), epoch seconds, or a plain delta in the dialect's unit.
 */
export function rateLimitResetToMs(
	value: string | undefined,
	now: number,
	deltaUnit: 'ms' | 's',
): number | undefined {
	if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
	const reset = Number(value);
	if (reset >= EPOCH_MILLISECONDS_MIN) return Math.max(0, Math.ceil(reset - now));
	if (reset >= EPOCH_SECONDS_MIN) return Math.max(0, Math.ceil(reset * 1000 - now));
	return Math.ceil(deltaUnit === 'ms' ? reset : reset * 1000);
}

/** Exponential backoff for retry number n (1-based): initial, 2x, 4x … plus up to 5 % jitter. */
export function backoffMs(retryNumber: number, initialMs: number): number {
	const base = initialMs * 2 ** (retryNumber - 1);
	return Math.round(base * (1 + Math.random() * JITTER));
}

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

/**
 * Waits, in slices so that a cancelled execution stops waiting promptly.
 * Resolves to false when the execution was cancelled.
 */
export async function waitUnlessCancelled(ms: number, signal?: AbortSignal): Promise<boolean> {
	const until = Date.now() + ms;
	while (!signal?.aborted) {
		const left = until - Date.now();
		if (left <= 0) return true;
		await sleep(Math.min(left, WAIT_SLICE_MS));
	}
	return false;
}
