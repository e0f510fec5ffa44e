import { type INode, sleep } from 'n8n-workflow';

import type { ApiDialect } from '../../nodes/shared/types/dialect';
import { type Admission, OutageBreaker } from '../../nodes/shared/transport/outage';
import type { ApiFailure } from '../../nodes/shared/errors/failure';

describe('the outage breaker', () => {
	const node = { name: 'Node' } as INode;
	const dialect = { serviceName: 'Service' } as ApiDialect;
	const unavailable: ApiFailure = {
		code: 'HTTP_503',
		message: 'Service unavailable',
		kind: 'server',
		retryable: true,
		httpCode: 503,
	};
	const notFound: ApiFailure = {
		code: 'NOT_FOUND',
		message: 'Not found',
		kind: 'notFound',
		retryable: false,
		httpCode: 404,
	};
	const settled = async (admissions: Array<Promise<Admission>>) =>
		await Promise.all(admissions.map(async (admission) => await admission));
	const pending = async <T>(promise: Promise<T>): Promise<T | 'pending'> =>
		await Promise.race([promise, sleep(5).then(() => 'pending' as const)]);

	it('lets every item go while the API answers', async () => {
		const breaker = new OutageBreaker();
		await expect(
			settled([0, 1, 2].map(async (index) => await breaker.admit(index))),
		).resolves.toEqual(['go', 'go', 'go']);
	});

	it('after a server error, one item at a time in input order; an answer lets all go', async () => {
		const breaker = new OutageBreaker();
		breaker.attemptFailed(0, unavailable);
		expect(await breaker.admit(0)).toBe('go');
		const third = breaker.admit(2);
		const second = breaker.admit(1);
		expect(await pending(second)).toBe('pending');
		// Item 1 gave up (one item failed, not yet an outage): the lowest waiting item goes next.
		breaker.failed(0, unavailable);
		breaker.leave(0);
		expect(await second).toBe('go');
		expect(await pending(third)).toBe('pending');
		// Any answer but a server error: the API is up, everyone goes.
		breaker.attemptFailed(1, notFound);
		expect(await third).toBe('go');
		expect(await breaker.admit(5)).toBe('go');
	});

	it('after 3 items in a row failed, waiting retries and new items are told the API is down', async () => {
		const breaker = new OutageBreaker();
		breaker.attemptFailed(0, unavailable);
		const [second, third, fourth] = [1, 2, 3].map(async (index) => await breaker.admit(index));
		breaker.failed(0, unavailable);
		breaker.leave(0);
		expect(await second).toBe('go');
		breaker.failed(1, unavailable);
		breaker.leave(1);
		expect(await third).toBe('go');
		expect(await pending(fourth)).toBe('pending');
		breaker.failed(2, unavailable);
		expect(await fourth).toBe('down');
		expect(await breaker.admit(7)).toBe('down');
		expect(breaker.refusal(node, 7, dialect)?.message).toBe(
			'Service looks down: this item was not sent',
		);
		expect(breaker.stopReason(dialect)).toMatch(/looks down \(items 1, 2, 3 in a row/);
	});

	it('Stop wakes an item waiting for its turn', async () => {
		const breaker = new OutageBreaker();
		breaker.attemptFailed(0, unavailable);
		const controller = new AbortController();
		const waiting = breaker.admit(1, controller.signal);
		controller.abort();
		expect(await waiting).toBe('cancelled');
	});

	it('without On Error: Continue, a failure keeps the turn until the run stops (or the item recovers)', async () => {
		const breaker = new OutageBreaker();
		breaker.haltOnFailure = true;
		breaker.attemptFailed(0, unavailable);
		expect(await breaker.admit(0)).toBe('go');
		const waiting = breaker.admit(1);
		breaker.failed(0, unavailable);
		breaker.leave(0);
		expect(await pending(waiting)).toBe('pending');
		// The same item may go on (a bulk request's look-up) while the others wait.
		expect(await breaker.admit(0)).toBe('go');
		breaker.leave(0);
		breaker.halt();
		expect(await waiting).toBe('down');
		expect(await breaker.admit(2)).toBe('down');

		const recovered = new OutageBreaker();
		recovered.haltOnFailure = true;
		recovered.attemptFailed(0, unavailable);
		const next = recovered.admit(1);
		recovered.failed(0, unavailable);
		recovered.leave(0);
		// The item was done without stopping the run: the next one takes its turn.
		recovered.done(0);
		expect(await next).toBe('go');
	});
});
