import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { StartOrder } from '../../nodes/shared/transport/startOrder';
import type { RequestContext, RequestSpec } from '../../nodes/shared/types/request';
import { socialSyncerDialect } from '../../nodes/SocialSyncer/dialect';
import type { RerunLedger } from '../../nodes/shared/types/reruns';
import { send } from '../../nodes/shared/transport/send';
import { RequestSession } from '../../nodes/shared/transport/session';

describe('items start in input order', () => {
	it('an item released before its turn still gets its turn when the items before it start', async () => {
		const order = new StartOrder();
		const started: number[] = [];
		// Item 1 waits for its turn on one path and is released on another (a shared look-up).
		const waiting = order.turn(1).then(() => started.push(1));
		order.release(1);
		await sleep(5);
		expect(started).toEqual([]);
		order.release(0);
		await Promise.race([waiting, sleep(500)]);
		expect(started).toEqual([1]);
	});
});

describe('a Retry whose items all look up what an earlier run created', () => {
	/** Item 1's credentials come back first, so item 1 starts the shared look-up. */
	function session(requests: string[]) {
		const context = {
			getCredentials: async (_type: string, itemIndex: number) => {
				await sleep(itemIndex === 0 ? 30 : 0);
				return { apiKey: 'k', baseUrl: 'http://127.0.0.1:1' };
			},
			getNode: () => ({ name: 'Post', type: 'x', credentials: {} }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IDataObject) => {
					requests.push(`${String(options.method)} ${String(options.url)}`);
					return { statusCode: 200, headers: {}, body: JSON.stringify({ posts: [] }) };
				},
			},
		} as unknown as RequestContext;
		const ledger: RerunLedger = {
			rootExecutionId: '1',
			runIndex: 0,
			find: () => ({}),
			note: () => undefined,
			window: { from: 0, to: Date.now() },
			flush: () => undefined,
			notices: [],
		};
		return new RequestSession(context, socialSyncerDialect, ledger, undefined);
	}
	const create = (itemIndex: number): RequestSpec => ({
		method: 'POST',
		path: '/posts',
		body: { content: `Row ${itemIndex}`, platforms: [{ platform: 'instagram', accountId: 'a' }] },
		does: 'actOnce',
		idempotencyKey: `key-${itemIndex}`,
		expects: 'post',
		readBackPath: (id) => `/posts/${id}`,
	});

	it('finishes: one look-up, then each item its own answer (no item waits for another forever)', async () => {
		const requests: string[] = [];
		const run = session(requests);
		const settings = { timeoutMs: 1000, maxRetries: 0, maxWaitMs: 1000, initialBackoffMs: 10 };
		const outcomes = await Promise.all(
			[0, 1].map(async (itemIndex) => {
				try {
					return await send(run, create(itemIndex), settings, itemIndex);
				} catch (error) {
					return (error as Error).message;
				} finally {
					run.order.release(itemIndex);
				}
			}),
		);
		expect(requests).toEqual(['GET http://127.0.0.1:1/posts']);
		for (const outcome of outcomes) expect(String(outcome)).toMatch(/already sent this item/);
	});
});

describe('the start order', () => {
	it('lets an item start only after every earlier item started or finished', async () => {
		const order = new StartOrder();
		const started: number[] = [];
		const start = async (index: number) => {
			await order.turn(index);
			started.push(index);
			order.release(index);
		};
		const later = [start(3), start(1), start(2)];
		await Promise.resolve();
		expect(started).toEqual([]);
		await start(0);
		await Promise.all(later);
		expect(started).toEqual([0, 1, 2, 3]);
	});

	it('an item released without starting (it failed before sending) does not block the rest', async () => {
		const order = new StartOrder();
		const second = order.turn(1).then(() => 'started');
		order.release(0);
		await expect(second).resolves.toBe('started');
	});
});
