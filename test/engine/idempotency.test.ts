import { FAST_RETRIES, schedulalaCreateParams } from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();
const sim = sims.schedulala;
const NO_RETRIES = { ...FAST_RETRIES, maxRetries: 0 };

describe('Schedulala: idempotency', () => {
	const keysSent = () =>
		sim.requestsTo('POST', '/posts').map((request) => request.headers['idempotency-key']);

	it('sends the same derived key when n8n "Retry On Fail" re-runs the node, so the post exists once', async () => {
		// The first attempt is processed, then the connection drops; our own retries are off.
		sim.script({ kind: 'dropAfter', method: 'POST', path: '/posts' });
		const result = await run('schedulala', {
			parameters: schedulalaCreateParams({ requestOptions: NO_RETRIES }),
			items: [{ text: 'one' }, { text: 'two' }],
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		});
		expect(result.error).toBeUndefined();
		const keys = keysSent();
		// Run 1: item 0 dropped. Run 2: item 0 replayed, item 1 created.
		expect(keys).toHaveLength(3);
		expect(keys[0]).toBe(keys[1]);
		expect(keys[2]).not.toBe(keys[0]);
		expect(sim.posts.size).toBe(2);
		expect(result.main.map((item) => item.json.id)).toHaveLength(2);
	});

	it('derives new keys in a new execution', async () => {
		await run('schedulala', { parameters: schedulalaCreateParams(), executionId: 'exec-a' });
		await run('schedulala', { parameters: schedulalaCreateParams(), executionId: 'exec-b' });
		const [a, b] = keysSent();
		expect(a).toMatch(/^n8n-[0-9a-f]{40}$/);
		expect(a).not.toBe(b);
		expect(sim.posts.size).toBe(2);
	});

	it('a user-set key (a row ID) makes a re-run of the same row safe', async () => {
		const parameters = schedulalaCreateParams({
			options: { idempotencyKey: '={{ "row-" + $json.row }}' },
		});
		const first = await run('schedulala', {
			parameters,
			items: [{ row: 7 }],
			executionId: 'monday',
		});
		const second = await run('schedulala', {
			parameters,
			items: [{ row: 7 }],
			executionId: 'tuesday',
		});
		expect(keysSent()).toEqual(['row-7', 'row-7']);
		expect(sim.posts.size).toBe(1);
		expect(second.main[0].json.id).toBe(first.main[0].json.id);
	});

	it('explains idempotency_conflict', async () => {
		const parameters = schedulalaCreateParams({ options: { idempotencyKey: 'row-1' } });
		await run('schedulala', { parameters });
		const conflict = await run('schedulala', {
			parameters: { ...parameters, content: 'Different text' },
		});
		expect(conflict.error?.message).toBe(
			'Idempotency key was already used with a different request body',
		);
		expect(conflict.error?.description).toMatch(/already used for a different post/);
	});
});
