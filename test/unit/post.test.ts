import { failedPlatforms, toPostItem } from '../../nodes/shared/output/post';

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
