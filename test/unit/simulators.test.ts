import { SCHEDULALA_KEY, SOCIAL_KEY, serveDuringTests } from '../support/helpers';
import { createSchedulalaSimulator } from '../support/simulators/schedulala';
import { createSocialSyncerSimulator } from '../support/simulators/socialsyncer';

// The simulators' means for tests of reruns and odd create answers, over real HTTP.

const HOUR = 3_600_000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

const socialSyncer = createSocialSyncerSimulator();
const schedulala = createSchedulalaSimulator();
const socialUrl = serveDuringTests(socialSyncer);
const schedulalaUrl = serveDuringTests(schedulala);

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	/** The body parsed, read field by field as JSON.parse gives it. */
	json: ReturnType<typeof JSON.parse>;
}

/** A post as GET /posts lists it. */
interface Listed {
	id: string;
	content: string | null;
	scheduledFor: string | null;
}

async function call(
	baseUrl: string,
	apiKey: string,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<Answer> {
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${apiKey}`,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json: Answer['json'];
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

const social = async (method: string, path: string, body?: unknown) =>
	await call(socialUrl(), SOCIAL_KEY, method, path, body);
const sched = async (
	method: string,
	path: string,
	body?: unknown,
	headers?: Record<string, string>,
) => await call(schedulalaUrl(), SCHEDULALA_KEY, method, path, body, headers);

const socialPost = (content: string) => ({
	content,
	platforms: [{ platform: 'instagram', accountId: 'ig_123' }],
});
const schedulalaPost = (content: string, extra: Record<string, unknown> = {}) => ({
	content,
	platforms: [{ platform: 'twitter' }],
	publishNow: true,
	...extra,
});

describe('replaceBody fault: the API acts, the answer is another body', () => {
	it.each([
		[{ postId: 'x' }, '{"postId":"x"}'],
		[{ message: 'Post queued' }, '{"message":"Post queued"}'],
		['created', '"created"'],
	])('SocialSyncerAPI creates the post and answers 201 %j', async (body, text) => {
		socialSyncer.script({ kind: 'replaceBody', method: 'POST', path: '/posts', status: 201, body });
		const answer = await social('POST', '/posts', socialPost('Hello'));
		expect(answer.status).toBe(201);
		expect(answer.headers.get('content-type')).toBe('application/json');
		expect(answer.text).toBe(text);
		expect(socialSyncer.posts.size).toBe(1);
		expect(socialSyncer.processed('POST', '/posts')).toHaveLength(1);
		expect(socialSyncer.requests[0].fault).toBe('replaceBody');
	});

	it('keeps the real status and headers when no status is given (Schedulala)', async () => {
		schedulala.rateLimit(100, 60_000);
		schedulala.script({ kind: 'replaceBody', path: '/posts', body: { message: 'Post queued' } });
		const answer = await sched('POST', '/posts', schedulalaPost('Hello'), {
			'idempotency-key': 'key-1',
		});
		expect(answer.status).toBe(201);
		expect(answer.json).toEqual({ message: 'Post queued' });
		expect(answer.headers.get('x-ratelimit-limit')).toBe('100');
		expect(schedulala.posts.size).toBe(1);
		// The API recorded its real answer: a retry with the same key replays the post.
		const replay = await sched('POST', '/posts', schedulalaPost('Hello'), {
			'idempotency-key': 'key-1',
		});
		expect(replay.headers.get('idempotent-replayed')).toBe('true');
		expect(replay.json.post._id).toBe([...schedulala.posts.keys()][0]);
		expect(schedulala.posts.size).toBe(1);
	});
});

describe('rewriteLinks: creates store links shortened', () => {
	const text = 'Read https://example.com/a?b=1. Then http://x.io/y, or https://example.com/a?b=1';
	const shortened =
		/^Read https:\/\/sho\.rt\/([0-9a-f]{6})\. Then https:\/\/sho\.rt\/([0-9a-f]{6}), or https:\/\/sho\.rt\/([0-9a-f]{6})$/;

	it('SocialSyncerAPI: the create answer, the read and the list show the short links', async () => {
		socialSyncer.rewriteLinks = true;
		const created = await social('POST', '/posts', socialPost(text));
		const match = shortened.exec(created.json.content);
		expect(match).not.toBeNull();
		const [, first, second, third] = match as RegExpExecArray;
		expect(first).toBe(third);
		expect(first).not.toBe(second);
		const read = await social('GET', `/posts/${created.json.id}`);
		expect(read.json.content).toBe(created.json.content);
		const list = await social('GET', '/posts');
		expect(list.json.posts[0].content).toBe(created.json.content);
	});

	it('Schedulala: single and bulk creates, the same link the same short one', async () => {
		schedulala.rewriteLinks = true;
		const single = await sched('POST', '/posts', schedulalaPost('See https://example.com/a'));
		const bulk = await sched('POST', '/posts/bulk', {
			posts: [
				schedulalaPost('Also https://example.com/a'),
				schedulalaPost('https://sho.rt/abcdef'),
			],
		});
		const code = /https:\/\/sho\.rt\/([0-9a-f]{6})$/.exec(single.json.post.content)?.[1];
		expect(code).toHaveLength(6);
		expect(bulk.json.data.results[0].post.content).toBe(`Also https://sho.rt/${code}`);
		// A short link stays as it is.
		expect(bulk.json.data.results[1].post.content).toBe('https://sho.rt/abcdef');
		const read = await sched('GET', `/posts/${single.json.post._id}`);
		expect(read.json.data.content).toBe(`See https://sho.rt/${code}`);
		const list = await sched('GET', '/posts');
		expect(list.json.data.map((post: Listed) => post.content)).toEqual([
			`See https://sho.rt/${code}`,
			`Also https://sho.rt/${code}`,
			'https://sho.rt/abcdef',
		]);
	});

	it('is off by default and after clear()', async () => {
		schedulala.rewriteLinks = true;
		schedulala.clear();
		expect(schedulala.rewriteLinks).toBe(false);
		const created = await sched('POST', '/posts', schedulalaPost('See https://example.com/a'));
		expect(created.json.post.content).toBe('See https://example.com/a');
		const social1 = await social('POST', '/posts', socialPost('See https://example.com/a'));
		expect(social1.json.content).toBe('See https://example.com/a');
	});
});

describe('Schedulala bulk: each entry may carry its own idempotencyKey', () => {
	it('replays an entry sent again, refuses a key reused for another entry', async () => {
		const first = await sched('POST', '/posts/bulk', {
			posts: [
				schedulalaPost('A', { idempotencyKey: 'entry-a' }),
				schedulalaPost('B', { idempotencyKey: 'entry-b' }),
			],
		});
		expect(first.json.data).toMatchObject({ created: 2, failed: 0, replayed: 0 });
		const postA = first.json.data.results[0].post;
		expect(postA.idempotencyKey).toBeUndefined();
		expect(schedulala.posts.get(postA._id).idempotencyKey).toBeUndefined();

		const second = await sched('POST', '/posts/bulk', {
			posts: [
				// The same entry, its keys in another order.
				{
					idempotencyKey: 'entry-a',
					publishNow: true,
					platforms: [{ platform: 'twitter' }],
					content: 'A',
				},
				schedulalaPost('Not B', { idempotencyKey: 'entry-b' }),
				schedulalaPost('C', { idempotencyKey: 'entry-c' }),
			],
		});
		const [replayed, conflict, created] = second.json.data.results;
		expect(replayed).toEqual({ index: 0, success: true, post: postA, replayed: true });
		expect(conflict).toEqual({
			index: 1,
			success: false,
			error: {
				code: 'idempotency_conflict',
				message: 'Idempotency key was already used with a different request body',
				details: { idempotencyKey: 'entry-b' },
			},
		});
		expect(created).toMatchObject({ index: 2, success: true, post: { content: 'C' } });
		expect(created.replayed).toBeUndefined();
		expect(second.json.data).toMatchObject({ created: 1, failed: 1, replayed: 1 });
		expect(schedulala.posts.size).toBe(3);
		expect(schedulala.state.created).toBe(3);
	});

	it('a key used twice in one request: the second entry is the first one replayed', async () => {
		const answer = await sched('POST', '/posts/bulk', {
			posts: [
				schedulalaPost('A', { idempotencyKey: 'same' }),
				schedulalaPost('A', { idempotencyKey: 'same' }),
			],
		});
		const [first, second] = answer.json.data.results;
		expect(second).toMatchObject({ index: 1, success: true, replayed: true });
		expect(second.post._id).toBe(first.post._id);
		expect(schedulala.posts.size).toBe(1);
	});

	it('an entry that failed keeps its key free; a header-level replay replays the whole answer', async () => {
		const failed = await sched('POST', '/posts/bulk', {
			posts: [{ content: 'A', idempotencyKey: 'entry-a' }],
		});
		expect(failed.json.data.results[0]).toMatchObject({ success: false });
		const body = { posts: [schedulalaPost('A', { idempotencyKey: 'entry-a' })] };
		const first = await sched('POST', '/posts/bulk', body, { 'idempotency-key': 'batch-1' });
		expect(first.json.data.results[0].replayed).toBeUndefined();
		const again = await sched('POST', '/posts/bulk', body, { 'idempotency-key': 'batch-1' });
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(again.json).toEqual(first.json);
		expect(schedulala.posts.size).toBe(1);
	});
});

describe('stored posts and list entries carry createdAt, content, platforms and scheduledFor', () => {
	const at = new Date(Date.now() + 2 * HOUR).toISOString();

	it('SocialSyncerAPI', async () => {
		await social('POST', '/posts', socialPost('Now'));
		await social('POST', '/posts', { ...socialPost('Later'), scheduledFor: at });
		const list = await social('GET', '/posts');
		expect(list.json.posts).toHaveLength(2);
		for (const post of list.json.posts) {
			expect(post.createdAt).toMatch(ISO);
			expect(post.platforms).toEqual([
				expect.objectContaining({ platform: 'instagram', accountId: 'ig_123' }),
			]);
			expect(post).toHaveProperty('scheduledFor');
		}
		expect(list.json.posts.map((post: Listed) => [post.content, post.scheduledFor])).toEqual([
			['Now', null],
			['Later', at],
		]);
	});

	it('Schedulala', async () => {
		await sched('POST', '/posts', {
			content: 'Now',
			platforms: [{ platform: 'twitter', accountId: 'acc_tw_1' }],
			publishNow: true,
		});
		await sched('POST', '/posts', {
			content: 'Later',
			platforms: [{ platform: 'twitter', accountId: 'acc_tw_1' }],
			scheduledFor: at,
		});
		const list = await sched('GET', '/posts');
		expect(list.json.data).toHaveLength(2);
		for (const post of list.json.data) {
			expect(post.id).toMatch(/^[0-9a-f]{24}$/);
			expect(post.createdAt).toMatch(ISO);
			expect(post.platforms).toEqual([
				expect.objectContaining({ platform: 'twitter', accountId: 'acc_tw_1' }),
			]);
		}
		expect(list.json.data.map((post: Listed) => [post.content, post.scheduledFor])).toEqual([
			['Now', null],
			['Later', at],
		]);
	});
});

describe('Schedulala Add to Queue: the API picks scheduledFor', () => {
	it('the next full hour, one hour later per post already queued', async () => {
		const before = Math.floor(Date.now() / HOUR) * HOUR + HOUR;
		const bodies = [
			schedulalaPost('One', { publishNow: undefined, queue: true }),
			schedulalaPost('Two', { publishNow: undefined, queue: true }),
		];
		const first = await sched('POST', '/posts', bodies[0]);
		const bulk = await sched('POST', '/posts/bulk', {
			queue: true,
			posts: [{ ...bodies[1], queue: undefined }],
		});
		const after = Math.floor(Date.now() / HOUR) * HOUR + HOUR;
		expect(schedulala.requestsTo('POST', '/posts')[0].body.scheduledFor).toBeUndefined();
		const slot = Date.parse(first.json.post.scheduledFor);
		expect([before, after]).toContain(slot);
		expect(first.json.post.status).toBe('queued');
		expect(Date.parse(bulk.json.data.results[0].post.scheduledFor)).toBe(slot + HOUR);
		const read = await sched('GET', `/posts/${first.json.post._id}`);
		expect(read.json.data).toMatchObject({
			status: 'queued',
			scheduledFor: first.json.post.scheduledFor,
		});

		// A cancelled post frees its slot; the next queued post takes it.
		await sched('DELETE', `/posts/${first.json.post._id}`);
		const third = await sched('POST', '/posts', bodies[0]);
		expect(Date.parse(third.json.post.scheduledFor)).toBe(slot);
	});

	it('other modes keep their scheduledFor', async () => {
		const now = await sched('POST', '/posts', schedulalaPost('Now'));
		expect(now.json.post.scheduledFor).toBeNull();
		const draft = await sched('POST', '/posts', {
			content: 'Draft',
			platforms: [{ platform: 'twitter' }],
			status: 'draft',
		});
		expect(draft.json.post.scheduledFor).toBeNull();
	});
});

describe('seedPost: a post from an earlier run, stored as the API stores it', () => {
	const createdAt = '2026-01-02T03:04:05.000Z';

	it('SocialSyncerAPI: `id`, published by default, readable and listed by date', async () => {
		const seeded = socialSyncer.seedPost({
			content: 'Old post',
			platforms: ['instagram', { platform: 'twitter', accountId: 'tw_789' }],
			createdAt,
		});
		expect(seeded).toMatchObject({
			id: expect.stringMatching(/^post_/),
			status: 'published',
			content: 'Old post',
			scheduledFor: null,
			createdAt,
			updatedAt: createdAt,
			platforms: [
				{ platform: 'instagram', accountId: 'ig_123', status: 'published' },
				{ platform: 'twitter', accountId: 'tw_789', status: 'published' },
			],
		});
		expect(socialSyncer.posts.get(seeded.id)).toBe(seeded);
		const read = await social('GET', `/posts/${seeded.id}`);
		expect(read.json).toEqual(seeded);
		const list = await social(
			'GET',
			'/posts?dateFrom=2026-01-02T00:00:00Z&dateTo=2026-01-03T00:00:00Z',
		);
		expect(list.json.posts.map((post: Listed) => post.id)).toEqual([seeded.id]);
	});

	it('Schedulala: `_id`, scheduled when its time is ahead, no quota used', async () => {
		const scheduledFor = new Date(Date.now() + 24 * HOUR).toISOString();
		const seeded = schedulala.seedPost({
			content: 'Planned',
			platforms: [{ platform: 'twitter', accountId: 'acc_tw_1' }],
			scheduledFor,
			createdAt,
		});
		expect(seeded).toMatchObject({
			_id: expect.stringMatching(/^[0-9a-f]{24}$/),
			status: 'scheduled',
			content: 'Planned',
			scheduledFor,
			createdAt,
			platforms: [{ platform: 'twitter', accountId: 'acc_tw_1', status: 'scheduled' }],
		});
		expect(schedulala.state.created).toBe(0);
		const read = await sched('GET', `/posts/${seeded._id}`);
		const { _id, ...rest } = seeded;
		expect(read.json.data).toEqual({ id: _id, ...rest });
		const posted = schedulala.seedPost({ content: 'Out', platforms: ['twitter'], createdAt });
		expect(posted).toMatchObject({
			status: 'posted',
			platforms: [{ status: 'posted', accountId: null }],
		});
		const list = await sched('GET', '/posts');
		expect(list.json.data.map((post: Listed) => post.id)).toEqual([seeded._id, posted._id]);
	});
});
