import { NodeApiError } from 'n8n-workflow';

import { networkFailure } from '../../nodes/shared/transport/network';

const node = {
	id: '1',
	name: 'SocialSyncerAPI',
	type: 'n8n-nodes-social-posting.socialSyncer',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

/** What real n8n 1.x hands the node: a NodeApiError with n8n's text and no code. */
function asN8n1Wraps(text: string): unknown {
	const error = new NodeApiError(node, { message: text } as never);
	error.message = text;
	return error;
}

describe('network failures read the same in n8n 1.x and 2.x', () => {
	it.each([
		[
			'ECONNRESET',
			'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
			true,
			undefined,
		],
		['ECONNREFUSED', 'The service refused the connection - perhaps it is offline', true, false],
		[
			'ETIMEDOUT',
			"The connection timed out, consider setting the 'Retry on Fail' option in the node settings",
			true,
			undefined,
		],
		['EHOSTUNREACH', 'The host is unreachable, perhaps the server is offline', true, false],
		[
			'ENOTFOUND',
			'The connection cannot be established, this usually occurs due to an incorrect host (domain) value',
			false,
			false,
		],
	])('%s from n8n 1.x text', (code, text, retryable, processed) => {
		const failure = networkFailure(asN8n1Wraps(text), 'SocialSyncerAPI', 30_000);
		expect(failure.code).toBe(code);
		expect(failure.retryable).toBe(retryable);
		expect(failure.processed).toBe(processed);
	});

	it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT'])('%s from a code (2.x, axios)', (code) => {
		const cause = Object.assign(new Error('x'), { code });
		const failure = networkFailure(Object.assign(new Error('wrapped'), { cause }), 'S', 1000);
		expect(failure.code).toBe(code);
	});
});
