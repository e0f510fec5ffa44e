import { mediaTypeOf } from '../../nodes/shared/media/binaryFile';
import { formatSize, sizeLimitProblem } from '../../nodes/shared/media/limits';
import { pendingPlatforms } from '../../nodes/shared/operations/publishWait';
import { uploadTimeoutMs } from '../../nodes/shared/media/upload';

describe('the media type of a file', () => {
	it.each([
		['image/png', ['gif', 'image', 'video'], 'image'],
		['image/gif', ['gif', 'image', 'video'], 'gif'],
		['image/gif', ['image', 'video'], 'image'],
		['VIDEO/MP4', ['image', 'video'], 'video'],
		['application/pdf', ['image', 'pdf'], 'pdf'],
		['application/pdf', ['image', 'video'], undefined],
		['text/plain', ['image', 'video'], undefined],
	])('%s among %j is %s', (mime, offered, expected) => {
		expect(mediaTypeOf(mime, offered)).toBe(expected);
	});
});

describe('platform size limits', () => {
	const media = {
		limits: { tiktok: { image: 20 * 1024 ** 2 }, instagram: { video: 300 * 1024 ** 2 } },
	};
	const targets = (platform: string) => [{ platform, accountId: 'a', content: '' }];

	it('names the platform and its limit when a file is over it', () => {
		expect(sizeLimitProblem(21 * 1024 ** 2, 'image', targets('tiktok'), media)).toMatch(
			/^tiktok takes images up to 20\.0 MB/,
		);
	});

	it('passes a file within the limit, of another kind, of unknown size, or to a platform without one', () => {
		expect(sizeLimitProblem(20 * 1024 ** 2, 'image', targets('tiktok'), media)).toBeUndefined();
		expect(sizeLimitProblem(400 * 1024 ** 2, 'image', targets('instagram'), media)).toBeUndefined();
		expect(sizeLimitProblem(undefined, 'video', targets('instagram'), media)).toBeUndefined();
		expect(sizeLimitProblem(10 * 1024 ** 3, 'video', targets('twitter'), media)).toBeUndefined();
	});

	it.each([
		[512, '1 KB'],
		[1536 * 1024, '1.5 MB'],
		[5 * 1024 ** 3, '5.0 GB'],
	])('%d bytes read as %s', (bytes, text) => expect(formatSize(bytes)).toBe(text));
});

describe('the upload timeout', () => {
	it('adds the time the file takes at 512 KB/s to the request timeout', () => {
		expect(uploadTimeoutMs(0, 30_000)).toBe(30_000);
		expect(uploadTimeoutMs(1024 ** 3, 30_000)).toBe(30_000 + 2048 * 1000);
	});
});

describe('which platforms are still publishing', () => {
	it('reads each target, whatever the API calls its pending states', () => {
		expect(
			pendingPlatforms({
				status: 'publishing',
				platforms: [
					{ platform: 'x', status: 'published' },
					{ platform: 'tiktok', status: 'Processing' },
					{ platform: 'instagram', status: 'failed' },
					{ platform: 'threads', status: 'queued' },
				],
			}),
		).toEqual(['tiktok', 'threads']);
	});

	it('falls back to the post status without targets; unknown statuses are final', () => {
		expect(pendingPlatforms({ status: 'pending' })).toEqual(['the post']);
		expect(pendingPlatforms({ status: 'published', platforms: [] })).toEqual([]);
		expect(pendingPlatforms({ platforms: [{ platform: 'x', status: 'weird' }] })).toEqual([]);
		expect(pendingPlatforms({ platforms: [null, 'x'] } as never)).toEqual([]);
	});
});
