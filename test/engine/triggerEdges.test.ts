/**
 * Trigger edge cases found by an independent review of issue 22, items 1 and 7 (trigger errors,
 * SocialSyncerAPI's one webhook URL per account, webhook replay). Each test asserts what the
 * README promises; each failed before the fix that came with it.
 */
import { type INodeParameters, sleep } from 'n8n-workflow';

import { SCHEDULALA_KEY, SOCIAL_KEY } from '../support/helpers';
import { runInTimeZone } from '../support/inTimeZone';
import { deliveryTime, recentDeliveries } from '../../nodes/shared/trigger/replay';
import { TriggerHost } from '../support/engine/triggerHost';
import { useTriggerSimulators } from '../support/engine/triggerSimulators';

const { social, schedulala, urls, hosts } = useTriggerSimulators();

async function host(node: 'socialSyncer' | 'schedulala', parameters: INodeParameters) {
	const trigger = new TriggerHost({
		node,
		parameters,
		credentials:
			node === 'socialSyncer'
				? { apiKey: SOCIAL_KEY, baseUrl: urls.social, webhookSecret: social.webhookSecret }
				: { apiKey: SCHEDULALA_KEY, baseUrl: urls.schedulala },
	});
	await trigger.start();
	hosts.push(trigger);
	return trigger;
}

const automatic = { registration: 'automatic', events: ['post.published', 'post.failed'] };
const body = (fields: Record<string, unknown>) =>
	JSON.stringify({ event: 'post.published', data: { postId: 'p1', platform: 'x' }, ...fields });

describe('the SocialSyncerAPI setting', () => {
	it('Stop pressed while the listen is still registering: the account is not left on the test URL', async () => {
		const trigger = await host('socialSyncer', automatic);
		// checkExists reads first; create's read is slow (the API is slow to answer).
		social.script({
			kind: 'slow',
			method: 'GET',
			path: '/webhooks/settings',
			skip: 1,
			delayMs: 400,
		});
		const listening = trigger.activate('test');
		await sleep(150);
		// The user presses Stop: n8n removes the test registration.
		await trigger.deactivate('test');
		await listening.catch(() => undefined);
		await sleep(50);
		// README: "the account never keeps sending its events to a test URL".
		expect(social.webhookSettings.url).toBe('');
	});

	it('Stop pressed while the listen still checks the setting: the account is not left on the test URL', async () => {
		const trigger = await host('socialSyncer', automatic);
		social.script({ kind: 'slow', method: 'GET', path: '/webhooks/settings', delayMs: 400 });
		const listening = trigger.activate('test');
		await sleep(150);
		await trigger.deactivate('test');
		await listening.catch(() => undefined);
		await sleep(50);
		expect(social.webhookSettings.url).toBe('');
	});

	it('an n8n restart after someone set another URL in the dashboard: deactivation puts back theirs, not the one from before', async () => {
		Object.assign(social.webhookSettings, {
			url: 'https://old.example/hook',
			events: ['post.failed'],
		});
		const trigger = await host('socialSyncer', automatic);
		await trigger.activate();
		// While the workflow is active someone sets a new URL in the dashboard.
		Object.assign(social.webhookSettings, {
			url: 'https://new.example/hook',
			events: ['post.failed'],
		});
		// n8n restarts: checkExists sees another URL, create takes the setting back.
		await trigger.activate();
		expect(social.webhookSettings.url).toBe(trigger.url());
		await trigger.deactivate();
		// "it remembers the URL it replaced and puts it back": the URL it replaced was the new one.
		expect(social.webhookSettings.url).toBe('https://new.example/hook');
	});

	it("activation next to another workflow's test listen: deactivation does not restore that dead test URL", async () => {
		const other = await host('socialSyncer', automatic);
		await other.activate('test');
		expect(social.webhookSettings.url).toBe(other.url('test'));
		const trigger = await host('socialSyncer', automatic);
		await trigger.activate();
		// The other editor's listen ends (event or Stop): the setting is no longer its URL.
		await other.deactivate('test');
		await trigger.deactivate();
		// A /webhook-test/ URL nobody listens on would receive every event of the account.
		expect(social.webhookSettings.url).not.toContain('/webhook-test/');
	});
});

describe('two listens, and Stop during registration', () => {
	it('two editors listen at the same time on an empty setting: one of them is told, not both left listening', async () => {
		const a = await host('socialSyncer', automatic);
		const b = await host('socialSyncer', automatic);
		// Both read the (empty) setting before either writes it.
		social.script({
			kind: 'slow',
			method: 'GET',
			path: '/webhooks/settings',
			times: 4,
			delayMs: 200,
		});
		const outcomes = await Promise.allSettled([a.activate('test'), b.activate('test')]);
		// Only one URL can be set: the other listen would wait for events that never come.
		expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
	});

	it('someone else writes the setting right after the listen did (another n8n instance): the listen is refused and theirs stays', async () => {
		const trigger = await host('socialSyncer', automatic);
		// The listen's write lands at once; its answer comes later.
		social.script({ kind: 'slow', method: 'POST', path: '/webhooks/settings', delayMs: 400 });
		const listening = trigger.activate('test').then(
			() => undefined,
			(error: Error) => error,
		);
		while (social.webhookSettings.url !== trigger.url('test')) await sleep(10);
		Object.assign(social.webhookSettings, {
			url: 'https://other-instance.example/webhook-test/abc/webhook',
			events: ['post.failed'],
		});
		const refusal = await listening;
		expect(refusal?.message).toContain('https://other-instance.example/webhook-test/abc/webhook');
		expect(social.webhookSettings.url).toBe(
			'https://other-instance.example/webhook-test/abc/webhook',
		);
	});

	it('Schedulala: Stop pressed while the test webhook is being created leaves no test webhook behind', async () => {
		const trigger = await host('schedulala', { events: ['post.published'] });
		// create lists the webhooks first; that answer is slow.
		schedulala.script({ kind: 'slow', method: 'GET', path: '/webhooks', delayMs: 400 });
		const listening = trigger.activate('test');
		await sleep(150);
		await trigger.deactivate('test');
		await listening.catch(() => undefined);
		await sleep(50);
		// README: "Listen for test event creates a second, temporary webhook … n8n deletes it … or Stop".
		expect([...schedulala.webhookList.values()]).toEqual([]);
	});
});

describe('replay and de-duplication', () => {
	async function listening() {
		const trigger = await host('socialSyncer', automatic);
		await trigger.activate();
		return trigger;
	}
	const deliver = async (rawBody: string) =>
		(await social.webhooks.deliver('post.published', {}, { rawBody }))[0];

	it('a numeric event id is an id: the same event re-sent with other bytes starts nothing', async () => {
		const trigger = await listening();
		await deliver(body({ id: 98765, timestamp: new Date().toISOString() }));
		await sleep(5);
		const again = await deliver(
			body({ id: 98765, timestamp: new Date().toISOString(), attempt: 2 }),
		);
		expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'duplicate' });
		expect(trigger.executions).toHaveLength(1);
	});

	it("another workflow's traffic does not evict this trigger's deliveries: a replay within 5 minutes is refused", async () => {
		const trigger = await listening();
		const rawBody = body({ id: 'evt_victim', timestamp: new Date().toISOString() });
		await deliver(rawBody);
		// A busy trigger of another workflow in the same n8n: 5,000 deliveries within the window.
		for (let i = 0; i < 5_000; i++)
			recentDeliveries.firstTime('wfBusy:node:webhook', `id:evt_${i}`);
		const replay = await deliver(rawBody);
		expect(JSON.parse(replay.body)).toEqual({ received: true, ignored: 'duplicate' });
		expect(trigger.executions).toHaveLength(1);
	});

	it('an ISO timestamp without a zone (UTC, as many APIs send it) is not refused as stale when n8n runs in another time zone', () => {
		// Jest gives each file a copy of process.env: the product's replay.ts runs in a child
		// process whose TZ is America/New_York.
		const stale = runInTimeZone(
			'nodes/shared/trigger/replay.ts',
			'America/New_York',
			`const stamp = new Date().toISOString().replace('Z', '');
			process.stdout.write(String(m.isStale(m.deliveryTime({ event: 'post.published', timestamp: stamp }))));`,
		);
		expect(stale).toBe('false');
	});

	it('an unreadable timestamp falls back to createdAt: a 2020 delivery with timestamp "garbage" is refused', async () => {
		const trigger = await listening();
		const answer = await deliver(body({ timestamp: 'garbage', createdAt: '2020-01-01T00:00:00Z' }));
		expect(JSON.parse(answer.body)).toEqual({ received: true, ignored: 'stale' });
		expect(trigger.executions).toHaveLength(0);
	});
	it('a timestamp that is no time (Infinity, an object, true, text) falls back to the next time field', () => {
		const old = '2020-01-01T00:00:00Z';
		for (const timestamp of [Infinity, { at: 1 }, true, 'soon', Number.NaN])
			expect(deliveryTime({ event: 'post.published', timestamp, createdAt: old })).toBe(
				Date.parse(old),
			);
		expect(deliveryTime({ event: 'post.published', timestamp: 'x', created_at: 1577836800 })).toBe(
			Date.parse(old),
		);
		expect(deliveryTime({ event: 'post.published', timestamp: Infinity })).toBeUndefined();
		// Without a zone, an ISO time is UTC (with a space, too).
		expect(deliveryTime({ event: 'x', timestamp: '2020-01-01 00:00:00' })).toBe(Date.parse(old));
	});
});

describe('errors while registering', () => {
	it('a 404 while registering the webhook does not tell the user to check a post ID', async () => {
		const trigger = await host('socialSyncer', automatic);
		social.script({
			kind: 'error',
			status: 404,
			code: 'NOT_FOUND',
			message: 'Not found',
			path: /^\/webhooks/,
			times: 10,
		});
		const refusal = await trigger.activate().then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		social.faults = [];
		expect(refusal?.message).toBe('Not found');
		expect(refusal?.description ?? '').not.toMatch(/post ID/i);
	});

	it('a listen that keeps failing names no "Max Retries" field (the trigger has none)', async () => {
		const trigger = await host('socialSyncer', automatic);
		social.script({
			kind: 'status',
			status: 503,
			method: 'POST',
			path: '/webhooks/settings',
			times: 10,
		});
		const refusal = await trigger.activate('test').then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		social.faults = [];
		expect(refusal?.description).toContain('Gave up after 2 attempts.');
		expect(refusal?.description).not.toMatch(/Max Retries|Max Wait/);
		expect(social.webhookSettings.url).toBe('');
	});

	it('Schedulala refusing the events: the advice is about the events, not a post', async () => {
		const trigger = await host('schedulala', {
			events: ['post.published'],
			otherEvents: 'post.nope',
		});
		schedulala.script({
			kind: 'error',
			status: 400,
			code: 'validation_error',
			message: 'Unknown event: post.nope',
			method: 'POST',
			path: '/webhooks',
		});
		const refusal = await trigger.activate().then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		expect(refusal?.message).toBe('Unknown event: post.nope');
		expect(refusal?.description).toMatch(/Other Events/);
		expect(refusal?.description).not.toMatch(/post in the node|Platforms|run the node again/i);
	});
});
