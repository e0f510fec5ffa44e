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

/**
 * The instant an ISO date string stands for. Without an offset it is a wall
 * time in `timeZone`. Returns undefined when the string is not a date.
 */
export function toInstant(value: string, timeZone: string): number | undefined {
	const trimmed = value.trim();
	if (hasOffset(trimmed)) {
		const instant = Date.parse(trimmed);
		return Number.isNaN(instant) ? undefined : instant;
	}
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(
		trimmed,
	);
	if (!match) return undefined;
	const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
	const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
	if (Number.isNaN(wall)) return undefined;
	let instant = wall - offsetMs(wall, timeZone);
	// Near a DST change the offset at the guess can differ from the offset at the result.
	const corrected = wall - offsetMs(instant, timeZone);
	if (corrected !== instant) instant = corrected;
	return instant;
}
