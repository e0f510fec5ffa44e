/**
 * The pieces of Analytics that need no server: where the next cursor is found in an
 * answer (Schedulala does not document it), and which numeric strings become numbers.
 */
import { numbersAsNumbers } from '../../nodes/shared/output/numbers';
import { findNextCursor } from '../../nodes/shared/transport/cursorPaginate';

describe('findNextCursor', () => {
	it.each([
		['top level', { nextCursor: 'c2' }],
		['pagination', { pagination: { nextCursor: 'c2', hasMore: true } }],
		['meta', { meta: { next_cursor: 'c2' } }],
		['paging.cursors.after', { paging: { cursors: { after: 'c2' } } }],
		['a bare `cursor`', { pagination: { cursor: 'c2' } }],
		['a bare `next` token', { next: 'c2' }],
	])('finds it at %s', (_place, envelope) => {
		expect(findNextCursor(envelope).cursor).toBe('c2');
	});

	it('prefers nextCursor anywhere to a `cursor` that may echo the one sent', () => {
		expect(findNextCursor({ cursor: 'c1', pagination: { nextCursor: 'c2' } }).cursor).toBe('c2');
	});

	it('ends the list on hasMore: false, a null or empty cursor, or none at all', () => {
		expect(findNextCursor({ pagination: { nextCursor: 'c2', hasMore: false } }).cursor).toBeUndefined();
		expect(findNextCursor({ pagination: { nextCursor: null } }).cursor).toBeUndefined();
		expect(findNextCursor({ nextCursor: '' }).cursor).toBeUndefined();
		expect(findNextCursor({ data: [] }).cursor).toBeUndefined();
	});

	it('does not take a `next` link for a cursor', () => {
		expect(findNextCursor({ next: 'https://api.example/analytics/posts?page=2' }).cursor).toBeUndefined();
	});
});

describe('numbersAsNumbers', () => {
	it('turns clearly numeric strings into numbers, nested ones too', () => {
		expect(
			numbersAsNumbers({
				likes: '12',
				engagementRate: '4.25',
				change: '-3',
				zero: '0',
				metrics: { impressions: '1500', byDay: [{ views: '7' }] },
			}),
		).toEqual({
			likes: 12,
			engagementRate: 4.25,
			change: -3,
			zero: 0,
			metrics: { impressions: 1500, byDay: [{ views: 7 }] },
		});
	});

	it('leaves IDs, links, text and what is not clearly a number as sent', () => {
		const row = {
			id: '665',
			_id: '123',
			platformPostId: '1784000000000001',
			accountID: '42',
			postUrl: 'https://x.example/p/1',
			content: '2024',
			title: '10',
			padded: '007',
			huge: '12345678901234567890',
			words: '12 likes',
			exponent: '1e5',
			empty: '',
			already: 3,
			flag: true,
			none: null,
		};
		expect(numbersAsNumbers(row)).toEqual(row);
	});
});
