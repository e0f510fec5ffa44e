import { createParams, errorOf, postIdParams, SOCIAL_KEY, visibleText } from '../support/helpers';
import { runNode } from '../support/engine/harness';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();
const sim = sims.socialSyncer;

describe('SocialSyncerAPI: a credential that cannot work', () => {
	it('a Base URL that is not http(s) fails clearly and sends nothing', async () => {
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl: 'api.socialsyncerapi.com/v1',
			apiKey: SOCIAL_KEY,
			parameters: postIdParams('get', 'p1'),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0])).toMatchObject({ code: 'INVALID_CREDENTIAL', retryable: false });
		expect(sim.requests).toHaveLength(0);
	});
});

describe('SocialSyncerAPI: the API key stays secret', () => {
	it('is masked even when the API echoes it', async () => {
		const echoingApi = {
			kind: 'status',
			status: 401,
			body: {
				error: `Key ${SOCIAL_KEY} is disabled`,
				code: 'AUTH_INVALID_KEY',
				details: { key: SOCIAL_KEY },
			},
		};
		sim.script(echoingApi);
		const thrown = await run('socialSyncer', { parameters: createParams() });
		expect(thrown.error?.message).toBe('Key [redacted] is disabled');
		expect(visibleText(thrown)).not.toContain(SOCIAL_KEY);

		sim.script(echoingApi);
		const continued = await run('socialSyncer', {
			parameters: createParams(),
			onError: 'continueErrorOutput',
		});
		expect(errorOf(continued.errorOutput[0]).details).toEqual({ key: '[redacted]' });
		expect(visibleText(continued)).not.toContain(SOCIAL_KEY);
	});
});
