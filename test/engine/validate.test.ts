import { schedulalaCreateParams } from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();

describe('Schedulala: Validate Post', () => {
	const sim = sims.schedulala;

	it('validates a draft without posting', async () => {
		const ok = await run('schedulala', {
			parameters: schedulalaCreateParams({ operation: 'validate' }),
		});
		expect(ok.main[0].json).toMatchObject({ valid: true, errors: [] });
		const tooLong = await run('schedulala', {
			parameters: schedulalaCreateParams({ operation: 'validate', content: 'x'.repeat(300) }),
		});
		expect(tooLong.main[0].json).toMatchObject({
			valid: false,
			errors: [{ code: 'validation_error' }],
		});
		expect(sim.posts.size).toBe(0);
		expect(sim.requestsTo('POST', '/posts/validate')[0].headers['idempotency-key']).toBeUndefined();
	});
});
