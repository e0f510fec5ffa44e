import { failedPlatforms, toPostItem } from '../../nodes/shared/output/post';
import { isValidTimeZone, toInstant } from '../../nodes/shared/input/time';

describe('post items', () => {
	it('adds id from _id, keeps unknown statuses, lists failed platforms', () => {
		const item = toPostItem({
			_id: 'abc',
			status: 'publishing',
			platforms: [
				{ platform: 'instagram', status: 'published' },
				{ platform: 'tiktok', status: 'failed', error: 'codec' },
				{
					platform: 'x',
					status: 'FAILED',
					error: { code: 'platform_error', message: 'Duplicate' },
				},
				{ platform: 'threads', status: 'error' },
			],
		});
		expect(item.id).toBe('abc');
		expect(item.status).toBe('publishing');
		expect(item.failedPlatforms).toEqual([
			{ platform: 'tiktok', error: 'codec' },
			{ platform: 'x', error: 'Duplicate' },
			{ platform: 'threads', error: 'Failed without a reason' },
		]);
	});

	it('always has status, platforms and failedPlatforms', () => {
		expect(toPostItem({ id: '1' })).toEqual({
			id: '1',
			status: 'unknown',
			platforms: [],
			failedPlatforms: [],
		});
	});

	it('tolerates platforms that are not a list of objects', () => {
		expect(failedPlatforms('instagram')).toEqual([]);
		expect(failedPlatforms(['instagram', null])).toEqual([]);
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
