import { Batcher } from '../../nodes/shared/run/batcher';
import { type BatchEntry } from '../../nodes/shared/types/operation';

type Sent = Array<Array<BatchEntry<string, string>>>;

function batcher(items: number, size: number) {
	const sent: Sent = [];
	const instance = new Batcher<string, string>(items, size, async (batch) => {
		sent.push(batch);
		for (const entry of batch) entry.resolve(`done ${entry.entry}`);
	});
	return { instance, sent, contents: () => sent.map((batch) => batch.map((entry) => entry.entry)) };
}

describe('the batcher', () => {
	it('sends consecutive items in batches of the size, in input order, whatever order they arrive in', async () => {
		const { instance, contents } = batcher(5, 2);
		const results = [3, 1, 0, 4, 2].map((index) => instance.submit(index, `item ${index}`));
		await expect(Promise.all(results)).resolves.toEqual([
			'done item 3',
			'done item 1',
			'done item 0',
			'done item 4',
			'done item 2',
		]);
		expect(contents()).toEqual([['item 0', 'item 1'], ['item 2', 'item 3'], ['item 4']]);
	});

	it('an item that withdraws (invalid, or on its own) never holds the batch back or enters it', async () => {
		const { instance, contents } = batcher(4, 3);
		const first = instance.submit(0, 'a');
		instance.withdraw(1);
		const third = instance.submit(2, 'c');
		expect(contents()).toEqual([]);
		const fourth = instance.submit(3, 'd');
		await Promise.all([first, third, fourth]);
		expect(contents()).toEqual([['a', 'c', 'd']]);
	});

	it('waits for the items before a batch end to decide, then sends the rest at the end of the input', async () => {
		const { instance, contents } = batcher(3, 25);
		const pending = [instance.submit(0, 'a'), instance.submit(2, 'c')];
		expect(contents()).toEqual([]);
		instance.withdraw(1);
		await Promise.all(pending);
		expect(contents()).toEqual([['a', 'c']]);
	});

	it('stop rejects the entries not sent yet, and later ones', async () => {
		const { instance, sent } = batcher(4, 4);
		const waiting = instance.submit(0, 'a');
		instance.stop(new Error('stopped'));
		await expect(waiting).rejects.toThrow('stopped');
		await expect(instance.submit(1, 'b')).rejects.toThrow('stopped');
		expect(sent).toEqual([]);
	});
});
