/**
 * The trigger nodes through n8n-core's HookContext and WebhookContext against
 * the simulators: registration follows n8n's webhook lifecycle, the simulators
 * deliver signed events to the trigger's URLs, and only a correctly signed
 * event starts an execution.
 */
import type { INodeParameters } from 'n8n-workflow';

import { SCHEDULALA_KEY, SOCIAL_KEY } from '../support/helpers';
import { ReplayWindow, TOLERANCE_MS } from '../../nodes/shared/trigger/replay';
import { TriggerHost } from '../support/engine/triggerHost';
import { useTriggerSimulators } from '../support/engine/triggerSimulators';

const { social, schedulala, urls, hosts } = useTriggerSimulators();

async function host(
	node: 'socialSyncer' | 'schedulala',
	parameters: INodeParameters,
	credentials: Record<string, string> = {},
): Promise<TriggerHost> {
	const trigger = new TriggerHost({
		node,
		parameters,
		credentials:
			node === 'socialSyncer'
				? {
						apiKey: SOCIAL_KEY,
						baseUrl: urls.social,
						webhookSecret: social.webhookSecret,
						...credentials,
					}
				: { apiKey: SCHEDULALA_KEY, baseUrl: urls.schedulala, ...credentials },
	});
	await trigger.start();
	hosts.push(trigger);
	return trigger;
}

const requestsTo = (sim: typeof social | typeof schedulala, method: string, path: RegExp) =>
	sim.requests.filter((request) => request.method === method && path.test(request.path));

async function scheduledPost(sim: typeof social | typeof schedulala): Promise<string> {
	const body =
		sim === social
			? {
					content: 'Launch day',
					scheduledFor: '2030-01-01T10:00:00Z',
					// Instagram takes no text-only post.
					mediaItems: [{ type: 'image', url: 'https://cdn.example.com/launch.jpg' }],
					platforms: [
						{ platform: 'instagram', accountId: 'ig_123' },
						{ platform: 'facebook', accountId: 'fb_456' },
					],
				}
			: {
					content: 'Launch day',
					scheduledFor: new Date(Date.now() + 86_400_000).toISOString(),
					platforms: ['twitter', 'facebook'],
				};
	const key = sim === social ? SOCIAL_KEY : SCHEDULALA_KEY;
	const response = await fetch(`${sim === social ? urls.social : urls.schedulala}/posts`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const json = (await response.json()) as { id?: string; post?: { _id: string } };
	const id = json.id ?? json.post?._id;
	if (!id) throw new Error(`no post created: ${JSON.stringify(json)}`);
	return id;
}

describe('Schedulala Trigger', () => {
	const events = { events: ['post.published', 'post.failed'] };

	it('registers its production URL on activation and keeps id and secret in static data', async () => {
		const trigger = await host('schedulala', { ...events, otherEvents: 'post.scheduled' });
		await trigger.activate();
		const [webhook] = [...schedulala.webhookList.values()];
		expect(webhook.url).toBe(trigger.url());
		expect(webhook.url).toContain('/webhook/');
		expect(webhook.events.sort()).toEqual(['post.failed', 'post.published', 'post.scheduled']);
		expect(trigger.staticData()).toEqual({
			webhookId: webhook.id,
			secret: webhook.secret,
			url: trigger.url(),
		});
		// n8n checks again at every start: the registration exists, nothing is re-created.
		await trigger.activate();
		expect(requestsTo(schedulala, 'POST', /^\/webhooks$/)).toHaveLength(1);
		expect(schedulala.webhookList.size).toBe(1);
	});

	it('one execution per delivery: a published and a failed platform, with flattened fields', async () => {
		const trigger = await host('schedulala', events);
		await trigger.activate();
		const postId = await scheduledPost(schedulala);
		schedulala.failPlatform('facebook', 'Token expired');
		await schedulala.publishScheduled(postId);
		expect(schedulala.webhooks.deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(2);
		const [published, failed] = trigger.executions.map((items) => items[0]);
		expect(published).toMatchObject({
			event: 'post.published',
			data: { postId, platform: 'twitter', status: 'posted' },
			postId,
			platform: 'twitter',
			status: 'posted',
		});
		expect(typeof published.timestamp).toBe('string');
		expect(published.url).toMatch(/^https:\/\/twitter\.example\/p\//);
		expect(failed).toMatchObject({
			event: 'post.failed',
			postId,
			platform: 'facebook',
			status: 'failed',
			error: 'Token expired (platform_error)',
		});
	});

	it('a missing or wrong signature gets 401 and starts nothing; a bad body gets 400', async () => {
		const trigger = await host('schedulala', events);
		await trigger.activate();
		const data = { postId: 'post_1', platform: 'instagram', status: 'posted' };
		const [wrong] = await schedulala.webhooks.deliver('post.published', data, {
			signature: 'wrong',
		});
		const [missing] = await schedulala.webhooks.deliver('post.published', data, {
			signature: 'missing',
		});
		const [notJson] = await schedulala.webhooks.deliver('post.published', data, {
			rawBody: '{"event": "post.published", "data": {',
			contentType: 'text/plain',
		});
		const [notEvent] = await schedulala.webhooks.deliver('post.published', data, {
			rawBody: '["post.published"]',
		});
		expect([wrong.status, missing.status, notJson.status, notEvent.status]).toEqual([
			401, 401, 400, 400,
		]);
		expect(JSON.parse(wrong.body)).toEqual({ error: 'Invalid signature' });
		expect(JSON.parse(missing.body)).toEqual({ error: 'Missing signature' });
		expect(trigger.executions).toHaveLength(0);
	});

	it('an event the user did not pick is acknowledged and starts nothing', async () => {
		const trigger = await host('schedulala', { events: ['post.failed'] });
		await trigger.activate();
		const webhook = [...schedulala.webhookList.values()][0];
		webhook.events.push('post.published');
		const [delivery] = await schedulala.webhooks.deliver('post.published', { postId: 'p' });
		expect(delivery.status).toBe(200);
		expect(trigger.executions).toHaveLength(0);
	});

	it('re-creates a registration that vanished, and removes a leftover for its URL first', async () => {
		const trigger = await host('schedulala', events);
		await trigger.activate();
		const first = [...schedulala.webhookList.values()][0];
		schedulala.webhookList.delete(first.id);
		// A leftover for the same URL (say, from a copy whose static data was lost).
		schedulala.webhookList.set('wh_leftover', {
			...first,
			id: 'wh_leftover',
			secret: 'whsec_unknown',
		});
		await trigger.activate();
		const remaining = [...schedulala.webhookList.values()];
		expect(remaining).toHaveLength(1);
		expect(remaining[0].id).not.toBe(first.id);
		expect(remaining[0].id).not.toBe('wh_leftover');
		expect(trigger.staticData().webhookId).toBe(remaining[0].id);
		// Exactly one delivery per event, and it verifies.
		await schedulala.webhooks.deliver('post.published', { postId: 'p1' });
		expect(trigger.executions).toHaveLength(1);
	});

	it('a registration for another URL or other events is replaced', async () => {
		const trigger = await host('schedulala', events);
		await trigger.activate();
		const before = trigger.staticData().webhookId;
		const changed = await host('schedulala', { events: ['account.error'] });
		Object.assign(changed.staticData(), trigger.staticData());
		// The same workflow at its URL: the host's base URL differs, so the URL differs too.
		await changed.activate();
		expect(schedulala.webhookList.has(String(before))).toBe(false);
		expect([...schedulala.webhookList.values()].map((webhook) => webhook.events)).toEqual([
			['account.error'],
		]);
	});

	it('deactivation deletes the registration; a second delete is harmless', async () => {
		const trigger = await host('schedulala', events);
		await trigger.activate();
		await trigger.deactivate();
		expect(schedulala.webhookList.size).toBe(0);
		expect(trigger.staticData()).toEqual({});
		await trigger.deactivate();
		expect(requestsTo(schedulala, 'DELETE', /^\/webhooks\//)).toHaveLength(1);
	});

	it('listening for a test event registers the test URL apart from the production one', async () => {
		const trigger = await host('schedulala', events);
		await trigger.activate();
		await trigger.activate('test');
		const registered = [...schedulala.webhookList.values()].map((webhook) => webhook.url).sort();
		expect(registered).toEqual([trigger.url(), trigger.url('test')].sort());
		expect(trigger.url('test')).toContain('/webhook-test/');
		await schedulala.webhooks.deliver('post.failed', { postId: 'p2', error: 'Rejected' });
		expect(trigger.executions).toHaveLength(2);
		await trigger.deactivate('test');
		expect([...schedulala.webhookList.values()].map((webhook) => webhook.url)).toEqual([
			trigger.url(),
		]);
	});

	it('a listen handed the production static data (as n8n does when it fails) never touches the production webhook', async () => {
		const trigger = await host('schedulala', events);
		await trigger.activate();
		const production = { ...trigger.staticData() };
		Object.assign(trigger.staticData('test'), production);
		schedulala.script({
			kind: 'status',
			status: 500,
			method: 'POST',
			path: '/webhooks',
			times: 10,
		});
		await expect(trigger.activate('test')).rejects.toThrow(/HTTP 500/);
		schedulala.faults = [];
		expect([...schedulala.webhookList.values()].map((webhook) => webhook.url)).toEqual([
			trigger.url(),
		]);
		expect(trigger.staticData()).toEqual(production);
		await trigger.activate('test');
		await trigger.deactivate('test');
		expect([...schedulala.webhookList.keys()]).toEqual([production.webhookId]);
	});

	it("a registration the API refuses fails the activation with the API's message", async () => {
		const trigger = await host('schedulala', events, { apiKey: 'sk_live_wrong' });
		await expect(trigger.activate()).rejects.toMatchObject({ httpCode: '401' });
		expect(schedulala.webhookList.size).toBe(0);
	});

	it('no event selected: activation says so before any request', async () => {
		const trigger = await host('schedulala', { events: [] });
		await expect(trigger.activate()).rejects.toThrow('No event selected');
		expect(requestsTo(schedulala, 'POST', /^\/webhooks$/)).toHaveLength(0);
	});
});

describe('SocialSyncerAPI Trigger', () => {
	const events = { events: ['post.published', 'post.failed', 'account.disconnected'] };

	it('automatic: sets the account URL on activation and puts the previous one back on deactivation', async () => {
		Object.assign(social.webhookSettings, {
			url: 'https://other.example/hooks',
			events: ['post.failed'],
		});
		const trigger = await host('socialSyncer', { registration: 'automatic', ...events });
		await trigger.activate();
		expect(social.webhookSettings.url).toBe(trigger.url());
		expect([...social.webhookSettings.events].sort()).toEqual(
			['account.disconnected', 'post.failed', 'post.published'].sort(),
		);
		// n8n's restart: the setting is ours, nothing is written again.
		await trigger.activate();
		expect(requestsTo(social, 'POST', /^\/webhooks\/settings$/)).toHaveLength(1);
		await trigger.deactivate();
		expect(social.webhookSettings).toEqual({
			url: 'https://other.example/hooks',
			events: ['post.failed'],
		});
	});

	it('verifies both header spellings and refuses a wrong signature', async () => {
		const trigger = await host('socialSyncer', { registration: 'automatic', ...events });
		await trigger.activate();
		const postId = await scheduledPost(social);
		social.failPlatform('facebook', 'Media rejected');
		await social.publishScheduled(postId);
		const [alternate] = await social.webhooks.deliver(
			'account.disconnected',
			{ accountId: 'ig_999', platform: 'instagram' },
			{ header: 'x-socialapi-signature' },
		);
		const [wrong] = await social.webhooks.deliver(
			'post.published',
			{ postId },
			{ signature: 'wrong' },
		);
		expect(alternate.status).toBe(200);
		expect(wrong.status).toBe(401);
		expect(trigger.executions.map((items) => items[0].event)).toEqual([
			'post.published',
			'post.failed',
			'account.disconnected',
		]);
		const [published, failed, disconnected] = trigger.executions.map((items) => items[0]);
		expect(published).toMatchObject({ postId, platform: 'instagram', status: 'published' });
		expect(published.url).toMatch(/^https:\/\/instagram\.example\/p\//);
		expect(failed).toMatchObject({ postId, platform: 'facebook', error: 'Media rejected' });
		expect(disconnected).toMatchObject({ accountId: 'ig_999', platform: 'instagram' });
	});

	it('without a Webhook Secret in the credential, activation fails and registers nothing', async () => {
		const trigger = await host(
			'socialSyncer',
			{ registration: 'automatic', ...events },
			{ webhookSecret: '' },
		);
		await expect(trigger.activate()).rejects.toThrow('The credential has no Webhook Secret');
		expect(social.webhookSettings.url).toBe('');
		expect(requestsTo(social, 'POST', /^\/webhooks\/settings$/)).toHaveLength(0);
	});

	it('listening in the editor never takes the production deliveries', async () => {
		const trigger = await host('socialSyncer', { registration: 'automatic', ...events });
		await trigger.activate();
		await expect(trigger.activate('test')).rejects.toThrow(
			`SocialSyncerAPI sends this account's webhooks to ${trigger.url()}`,
		);
		expect(social.webhookSettings.url).toBe(trigger.url());
		// With no production URL set, the test URL is used and cleared again afterwards.
		await trigger.deactivate();
		expect(social.webhookSettings.url).toBe('');
		await trigger.activate('test');
		expect(social.webhookSettings.url).toBe(trigger.url('test'));
		await social.webhooks.deliver('post.published', { postId: 'p3', platform: 'x' });
		expect(trigger.executions).toHaveLength(1);
		await trigger.deactivate('test');
		expect(social.webhookSettings).toEqual({ url: '', events: [] });
	});

	it('set in the dashboard: n8n only listens, and still verifies every delivery', async () => {
		const trigger = await host('socialSyncer', { registration: 'dashboard', ...events });
		await trigger.activate();
		await trigger.deactivate();
		expect(requestsTo(social, 'POST', /^\/webhooks\/settings$/)).toHaveLength(0);
		Object.assign(social.webhookSettings, { url: trigger.url(), events: ['post.failed'] });
		const [good] = await social.webhooks.deliver('post.failed', { postId: 'p4' });
		const [bad] = await social.webhooks.deliver(
			'post.failed',
			{ postId: 'p4' },
			{ signature: 'missing' },
		);
		expect([good.status, bad.status]).toEqual([200, 401]);
		expect(trigger.executions).toHaveLength(1);
	});
});

describe('SocialSyncerAPI Trigger: listening for a test event', () => {
	const events = { events: ['post.published', 'post.failed'] };
	const settingsPosts = () => requestsTo(social, 'POST', /^\/webhooks\/settings$/);

	it('on an empty setting: one POST, and empty again after the event or Stop', async () => {
		const trigger = await host('socialSyncer', { registration: 'automatic', ...events });
		await trigger.activate('test');
		expect(settingsPosts().map((request) => request.body)).toEqual([
			{ url: trigger.url('test'), events: ['post.published', 'post.failed'] },
		]);
		await social.webhooks.deliver('post.published', { postId: 'p1', platform: 'x' });
		expect(trigger.executions).toHaveLength(1);
		// n8n removes the test registration after the event, and on Stop.
		await trigger.deactivate('test');
		expect(social.webhookSettings).toEqual({ url: '', events: [] });
		expect(settingsPosts()).toHaveLength(2);
		expect(trigger.staticData('test')).toEqual({});
	});

	it('next to a dashboard URL: refused naming it, with how to proceed; nothing written', async () => {
		const dashboard = 'https://hooks.example.com/socialsyncer';
		Object.assign(social.webhookSettings, { url: dashboard, events: ['post.failed'] });
		const trigger = await host('socialSyncer', { registration: 'automatic', ...events });
		const refusal = await trigger.activate('test').then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		expect(refusal?.message).toBe(
			`SocialSyncerAPI sends this account's webhooks to ${dashboard}: deactivate the workflow that uses it or clear it in the SocialSyncerAPI dashboard first, or set Registration to "Set It in the Dashboard" and paste the test URL there`,
		);
		expect(refusal?.description).toMatch(/nothing was changed/);
		expect(social.webhookSettings).toEqual({ url: dashboard, events: ['post.failed'] });
		expect(settingsPosts()).toHaveLength(0);
	});

	it("next to this workflow's production URL: refused, and the production setting stays", async () => {
		const trigger = await host('socialSyncer', { registration: 'automatic', ...events });
		await trigger.activate();
		const refusal = await trigger.activate('test').then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		expect(refusal?.message).toBe(
			`SocialSyncerAPI sends this account's webhooks to ${trigger.url()}, this workflow's production URL: deactivate the workflow first, or set Registration to "Set It in the Dashboard" and paste the test URL there`,
		);
		expect(social.webhookSettings.url).toBe(trigger.url());
		expect(settingsPosts()).toHaveLength(1);
	});

	it("removing the test registration never throws (n8n's cleanup would break), production deactivation does", async () => {
		const trigger = await host('socialSyncer', { registration: 'automatic', ...events });
		await trigger.activate('test');
		await trigger.activate();
		social.script({ kind: 'status', status: 500, path: '/webhooks/settings', times: 100 });
		await expect(trigger.deactivate('test')).resolves.toBeUndefined();
		await expect(trigger.deactivate()).rejects.toThrow(/HTTP 500/);
	});

	it("a listen the API refuses fails with the API's message, and its cleanup does not throw", async () => {
		const trigger = await host(
			'socialSyncer',
			{ registration: 'automatic', ...events },
			{ apiKey: 'sk_test_not_the_right_key' },
		);
		const refusal = await trigger.activate('test').then(
			() => undefined,
			(error: Error) => error,
		);
		expect(refusal?.message).toBe('Invalid API key');
		expect(JSON.stringify(refusal)).not.toContain('sk_test_not_the_right_key');
	});
});

describe('Webhook replay', () => {
	const events = { events: ['post.published', 'post.failed'] };
	const body = (event: Record<string, unknown>) =>
		JSON.stringify({ event: 'post.published', data: { postId: 'p1', platform: 'x' }, ...event });
	const now = () => new Date().toISOString();

	async function listening() {
		const trigger = await host('socialSyncer', { registration: 'automatic', ...events });
		await trigger.activate();
		return trigger;
	}

	it('the same signed delivery twice: the second answers 200 and starts nothing', async () => {
		const trigger = await listening();
		const rawBody = body({ timestamp: now() });
		const [first] = await social.webhooks.deliver('post.published', {}, { rawBody });
		const [second] = await social.webhooks.deliver('post.published', {}, { rawBody });
		expect([first.status, second.status]).toEqual([200, 200]);
		expect(JSON.parse(second.body)).toEqual({ received: true, ignored: 'duplicate' });
		expect(trigger.executions).toHaveLength(1);
		// Another event (other bytes) still starts its own execution.
		await social.webhooks.deliver('post.failed', { postId: 'p1', error: 'x' });
		expect(trigger.executions).toHaveLength(2);
	});

	it('an event id seen lately is a duplicate even when the bytes differ', async () => {
		const trigger = await listening();
		await social.webhooks.deliver(
			'post.published',
			{},
			{ rawBody: body({ id: 'evt_1', timestamp: now() }) },
		);
		const [again] = await social.webhooks.deliver(
			'post.published',
			{},
			{ rawBody: body({ id: 'evt_1', timestamp: now(), attempt: 2 }) },
		);
		await social.webhooks.deliver(
			'post.published',
			{},
			{ rawBody: body({ id: 'evt_2', timestamp: now() }) },
		);
		expect(again.status).toBe(200);
		expect(trigger.executions.map((items) => items[0].id)).toEqual(['evt_1', 'evt_2']);
	});

	it('a payload stamped more than 5 minutes off (2020, or the future) starts nothing; within 5 minutes it runs', async () => {
		const trigger = await listening();
		const stale = [
			'2020-01-01T00:00:00Z',
			new Date(Date.now() - TOLERANCE_MS - 60_000).toISOString(),
			new Date(Date.now() + TOLERANCE_MS + 60_000).toISOString(),
			1577836800,
		];
		for (const timestamp of stale) {
			const [answer] = await social.webhooks.deliver(
				'post.published',
				{},
				{ rawBody: body({ timestamp }) },
			);
			expect(answer.status).toBe(200);
			expect(JSON.parse(answer.body)).toEqual({ received: true, ignored: 'stale' });
		}
		expect(trigger.executions).toHaveLength(0);
		const recent = new Date(Date.now() - 4 * 60_000).toISOString();
		await social.webhooks.deliver('post.published', {}, { rawBody: body({ timestamp: recent }) });
		// Without a time (the docs do not promise one), only the duplicate check applies.
		await social.webhooks.deliver(
			'post.published',
			{},
			{ rawBody: body({ timestamp: undefined, n: 1 }) },
		);
		expect(trigger.executions).toHaveLength(2);
	});

	it('the window is bounded per trigger, in triggers, and by age', () => {
		const window = new ReplayWindow({ perTrigger: 3, triggers: 2, ttlMs: 1000 });
		for (const id of ['a', 'b', 'c', 'd', 'e']) expect(window.firstTime('t1', id, 0)).toBe(true);
		expect(window.count).toBe(3);
		// The oldest were forgotten; the newest are still duplicates.
		expect(window.firstTime('t1', 'e', 10)).toBe(false);
		expect(window.firstTime('t1', 'a', 10)).toBe(true);
		// Another trigger's traffic leaves t1's deliveries alone.
		for (const id of ['a', 'b', 'c', 'd', 'e']) expect(window.firstTime('t2', id, 20)).toBe(true);
		expect(window.firstTime('t1', 'e', 30)).toBe(false);
		// A third trigger: the one heard from least lately (t2) is forgotten.
		expect(window.firstTime('t3', 'x', 40)).toBe(true);
		expect(window.triggerCount).toBe(2);
		expect(window.firstTime('t2', 'e', 50)).toBe(true);
		// After the window's age everything is forgotten.
		expect(window.firstTime('t1', 'e', 2000)).toBe(true);
		expect(window.count).toBe(1);
	});
});
