/** Whether the runtime knows this IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
		return true;
	} catch {
		return false;
	}
}

/** Whether an ISO date string carries its own offset (Z or ±hh:mm). */
export function hasOffset(value: string): boolean {
	return /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
}

const HOUR = 3_600_000;
/** Epoch numbers below this are seconds ($now.toSeconds()), above it milliseconds ($now.toMillis()). */
const EPOCH_MS_MIN = 1e11;

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(instant);
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A wall time in a zone as an instant. Clocks that jump forward leave a gap:
 * a time inside it is moved forward by the length of the gap (02:30 on the
 * spring-forward night in Europe/Berlin is 03:30 CEST). Clocks that go back
 * repeat an hour: the first of the two is taken. The same rule in every zone.
 */
export function wallTimeToInstant(wall: number, timeZone: string): number {
	const before = offsetMs(wall - 12 * HOUR, timeZone);
	const after = offsetMs(wall + 12 * HOUR, timeZone);
	const candidates = [...new Set([before, after])]
		.map((offset) => wall - offset)
		.filter((instant) => instant + offsetMs(instant, timeZone) === wall)
		.sort((a, b) => a - b);
	return candidates[0] ?? wall - before;
}

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The instant an ISO 8601 date string stands for, checked field by field:
 * 2027-02-30 or 25:00 is not a date (JavaScript's Date would roll it over).
 * Without an offset it is a wall time in `timeZone`.
 */
export function isoToInstant(value: string, timeZone: string): number | undefined {
	const match = ISO.exec(value.trim());
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = match;
	const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	if (offset === undefined) return wallTimeToInstant(wall, timeZone);
	if (/^z$/i.test(offset)) return wall;
	const [, sign, oh, om] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset) ?? [];
	if (Number(oh) > 23 || Number(om) > 59) return undefined;
	return wall - (sign === '-' ? -1 : 1) * (Number(oh) * HOUR + Number(om) * 60_000);
}

const JS_DATE_TEXT = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4}\b/;

function finite(ms: number): number | undefined {
	return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : undefined;
}

/**
 * The instant a Scheduled For value stands for, in every form an n8n
 * expression produces: an ISO string, a Luxon DateTime ($now.plus(…)), a JS
 * Date, or epoch milliseconds or seconds (a number or a string of digits).
 */
export function toInstant(value: unknown, timeZone: string): number | undefined {
	if (value instanceof Date) return finite(value.getTime());
	if (typeof value === 'number') return finite(value < EPOCH_MS_MIN ? value * 1000 : value);
	if (value !== null && typeof value === 'object') {
		const luxon = value as { isValid?: unknown; toMillis?: unknown };
		if (typeof luxon.toMillis === 'function') {
			return luxon.isValid === false ? undefined : finite(Number(luxon.toMillis()));
		}
		return undefined;
	}
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	if (/^\d{9,}$/.test(trimmed)) return toInstant(Number(trimmed), timeZone);
	// String(new Date()): "Tue Dec 01 2026 09:00:00 GMT+0100 (…)", which carries its offset.
	if (JS_DATE_TEXT.test(trimmed)) return finite(Date.parse(trimmed));
	return isoToInstant(trimmed, timeZone);
}
