import { DateTime } from 'luxon';

import { isValidTimeZone, toInstant } from '../../nodes/shared/input/time';

const iso = (value: unknown, zone = 'UTC') => {
	const instant = toInstant(value, zone);
	return instant === undefined ? undefined : new Date(instant).toISOString();
};

describe('Scheduled For: impossible dates are refused, not rolled over', () => {
	it.each([
		'2027-02-30T09:00',
		'2027-02-29T09:00:00',
		'2026-04-31T10:00:00Z',
		'2026-13-01T10:00:00',
		'2026-12-01T24:00:00',
		'2026-12-01T10:60:00',
		'2026-12-01T10:00:00+25:00',
	])('%s', (value) => {
		expect(toInstant(value, 'Europe/Berlin')).toBeUndefined();
	});

	it('accepts a leap day that exists', () => {
		expect(iso('2028-02-29T09:00:00Z')).toBe('2028-02-29T09:00:00.000Z');
	});
});

describe('Scheduled For: daylight saving, one rule in every zone', () => {
	it('a time in the spring-forward gap moves forward by the gap', () => {
		// 02:30 does not exist in Berlin on 2027-03-28: it is 03:30 CEST.
		expect(iso('2027-03-28T02:30:00', 'Europe/Berlin')).toBe('2027-03-28T01:30:00.000Z');
		// 02:30 does not exist in New York on 2027-03-14: it is 03:30 EDT.
		expect(iso('2027-03-14T02:30:00', 'America/New_York')).toBe('2027-03-14T07:30:00.000Z');
		// Lord Howe moves by 30 minutes: 02:15 is 02:45 (+11:00).
		expect(iso('2027-10-03T02:15:00', 'Australia/Lord_Howe')).toBe('2027-10-02T15:45:00.000Z');
	});

	it('a repeated time in the fall-back hour is the first of the two', () => {
		expect(iso('2027-10-31T02:30:00', 'Europe/Berlin')).toBe('2027-10-31T00:30:00.000Z');
		expect(iso('2027-11-07T01:30:00', 'America/New_York')).toBe('2027-11-07T05:30:00.000Z');
	});
});

describe('Scheduled For: every date type an n8n expression produces', () => {
	const at = Date.parse('2027-01-15T09:30:00Z');
	it.each([
		['a Luxon DateTime ($now.plus(…))', DateTime.fromMillis(at, { zone: 'Asia/Tokyo' })],
		['a JS Date', new Date(at)],
		['epoch milliseconds', at],
		['epoch seconds', at / 1000],
		['epoch milliseconds as text', String(at)],
		['String(new Date())', new Date(at).toString()],
		['ISO with offset', '2027-01-15T10:30:00+01:00'],
	])('%s', (_, value) => {
		expect(toInstant(value, 'Europe/Berlin')).toBe(at);
	});

	it('refuses an invalid Luxon DateTime or Date', () => {
		expect(toInstant(DateTime.fromISO('nope'), 'UTC')).toBeUndefined();
		expect(toInstant(new Date('nope'), 'UTC')).toBeUndefined();
		expect(toInstant({}, 'UTC')).toBeUndefined();
	});
});

describe('scheduled times', () => {
	it('reads a wall time in the given zone', () => {
		expect(new Date(toInstant('2026-07-01T09:00:00', 'Europe/Berlin') ?? 0).toISOString()).toBe(
			'2026-07-01T07:00:00.000Z',
		);
		expect(new Date(toInstant('2026-01-15T09:00', 'America/New_York') ?? 0).toISOString()).toBe(
			'2026-01-15T14:00:00.000Z',
		);
	});

	it('an explicit offset wins over the zone', () => {
		expect(new Date(toInstant('2026-07-01T09:00:00+02:00', 'Asia/Tokyo') ?? 0).toISOString()).toBe(
			'2026-07-01T07:00:00.000Z',
		);
	});

	it('rejects what is not a date', () => {
		expect(toInstant('next tuesday', 'UTC')).toBeUndefined();
	});

	it('knows IANA zone names', () => {
		expect(isValidTimeZone('Europe/Berlin')).toBe(true);
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
	});
});
