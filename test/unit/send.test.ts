/**
 * The transport's send (nodes/shared/transport/send.ts) on its own: a scripted sequence
 * of HTTP outcomes through a fake httpRequestWithAuthentication, no simulator.
 */
import type { ExecutionBaseError, IDataObject } from 'n8n-workflow';

import { errorFields, type ErrorFields } from '../../nodes/shared/errors/errors';

import { schedulalaDialect } from '../../nodes/Schedulala/dialect';
import { send } from '../../nodes/shared/transport/send';
import { RequestSession } from '../../nodes/shared/transport/session';
import type { ApiDialect } from '../../nodes/shared/types/dialect';
import {
	callList,
	type RequestContext,
	type RequestSettings,
	type RequestSpec,
} from '../../nodes/shared/types/request';
import type { RerunLedger, SentItem } from '../../nodes/shared/types/reruns';
import { socialSyncerDialect } from '../../nodes/SocialSyncer/dialect';

/** One scripted outcome: an HTTP answer, or an error without one (a refused connection). */
type Outcome =
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| { networkError: string };

interface Sent {
	method: string;
	url: string;
	idempotencyKey?: string;
	at: number;
}

/** A session whose requests get the scripted outcomes in turn, and a record of what was sent. */
function scripted(outcomes: Outcome[], dialect: ApiDialect = socialSyncerDialect) {
	const sent: Sent[] = [];
	const noted: Array<[number, SentItem]> = [];
	const context = {
		getCredentials: async () => ({ apiKey: 'key-1', baseUrl: 'http://127.0.0.1:1' }),
		getNode: () => ({ name: 'Post', type: 'x', credentials: {} }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IDataObject) => {
				const headers = options.headers as IDataObject;
				sent.push({
					method: String(options.method),
					url: String(options.url),
					idempotencyKey: headers['Idempotency-Key'] as string | undefined,
					at: Date.now(),
				});
				const next = outcomes.shift();
				if (next === undefined) throw new Error('the script has no more outcomes');
				if ('networkError' in next)
					throw Object.assign(new Error(next.networkError), { code: next.networkError });
				return {
					statusCode: next.status,
					headers: next.headers ?? {},
					body: JSON.stringify(next.body ?? {}),
				};
			},
		},
	} as unknown as RequestContext;
	const ledger: RerunLedger = {
		rootExecutionId: 'execution-1',
		runIndex: 0,
		find: () => undefined,
		note: (itemIndex, item) => {
			noted.push([itemIndex, item]);
		},
		window: undefined,
		flush: () => undefined,
		notices: [],
	};
	const session = new RequestSession(context, dialect, ledger, undefined);
	return { session, sent, noted };
}

const FAST: RequestSettings = {
	timeoutMs: 1000,
	maxRetries: 3,
	maxWaitMs: 5000,
	initialBackoffMs: 5,
};

const getPost: RequestSpec = { method: 'GET', path: '/posts/p1', expects: 'post' };
const create: RequestSpec = {
	method: 'POST',
	path: '/posts',
	body: { content: 'Hello' },
	does: 'actOnce',
	idempotencyKey: 'key-of-item-0',
	expects: 'post',
	readBackPath: (id) => `/posts/${id}`,
};
/** SocialSyncerAPI's error shape (Schedulala's status alone says the same). */
const apiError = (status: number, code: string, message: string) => ({
	status,
	body: { error: message, code },
});
const serverError = (status: number) => apiError(status, 'INTERNAL_ERROR', 'Something broke');

/** The error a send ends with, as a workflow reads it under On Error: Continue. */
async function failureOf(promise: Promise<unknown>): Promise<ErrorFields> {
	return await promise.then(
		() => {
			throw new Error('expected the send to fail');
		},
		(error: unknown) => errorFields(error as ExecutionBaseError),
	);
}

describe('send retries what the API calls retryable', () => {
	it('retries a 503, then hands on the answer', async () => {
		const { session, sent } = scripted([serverError(503), { status: 200, body: { id: 'p1' } }]);
		await expect(send(session, getPost, FAST, 0)).resolves.toEqual({ id: 'p1' });
		expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
			'GET http://127.0.0.1:1/posts/p1',
			'GET http://127.0.0.1:1/posts/p1',
		]);
	});

	it('waits what Retry-After asks before trying again', async () => {
		const { session, sent } = scripted([
			{ status: 429, headers: { 'retry-after': '0.2' }, body: {} },
			{ status: 200, body: { id: 'p1' } },
		]);
		await expect(send(session, getPost, FAST, 0)).resolves.toEqual({ id: 'p1' });
		expect(sent).toHaveLength(2);
		expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(190);
	});

	it('stops after Max Retries and says why, in the same words as ever', async () => {
		const { session, sent } = scripted([serverError(503), serverError(503)]);
		const error = await failureOf(send(session, getPost, { ...FAST, maxRetries: 1 }, 0));
		expect(sent).toHaveLength(2);
		expect(error.description).toMatch(/Gave up after 2 attempts: "Max Retries" is 1\.$/);
	});

	it('does not retry a 4xx other than 429', async () => {
		const { session, sent } = scripted([
			apiError(400, 'VALIDATION_ERROR', 'Platforms required for non-draft posts'),
		]);
		const error = await failureOf(send(session, getPost, FAST, 0));
		expect(error.message).toBe('Platforms required for non-draft posts');
		expect(error.code).toBe('VALIDATION_ERROR');
		expect(sent).toHaveLength(1);
	});

	it('stops at once when the API asks to wait longer than Max Wait', async () => {
		const { session, sent } = scripted([{ status: 429, headers: { 'retry-after': '60' } }]);
		const error = await failureOf(send(session, getPost, FAST, 0));
		expect(sent).toHaveLength(1);
		expect(error.description).toContain('asked to wait 60 s, longer than "Max Wait" (5 s)');
	});
});

describe('send never acts twice', () => {
	it('does not re-send a create after a failure that may have acted, and keeps that in the record', async () => {
		const { session, sent, noted } = scripted([serverError(500)]);
		const error = await failureOf(send(session, create, FAST, 0));
		expect(sent).toHaveLength(1);
		expect(error.description).toContain(
			'Not sent again: SocialSyncerAPI cannot recognise a repeated request, so it may already have gone through.',
		);
		expect(error.advice).toBe(
			'Not sent again: the post may already exist. Check with Get Post or in the SocialSyncerAPI dashboard before creating it again.',
		);
		expect(error.mayExist).toBe(true);
		// The item is remembered as maybe sent, so a re-run of the node does not send it blindly.
		expect(noted).toEqual([[0, {}]]);
	});

	it('re-sends a create that provably never arrived (connection refused)', async () => {
		const { session, sent } = scripted([
			{ networkError: 'ECONNREFUSED' },
			{ status: 201, body: { id: 'p9' } },
		]);
		await expect(send(session, create, FAST, 0)).resolves.toEqual({ id: 'p9' });
		expect(sent).toHaveLength(2);
	});

	it('re-sends a create with the same Idempotency-Key where the API deduplicates it', async () => {
		const { session, sent, noted } = scripted(
			[serverError(500), { status: 201, body: { id: 'p2' } }],
			schedulalaDialect,
		);
		await expect(send(session, create, FAST, 0)).resolves.toEqual({ id: 'p2' });
		expect(sent.map((request) => request.idempotencyKey)).toEqual([
			'key-of-item-0',
			'key-of-item-0',
		]);
		expect(noted).toEqual([[0, { resourceId: 'p2', result: { id: 'p2' } }]]);
	});

	it('reads the post back when a Retry Post is accepted without it (204)', async () => {
		const { session: again, sent: sentAgain } = scripted([
			{ status: 204 },
			{ status: 200, body: { id: 'p4', status: 'scheduled' } },
		]);
		const retryPost: RequestSpec = { ...create, path: '/posts/p4/retry', resourceId: 'p4' };
		await expect(send(again, retryPost, FAST, 0)).resolves.toEqual({
			id: 'p4',
			status: 'scheduled',
		});
		expect(sentAgain.map((request) => `${request.method} ${request.url}`)).toEqual([
			'POST http://127.0.0.1:1/posts/p4/retry',
			'GET http://127.0.0.1:1/posts/p4',
		]);
	});

	it('takes a 404 after a delete that may have acted as done', async () => {
		const { session, sent } = scripted([
			serverError(500),
			apiError(404, 'NOT_FOUND', 'Post not found'),
		]);
		const remove: RequestSpec = {
			method: 'DELETE',
			path: '/posts/p5',
			does: 'delete',
			resourceId: 'p5',
		};
		await expect(send(session, remove, FAST, 0)).resolves.toEqual({});
		expect(sent).toHaveLength(2);
	});
});

describe('callList over send', () => {
	it('hands on the list found in the envelope, with the envelope when asked', async () => {
		const { session } = scripted([
			{ status: 200, body: { data: { posts: [{ id: 'a' }], total: 1 } } },
		]);
		const call = async (spec: RequestSpec) => await send(session, spec, FAST, 0);
		const answer = await callList(call, {
			method: 'GET',
			path: '/posts',
			listKeys: ['posts', 'data'],
			keepEnvelope: true,
		});
		expect(answer.items).toEqual([{ id: 'a' }]);
		expect(answer.envelope).toMatchObject({ posts: [{ id: 'a' }], total: 1 });
	});
});

describe('the request spec', () => {
	it('does not type-check an impossible combination', () => {
		const readBackPath = (id: string) => `/posts/${id}`;
		const specs: RequestSpec[] = [
			// @ts-expect-error: what acts once expects a post, never a list
			{
				method: 'POST',
				path: '/posts',
				does: 'actOnce',
				idempotencyKey: 'k',
				readBackPath,
				expects: 'list',
				listKeys: [],
			},
			// @ts-expect-error: a read has no post to act on
			{ method: 'GET', path: '/posts/p1', resourceId: 'p1' },
			// @ts-expect-error: a list names where it is in the answer
			{ method: 'GET', path: '/posts', listKeys: ['posts'] },
			// @ts-expect-error: a delete carries no Idempotency-Key
			{
				method: 'DELETE',
				path: '/posts/p1',
				does: 'delete',
				resourceId: 'p1',
				idempotencyKey: 'k',
			},
		];
		expect(specs).toHaveLength(4);
	});
});
