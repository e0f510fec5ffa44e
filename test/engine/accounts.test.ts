/**
 * Account → Get Many (both nodes) and Get Health (SocialSyncerAPI), through
 * n8n-core's engine against the simulators: one item per account, paired to
 * its input item, the platform filter, and clear errors.
 */
import { errorOf, FAST_RETRIES, SCHEDULALA_KEY, SOCIAL_KEY } from '../support/helpers';
import { useBothSimulators } from '../support/engine/bothSimulators';
import { runNode } from '../support/engine/harness';

const { sims, urls } = useBothSimulators();
const social = sims.socialSyncer;
const schedulala = sims.schedulala;

const accountParams = (operation: string, extra = {}) => ({
	resource: 'account',
	operation,
	requestOptions: FAST_RETRIES,
	...extra,
});

describe('SocialSyncerAPI: Account', () => {
	it('Get Many gives one item per connected account, each paired to its input item', async () => {
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: SOCIAL_KEY,
			parameters: accountParams('getAll'),
			items: [{}, {}],
		});
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(12);
		expect(result.main[0].json).toMatchObject({ platform: 'instagram', accountId: 'ig_123' });
		expect(result.main.map((item) => item.pairedItem)).toEqual([
			...Array(6).fill({ item: 0 }),
			...Array(6).fill({ item: 1 }),
		]);
	});

	it('Get Many filters by platform', async () => {
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: SOCIAL_KEY,
			parameters: accountParams('getAll', { filters: { platform: 'tiktok' } }),
		});
		expect(result.main.map((item) => item.json.accountId)).toEqual(['tt_321']);
		expect(social.requests[0].path).toBe('/accounts');
		expect(social.requests[0].headers.authorization).toBe(`Bearer ${SOCIAL_KEY}`);
	});

	it('Get Health reports every account with what to fix', async () => {
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: SOCIAL_KEY,
			parameters: accountParams('getHealth'),
		});
		expect(result.main).toHaveLength(6);
		expect(result.main.find((item) => item.json.accountId === 'ig_999')?.json).toMatchObject({
			health: 'error',
			tokenValid: false,
		});
		const tiktok = result.main.find((item) => item.json.platform === 'tiktok')?.json;
		expect(tiktok).toMatchObject({ health: 'warning', tokenValid: true });
		expect(tiktok?.recommendations).toEqual(['Token expires in 3 days. Consider reconnecting.']);
	});

	it('an answer that is not a list is a clear error, not a TypeError', async () => {
		social.script({ kind: 'status', status: 200, body: { accounts: 'none' }, method: 'GET' });
		const result = await runNode({
			node: 'socialSyncer',
			baseUrl: urls.socialSyncer,
			apiKey: SOCIAL_KEY,
			parameters: accountParams('getAll'),
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[0])).toMatchObject({
			code: 'INVALID_RESPONSE',
			message: 'SocialSyncerAPI answered without the expected list',
		});
	});
});

describe('Schedulala: Account', () => {
	it('Get Many unwraps the envelope and keeps needsReconnect', async () => {
		const result = await runNode({
			node: 'schedulala',
			baseUrl: urls.schedulala,
			apiKey: SCHEDULALA_KEY,
			parameters: accountParams('getAll'),
		});
		expect(result.main.map((item) => item.json.accountId)).toEqual([
			'acc_tw_1',
			'acc_li_1',
			'acc_ig_1',
		]);
		expect(result.main[2].json.needsReconnect).toBe(true);
	});

	it('a 404 on the inferred accounts path says that the path is inferred', async () => {
		schedulala.script({
			kind: 'error',
			code: 'not_found',
			message: 'Not found',
			status: 404,
			path: '/accounts',
		});
		const result = await runNode({
			node: 'schedulala',
			baseUrl: urls.schedulala,
			apiKey: SCHEDULALA_KEY,
			parameters: accountParams('getAll'),
		});
		expect(result.error?.message).toBe('Not found');
		expect(result.error?.description).toMatch(/does not name its accounts path.*inferred/);
	});
});
