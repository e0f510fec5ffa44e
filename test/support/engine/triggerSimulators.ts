import { createSchedulalaSimulator } from '../simulators/schedulala';
import { createSocialSyncerSimulator } from '../simulators/socialsyncer';
import type { TriggerHost } from './triggerHost';

/**
 * Both simulators for a trigger test file, started once, cleared before each test; the
 * trigger hosts a test pushes onto `hosts` are stopped after it.
 */
export function useTriggerSimulators() {
	const social = createSocialSyncerSimulator();
	const schedulala = createSchedulalaSimulator();
	const urls = { social: '', schedulala: '' };
	const hosts: TriggerHost[] = [];

	beforeAll(async () => {
		urls.social = await social.start();
		urls.schedulala = await schedulala.start();
	});
	afterAll(async () => await Promise.all([social.stop(), schedulala.stop()]));
	beforeEach(() => {
		social.clear();
		schedulala.clear();
	});
	afterEach(async () => await Promise.all(hosts.splice(0).map(async (host) => await host.stop())));
	return { social, schedulala, urls, hosts };
}
