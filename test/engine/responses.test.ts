import type { IDataObject } from 'n8n-workflow';

import { createParams, errorOf, FAST_RETRIES, postIdParams, SOCIAL_KEY } from '../support/helpers';
import { createSocialSyncerSimulator } from '../support/simulators/socialsyncer';
import { runNode } from '../support/engine/harness';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();
const sim = sims.socialSyncer;
const NO_RETRIES = { ...FAST_RETRIES, maxRetries: 0 };

async function createdPostId(): Promise<string> {
	const result = await run('socialSyncer', { parameters: createParams() });
	return String(result.main[0].json.id);
}

describe("SocialSyncerAPI: answers that are not the API's JSON", () => {
	const cases = [
		{
			name: 'an HTML page under 200',
			fault: { kind: 'html' },
			message: /HTML page instead of JSON/,
			code: 'INVALID_RESPONSE',
		},
		{
			name: 'an empty body',
			fault: { kind: 'empty' },
			message: /empty body/,
			code: 'INVALID_RESPONSE',
		},
		{
			name: 'a truncated body',
			fault: { kind: 'truncated' },
			message: /cut off/,
			code: 'INVALID_RESPONSE',
		},
		{
			name: 'an HTML 502 from a gateway',
			fault: { kind: 'html', status: 502 },
			message: /HTTP 502 and an HTML page/,
			code: 'HTTP_502',
		},
		{
			name: 'a JSON array',
			fault: { kind: 'status', status: 200, body: [1, 2] },
			message: /answered without a post ID/,
			code: 'INVALID_RESPONSE',
		},
	];

	it.each(cases)('$name becomes a clear NodeApiError', async ({ fault, message, code }) => {
		const id = await createdPostId();
		sim.script({ ...fault, times: 10 });
		const result = await run('socialSyncer', {
			parameters: postIdParams('get', id, { requestOptions: NO_RETRIES }),
		});
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).not.toMatch(/TypeError|undefined|Unexpected token/);
		expect((result.error?.context as IDataObject).itemIndex).toBe(0);

		sim.script({ ...fault, times: 10 });
		const continued = await run('socialSyncer', {
			parameters: postIdParams('get', id, { requestOptions: NO_RETRIES }),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(continued.main[0])).toMatchObject({ code });
	});

	it('a redirect is not followed, so the key never goes to another host', async () => {
		const elsewhere = createSocialSyncerSimulator();
		const elsewhereUrl = await elsewhere.start();
		try {
			sim.script({
				kind: 'status',
				status: 302,
				headers: { Location: `${elsewhereUrl}/posts/p1` },
			});
			const result = await run('socialSyncer', {
				parameters: postIdParams('get', 'p1'),
				onError: 'continueRegularOutput',
			});
			const error = errorOf(result.main[0]);
			expect(error).toMatchObject({ code: 'INVALID_RESPONSE', httpCode: 302, retryable: false });
			expect(String(error.message)).toContain(`redirected the request to ${elsewhereUrl}`);
			expect(elsewhere.requests).toHaveLength(0);
		} finally {
			await elsewhere.stop();
		}
	});

	it('a refused connection carries a network code and no HTTP status', async () => {
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl: 'http://127.0.0.1:9/v1',
			apiKey: SOCIAL_KEY,
			parameters: postIdParams('get', 'p1', { requestOptions: NO_RETRIES }),
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error.code).toBe('ECONNREFUSED');
		expect(error.httpCode).toBeUndefined();
		expect(error.retryable).toBe(true);
	});
});
