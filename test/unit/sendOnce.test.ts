import { decideSend, type SendTraits } from '../../nodes/shared/transport/sendOnce';

const create: SendTraits = {
	actsOnce: true,
	goneMeansDone: false,
	readsBack: true,
	deduplicated: false,
	findable: true,
};
const retryPost: SendTraits = { ...create, findable: false, resourceId: 'p1' };
const del: SendTraits = { ...create, actsOnce: false, goneMeansDone: true, findable: false };
const get: SendTraits = { ...create, actsOnce: false, findable: false };
const bulkEntry: SendTraits = { ...create, readsBack: false };

describe('the send-once policy: its whole decision table', () => {
	it.each([
		['nothing sent', undefined, create, { step: 'send' }],
		['a request that may be repeated', {}, get, { step: 'send' }],
		[
			'answer in memory',
			{ result: { id: 'p1' } },
			create,
			{ step: 'answer', result: { id: 'p1' } },
		],
		['a delete sent before', {}, del, { step: 'resend' }],
		['ID known', { resourceId: 'p9' }, create, { step: 'readBack', id: 'p9' }],
		['Retry Post: its post ID', {}, retryPost, { step: 'readBack', id: 'p1' }],
		['deduplicated create', {}, { ...create, deduplicated: true }, { step: 'resend' }],
		[
			'create without a key the API honours',
			{},
			create,
			{ step: 'reconcile', ifMissing: 'refuse' },
		],
		['bulk entry sent before', {}, bulkEntry, { step: 'reconcile', ifMissing: 'refuse' }],
		[
			'acts once, cannot be found',
			{},
			{ ...create, findable: false, readsBack: false },
			{ step: 'refuse' },
		],
		['record lost, a create', { unknown: true }, create, { step: 'reconcile', ifMissing: 'send' }],
		['record lost, Retry Post', { unknown: true }, retryPost, { step: 'send' }],
		['record lost, a delete', { unknown: true }, del, { step: 'resend' }],
		[
			'record lost, deduplicated create',
			{ unknown: true },
			{ ...create, deduplicated: true },
			{ step: 'reconcile', ifMissing: 'send' },
		],
	])('%s', (_, earlier, traits, expected) => {
		expect(decideSend(earlier, traits)).toEqual(expected);
	});
});
