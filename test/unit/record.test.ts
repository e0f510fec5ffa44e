import {
	describeRanges,
	formatRecord,
	parseRecord,
	VALUE_LIMIT,
} from '../../nodes/shared/reruns/record';

const base = { root: '1234', startedAt: 1_796_000_000_000 };

describe('the custom-data record', () => {
	it('keeps the chain, the failed run and every sent item, exactly, when they fit', () => {
		const sent = [0, 1, 2, 5, 9, 10];
		const { value, coarsened } = formatRecord({
			...base,
			run: { node: 'ab12cd34', runIndex: 3, endedAt: 1_796_000_060_500, sent },
		});
		expect(coarsened).toEqual([]);
		expect(value.length).toBeLessThanOrEqual(VALUE_LIMIT);
		expect(parseRecord(value)).toEqual({
			...base,
			run: { node: 'ab12cd34', runIndex: 3, endedAt: 1_796_000_061_000, sent },
		});
	});

	it('holds 600 sent rows of a 1,000-row run in a few characters', () => {
		const sent = Array.from({ length: 600 }, (_, index) => index);
		const { value } = formatRecord({
			...base,
			run: { node: 'ab12cd34', runIndex: 0, endedAt: base.startedAt, sent },
		});
		expect(value.length).toBeLessThan(60);
		expect(parseRecord(value)?.run?.sent).toEqual(sent);
	});

	it('when scattered items do not fit, fills the shortest gaps and names them', () => {
		// Every third item of 3,000 sent: 1,000 ranges, far over 255 characters.
		const sent = Array.from({ length: 1000 }, (_, index) => index * 3);
		sent.push(5000); // a far item: its long gap is the last to be filled
		const { value, coarsened } = formatRecord({
			...base,
			run: { node: 'ab12cd34', runIndex: 0, endedAt: base.startedAt, sent },
		});
		expect(value.length).toBeLessThanOrEqual(VALUE_LIMIT);
		const read = parseRecord(value)?.run?.sent ?? [];
		// Every sent item still reads as sent; the loss of precision is only inside the named gaps.
		for (const item of sent) expect(read).toContain(item);
		const inGaps = (item: number) => coarsened.some(([from, to]) => item >= from && item <= to);
		for (const item of read) expect(sent.includes(item) || inGaps(item)).toBe(true);
		// Items after the last sent one, and far gaps, are still "not sent".
		expect(read).not.toContain(5001);
		expect(read).not.toContain(4000);
		expect(describeRanges(coarsened)).toMatch(/^\d+-\d+/);
	});

	it('reads nothing from a value of another shape: unknown is never "sent"', () => {
		expect(parseRecord('*')).toBeUndefined();
		expect(parseRecord('0.3-7,0.9=post_1')).toBeUndefined();
		expect(parseRecord(undefined)).toBeUndefined();
		expect(parseRecord('s2|1|zz|ab12|0|1|0.zzzzzzzz')).toEqual({ root: '1', startedAt: 1295 });
	});

	it('a record with no failed run keeps only the chain', () => {
		const { value } = formatRecord(base);
		expect(parseRecord(value)).toEqual(base);
	});
});
