/**
 * Media from n8n binary data (SocialSyncerAPI: presign, then a streamed PUT to the
 * upload host) and media URL checks (both nodes), through n8n-core's engine with
 * its real filesystem binary storage, against the simulators and an upload host
 * on its own port that hashes what it receives.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	createParams,
	errorOf,
	FAST_RETRIES,
	schedulalaCreateParams,
	SOCIAL_KEY,
	SOCIAL_TIKTOK_SETTINGS,
} from '../support/helpers';
import { MediaHost } from '../support/simulators/mediaHost';
import { storeBinary } from '../support/engine/binary';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();
const host = new MediaHost();
const social = sims.socialSyncer;

beforeAll(async () => {
	await host.start();
	social.mediaHost = host;
	// The media host is on loopback; the real Schedulala only fetches public URLs.
	sims.schedulala.allowPrivateMediaUrls = true;
});
afterAll(async () => await host.stop());
beforeEach(() => host.clear());

const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

async function fileItem(size: number, fileName: string, mimeType: string, property = 'data') {
	const content = randomBytes(size);
	const binary = await storeBinary(content, fileName, mimeType);
	const item: INodeExecutionData = { json: { name: fileName }, binary: { [property]: binary } };
	return { content, item };
}

const binaryMedia = (extra: IDataObject = {}) => ({
	item: [{ source: 'binary', type: 'auto', binaryPropertyName: 'data', ...extra }],
});

const puts = () => host.requests.filter((request) => request.method === 'PUT');
const presigns = () => social.requests.filter((request) => request.path === '/media/presign');
const creates = () =>
	social.requests.filter((request) => request.method === 'POST' && request.path === '/posts');

describe('SocialSyncerAPI: Media → Upload', () => {
	it('streams the file to the upload URL without the API key and outputs its public URL', async () => {
		const { content, item } = await fileItem(3 * 1024 * 1024 + 17, 'launch.png', 'image/png');
		const result = await run('socialSyncer', {
			parameters: { resource: 'media', operation: 'upload', requestOptions: FAST_RETRIES },
			binaryItems: [item],
		});
		expect(result.error).toBeUndefined();
		const output = result.main[0].json;
		expect(output).toEqual({
			publicUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\/.+launch\.png$/),
			type: 'image',
			mimeType: 'image/png',
			fileName: 'launch.png',
			size: content.length,
		});
		expect(presigns()[0].body).toEqual({
			filename: 'launch.png',
			contentType: 'image/png',
			size: content.length,
		});
		const [put] = puts();
		expect(put.headers.authorization).toBeUndefined();
		expect(JSON.stringify(put.headers)).not.toContain(SOCIAL_KEY);
		expect(put.headers['content-length']).toBe(String(content.length));
		expect(put.headers['transfer-encoding']).toBeUndefined();
		const stored = [...host.files.values()][0];
		expect(stored).toEqual({
			size: content.length,
			sha256: sha256(content),
			contentType: 'image/png',
		});
	});

	it('a cut upload is sent again from the start of the file', async () => {
		const { content, item } = await fileItem(2 * 1024 * 1024, 'clip.mp4', 'video/mp4');
		host.script({ kind: 'cut', afterBytes: 512 * 1024 });
		const result = await run('socialSyncer', {
			parameters: { resource: 'media', operation: 'upload', requestOptions: FAST_RETRIES },
			binaryItems: [item],
		});
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.type).toBe('video');
		expect(puts()).toHaveLength(2);
		expect(presigns()).toHaveLength(1);
		expect([...host.files.values()][0].sha256).toBe(sha256(content));
	});

	it('an expired upload URL (403) gets a new one', async () => {
		const { content, item } = await fileItem(64 * 1024, 'a.jpg', 'image/jpeg');
		host.script({ kind: 'expired' });
		const result = await run('socialSyncer', {
			parameters: { resource: 'media', operation: 'upload', requestOptions: FAST_RETRIES },
			binaryItems: [item],
		});
		expect(result.error).toBeUndefined();
		expect(presigns()).toHaveLength(2);
		expect([...host.files.values()][0].sha256).toBe(sha256(content));
	});

	it('an upload host that keeps failing is a clear error after the retries', async () => {
		const { item } = await fileItem(1024, 'a.jpg', 'image/jpeg');
		host.script({ kind: 'status', status: 503, times: 10 });
		const result = await run('socialSyncer', {
			parameters: { resource: 'media', operation: 'upload', requestOptions: FAST_RETRIES },
			binaryItems: [item],
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error).toMatchObject({ httpCode: 503, attempts: 4, retryable: true });
		expect(error.message).toMatch(/^The upload host \(127\.0\.0\.1:\d+\) refused the file/);
		expect(puts()).toHaveLength(4);
	});

	it('a missing binary property names the ones the item has, before any request', async () => {
		const { item } = await fileItem(1024, 'a.jpg', 'image/jpeg', 'photo');
		const result = await run('socialSyncer', {
			parameters: { resource: 'media', operation: 'upload', requestOptions: FAST_RETRIES },
			binaryItems: [item],
		});
		expect(result.error?.message).toBe('The input item has no binary property "data"');
		expect(result.error?.description).toMatch(/Its binary properties are: photo/);
		expect(social.requests).toHaveLength(0);
	});

	it('a file that is not media fails before any request', async () => {
		const { item } = await fileItem(1024, 'notes.txt', 'text/plain');
		const result = await run('socialSyncer', {
			parameters: { resource: 'media', operation: 'upload', requestOptions: FAST_RETRIES },
			binaryItems: [item],
		});
		expect(result.error?.message).toBe(
			'"notes.txt" is text/plain, not a media file SocialSyncerAPI takes',
		);
		expect(social.requests).toHaveLength(0);
	});
});

describe('SocialSyncerAPI: Create Post with a binary file', () => {
	it('uploads the file, then posts its public URL with the type from its MIME type', async () => {
		const { content, item } = await fileItem(1024 * 1024, 'reel.mp4', 'video/mp4');
		const result = await run('socialSyncer', {
			parameters: createParams({ media: binaryMedia() }),
			binaryItems: [item],
		});
		expect(result.error).toBeUndefined();
		const [stored] = [...host.files.entries()];
		expect(stored[1].sha256).toBe(sha256(content));
		expect((creates()[0].body as IDataObject).mediaItems).toEqual([
			{ type: 'video', url: `${host.baseUrl}/files/${stored[0]}` },
		]);
		expect(result.main[0].json.mediaItems).toEqual([
			{ type: 'video', url: `${host.baseUrl}/files/${stored[0]}` },
		]);
	});

	it("a file too large for a target's platform fails before anything is uploaded", async () => {
		const { item } = await fileItem(21 * 1024 * 1024, 'poster.png', 'image/png');
		const result = await run('socialSyncer', {
			parameters: createParams({
				media: binaryMedia(),
				platforms: { target: [{ platform: 'tiktok', accountId: 'tt_321' }] },
				options: { tiktokSettings: SOCIAL_TIKTOK_SETTINGS },
			}),
			binaryItems: [item],
		});
		expect(result.error?.message).toBe('Media item 1 (poster.png) is too large (21.0 MB)');
		expect(result.error?.description).toMatch(/tiktok takes images up to 20\.0 MB/);
		expect(social.requests).toHaveLength(0);
		expect(host.requests).toHaveLength(0);
	});

	it("n8n's Retry On Fail after a failed create neither uploads nor posts again", async () => {
		const { item } = await fileItem(256 * 1024, 'a.jpg', 'image/jpeg');
		social.script({
			kind: 'status',
			status: 500,
			body: '',
			method: 'POST',
			path: '/posts',
			times: 1,
		});
		const result = await run('socialSyncer', {
			parameters: createParams({ media: binaryMedia() }),
			binaryItems: [item],
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 10,
		});
		expect(result.error?.message).toMatch(/already sent this item/);
		expect(puts()).toHaveLength(1);
		expect(creates()).toHaveLength(1);
	});
});

describe('SocialSyncerAPI: Update Post with a binary file', () => {
	it('uploads the file and sends its public URL as the new media', async () => {
		social.posts.set('p_upd', { id: 'p_upd', content: 'x', status: 'scheduled', platforms: [] });
		const { content, item } = await fileItem(128 * 1024, 'new.gif', 'image/gif');
		const result = await run('socialSyncer', {
			parameters: {
				resource: 'post',
				operation: 'update',
				postId: 'p_upd',
				updateFields: { media: binaryMedia() },
				requestOptions: FAST_RETRIES,
			},
			binaryItems: [item],
		});
		expect(result.error).toBeUndefined();
		const [key, stored] = [...host.files.entries()][0];
		expect(stored.sha256).toBe(sha256(content));
		const put = social.requests.find((request) => request.method === 'PUT');
		expect(put?.body).toEqual({
			mediaItems: [{ type: 'gif', url: `${host.baseUrl}/files/${key}` }],
		});
	});

	it('a slow upload host is waited for, not cut by the request timeout', async () => {
		const { content, item } = await fileItem(600 * 1024, 'slow.jpg', 'image/jpeg');
		host.script({ kind: 'slow', bytesPerSecond: 256 * 1024 });
		const result = await run('socialSyncer', {
			// Timeout 2 s for one request; the file takes over 2 s at this rate.
			parameters: { resource: 'media', operation: 'upload', requestOptions: FAST_RETRIES },
			binaryItems: [item],
		});
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(1);
		expect([...host.files.values()][0].sha256).toBe(sha256(content));
	});
});

describe('Schedulala: binary media', () => {
	it('fails before any request and says how to give a URL', async () => {
		const { item } = await fileItem(1024, 'a.jpg', 'image/jpeg');
		const result = await run('schedulala', {
			parameters: schedulalaCreateParams({ media: binaryMedia() }),
			binaryItems: [item],
		});
		expect(result.error?.message).toBe(
			'Media item 1 is a binary file, which Schedulala does not take',
		);
		expect(result.error?.description).toMatch(/Media → Upload/);
		expect(sims.schedulala.requests).toHaveLength(0);
	});
});

describe.each(['socialSyncer', 'schedulala'] as const)('%s: media URL checks', (node) => {
	const params = (url: string, extra: INodeParameters = {}) =>
		(node === 'socialSyncer' ? createParams : schedulalaCreateParams)({
			media: { item: [{ type: 'video', url }] },
			platforms: {
				target: [{ platform: 'instagram', accountId: node === 'socialSyncer' ? 'ig_123' : '' }],
			},
			...extra,
		});

	it('a share link that answers with a web page fails before posting, saying how to get a direct link', async () => {
		const url = host.page(
			'/file/d/abc/view',
			200,
			{ 'Content-Type': 'text/html; charset=utf-8' },
			'<html></html>',
		);
		const result = await run(node, { parameters: params(url) });
		expect(result.error?.message).toBe('Media item 1 is a web page, not a media file');
		expect(result.error?.description).toMatch(/Google Drive.*uc\?export=download/);
		expect(sims[node].requests).toHaveLength(0);
	});

	it('a URL with nothing behind it (404) fails before posting', async () => {
		const result = await run(node, { parameters: params(`${host.baseUrl}/files/missing.mp4`) });
		expect(result.error?.message).toMatch(/^Media item 1: there is no file at .* \(HTTP 404\)$/);
		expect(sims[node].requests).toHaveLength(0);
	});

	it('a file of the right type is posted', async () => {
		const url = host.page(
			'/v.mp4',
			200,
			{ 'Content-Type': 'video/mp4', 'Content-Length': '1000' },
			'',
		);
		const result = await run(node, { parameters: params(url) });
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.mediaNotices).toBeUndefined();
		expect(host.requests.map((request) => request.method)).toEqual(['HEAD']);
	});

	it('a host n8n cannot reach does not block the post: a notice says it was not checked', async () => {
		const result = await run(node, { parameters: params('http://127.0.0.1:9/clip.mp4') });
		expect(result.error).toBeUndefined();
		expect(result.main[0].json.mediaNotices).toEqual([
			'Media item 1 could not be checked: n8n cannot reach 127.0.0.1:9. It was sent anyway; the service may reach it.',
		]);
	});

	it('Check Media URLs off sends no check', async () => {
		const url = host.page('/page', 200, { 'Content-Type': 'text/html' }, '<html></html>');
		const result = await run(node, {
			parameters: params(url, { options: { checkMediaUrls: false } }),
		});
		expect(result.error).toBeUndefined();
		expect(host.requests).toHaveLength(0);
	});
});

describe('SocialSyncerAPI: platform size limits', () => {
	it('a video larger than Instagram takes fails before posting', async () => {
		const url = host.page('/huge.mp4', 200, {
			'Content-Type': 'video/mp4',
			'Content-Length': String(400 * 1024 * 1024),
		});
		const result = await run('socialSyncer', {
			parameters: createParams({ media: { item: [{ type: 'video', url }] } }),
		});
		expect(result.error?.message).toBe('Media item 1 is too large (400.0 MB)');
		expect(result.error?.description).toMatch(/instagram takes videos up to 300\.0 MB/);
		expect(social.requests).toHaveLength(0);
	});
});
