import { ANSWER_BYTES, RunMemory } from '../../nodes/shared/reruns/memory';

describe('the in-process record', () => {
	it('keeps small answers and only the ID of a large one', () => {
		const memory = new RunMemory();
		memory.set('run', '0.0', { resourceId: 'p0', result: { id: 'p0', content: 'hi' } });
		memory.set('run', '0.1', {
			resourceId: 'p1',
			result: { id: 'p1', content: 'x'.repeat(ANSWER_BYTES) },
		});
		expect(memory.get('run', '0.0')?.result?.content).toBe('hi');
		expect(memory.get('run', '0.1')).toEqual({ resourceId: 'p1' });
	});

	it('stays within its byte budget whatever the posts, forgetting the oldest runs first', () => {
		const memory = new RunMemory(1_000_000);
		for (let run = 0; run < 50; run++)
			for (let item = 0; item < 100; item++)
				memory.set(`run${run}`, `0.${item}`, {
					resourceId: `p${item}`,
					result: { content: 'y'.repeat(1000) },
				});
		expect(memory.bytes).toBeLessThanOrEqual(1_000_000);
		expect(memory.get('run49', '0.99')).toBeDefined();
		expect(memory.get('run0', '0.0')).toBeUndefined();
	});

	it('forgets a run after its time to live', () => {
		let now = 0;
		const memory = new RunMemory(1_000_000, 1000, () => now);
		memory.set('run', '0.0', { resourceId: 'p0' });
		now = 999;
		expect(memory.get('run', '0.0')).toBeDefined();
		now = 1001;
		expect(memory.get('run', '0.0')).toBeUndefined();
	});
});
