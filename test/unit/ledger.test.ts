import { formatRecord, parseRecord } from '../../nodes/shared/reruns/ledger';

describe('the send record kept in execution custom data', () => {
	it('keeps ranges of sent items and their post IDs, and reads them back', () => {
		const sent = new Map<string, string | undefined>([
			['0.0', 'post_a'],
			['0.1', 'post_b'],
			['0.2', undefined],
			['0.5', 'post/with,odd=chars'],
			['1.0', 'post_c'],
		]);
		const value = formatRecord(sent);
		expect(value).toBe(
			'0.0-2,0.5,1.0,0.0=post_a,0.1=post_b,0.5=post%2Fwith%2Codd%3Dchars,1.0=post_c',
		);
		expect(parseRecord(value)).toEqual({ all: false, sent });
	});

	it('stays within n8n\'s 255 characters: IDs first give way, then ranges become "everything"', () => {
		const many = new Map<string, string | undefined>();
		for (let item = 0; item < 300; item++) many.set(`0.${item}`, `post_${item}_xxxxxxxxxxxx`);
		const value = formatRecord(many);
		expect(value.length).toBeLessThanOrEqual(255);
		expect(value.startsWith('0.0-299')).toBe(true);
		const read = parseRecord(value);
		expect(read.sent.size).toBe(300);
		expect(read.sent.get('0.0')).toBe('post_0_xxxxxxxxxxxx');
		expect(read.sent.get('0.299')).toBeUndefined();

		const scattered = new Map<string, string | undefined>();
		for (let item = 0; item < 300; item += 2) scattered.set(`0.${item}`, undefined);
		expect(formatRecord(scattered)).toBe('*');
		// The safe reading: every item may have been sent.
		expect(parseRecord('*').all).toBe(true);
	});

	it('reads garbage or absurd ranges the safe way', () => {
		expect(parseRecord('hello,0.3').sent.has('0.3')).toBe(true);
		expect(parseRecord('0.0-99999999').all).toBe(true);
	});
});
