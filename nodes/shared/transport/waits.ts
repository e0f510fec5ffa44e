import { sleep } from 'n8n-workflow';

/** A delta in X-RateLimit-Reset below this is a duration, not an epoch. */
const EPOCH_SECONDS_MIN = 1e9;
const EPOCH_MILLISECONDS_MIN = 1e12;
/** Cancellation is checked this often while waiting. */
const WAIT_SLICE_MS = 100;
/** Backoff jitter: keeps parallel workflows apart, and every wait within 10 % of the seeds' 1 s, 2 s, 4 s. */
const JITTER = 0.05;
/** IMF-fixdate, the form RFC 9110 asks senders to use. */
const HTTP_DATE = /^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After as seconds or an HTTP date, in milliseconds from now. Two proxies may
 * each add theirs ("5, 7", or two dates): the first valid value counts.
 */
export function retryAfterToMs(value: string | undefined, now: number): number | undefined {
	if (value === undefined) return undefined;
	const parts = value.split(',').map((part) => part.trim());
	for (let index = 0; index < parts.length; index++) {
		const part = parts[index];
		if (/^\d+(\.\d+)?$/.test(part)) return Math.round(Number(part) * 1000);
		// An HTTP date has a comma of its own ("Wed, 21 Oct 2026 07:28:00 GMT"). Only that exact
		// shape counts: Date.parse reads "abc, 2" or "0" as dates decades ago (a wait of 0).
		const date = `${part}, ${parts[index + 1] ?? ''}`;
		if (HTTP_DATE.test(date)) {
			index++;
			const time = Date.parse(date);
			if (!Number.isNaN(time)) return Math.max(0, time - now);
		}
	}
	return undefined;
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
