import { header, type Headers } from './response';

/** Below this a clock difference is the Date header's whole seconds and the trip, not skew. */
const SKEW_TOLERANCE_MS = 2000;
const MAX_SKEW_MS = 24 * 3_600_000;

/** The API's time when it answered, from its `Date` header; undefined without one. */
function apiTime(headers: Headers): number | undefined {
	const date = header(headers ?? {}, 'date');
	const time = date === undefined ? NaN : Date.parse(date);
	return Number.isNaN(time) ? undefined : time;
}

/** A header value as its text, and the key it is stored under. */
function find(headers: Headers, name: string): [string, string] | undefined {
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === name)
			return [key, Array.isArray(value) ? String(value[0]) : String(value)];
	}
	return undefined;
}

/**
 * The answer's headers with its moments (an X-RateLimit-Reset epoch, a Retry-After date)
 * moved to n8n's clock. They are stamped in the API's clock: with n8n's clock minutes
 * ahead, a reset still to come would look past and every request would hit a 429.
 * The `Date` header tells the two clocks apart.
 */
export function inLocalClock(headers: Headers, now = Date.now()): Headers {
	const api = apiTime(headers);
	if (api === undefined) return headers;
	const skew = now - api;
	// A Date header a day or more off is broken (`Date: 0` reads as 2000), not a skewed clock.
	if (Math.abs(skew) < SKEW_TOLERANCE_MS || Math.abs(skew) >= MAX_SKEW_MS) return headers;
	const moved: Headers = { ...headers };
	const reset = find(headers, 'x-ratelimit-reset');
	// Only epochs (seconds or milliseconds) are moments; a small number is a duration.
	if (reset !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(reset[1])) {
		const value = Number(reset[1]);
		if (value >= 1e12) moved[reset[0]] = String(value + skew);
		else if (value >= 1e9) moved[reset[0]] = String(value + skew / 1000);
	}
	const retryAfter = find(headers, 'retry-after');
	if (retryAfter !== undefined && !/^\s*\d/.test(retryAfter[1])) {
		const date = Date.parse(retryAfter[1]);
		if (!Number.isNaN(date)) moved[retryAfter[0]] = new Date(date + skew).toUTCString();
	}
	return moved;
}
