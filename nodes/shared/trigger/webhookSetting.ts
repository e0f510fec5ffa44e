import { type IDataObject, type IHookFunctions, NodeOperationError } from 'n8n-workflow';

import type { ApiCall } from '../types/request';
import type { ApiDialect } from '../types/dialect';
import { unwrapEnvelope } from '../output/post';
import {
	isThisNodesUrl,
	sameEvents,
	stored,
	wantedEvents,
	webhookUrl,
	type WebhookLifecycle,
} from './registration';
import { accountKey, oneAtATime } from './accountLock';
import { deleteAfterCreate } from './inFlight';
import { registrationCall } from './requests';
import { isTestUrl, isTestWebhookUrl, withSafeTestCleanup } from './testCleanup';

interface Setting extends IDataObject {
	url: string;
	events: string[];
}

interface Registration extends IDataObject {
	/** The account's setting before this node replaced it: put back on deactivation. */
	previous?: Setting;
	/** The URL this node set. */
	registeredUrl?: string;
}

/** How the node registers: it sets the account's URL, or the user does in the dashboard. */
export const AUTOMATIC = 'automatic';

async function readSetting(call: ApiCall, path: string): Promise<Setting> {
	const body = unwrapEnvelope(await call({ method: 'GET', path }), ['webhook', 'settings', 'data']);
	const url = typeof body.url === 'string' ? body.url : '';
	const events = Array.isArray(body.events) ? body.events.map(String) : [];
	return { url, events };
}

async function write(call: ApiCall, path: string, setting: Setting): Promise<void> {
	await call({ method: 'POST', path, body: { url: setting.url, events: setting.events } });
}

const EMPTY: Setting = { url: '', events: [] };

/**
 * What deactivation may put back: another workflow's test URL is not, since that
 * listen ends within minutes and nobody would receive the account's events there.
 */
function restorable(setting: Setting | undefined): Setting {
	return setting === undefined || isTestWebhookUrl(setting.url) ? { ...EMPTY } : setting;
}

/**
 * The editor may listen only while the account has no URL (or already this test URL).
 * The way out is in the message itself: n8n's editor shows only the message of a
 * failed listen (the description reaches it for API errors only).
 */
function refuseListening(context: IHookFunctions, serviceName: string, taken: string): never {
	const dashboardMode =
		'or set Registration to "Set It in the Dashboard" and paste the test URL there';
	let message = `${serviceName} sends this account's webhooks to ${taken}: deactivate the workflow that uses it or clear it in the ${serviceName} dashboard first, ${dashboardMode}`;
	if (isThisNodesUrl(context, taken))
		message = `${serviceName} sends this account's webhooks to ${taken}, this workflow's production URL: deactivate the workflow first, ${dashboardMode}`;
	else if (isTestWebhookUrl(taken))
		message = `${serviceName} sends this account's webhooks to ${taken}, where another workflow is listening for a test event: listen again once that has ended, ${dashboardMode}`;
	throw new NodeOperationError(context.getNode(), message, {
		description:
			'The account has one webhook URL: listening here would take its deliveries away, so nothing was changed. Deactivating a workflow puts the URL it replaced back; listen again after that.',
	});
}

/**
 * An API with one webhook setting per account (SocialSyncerAPI): registering
 * replaces whatever URL was set. Automatic mode remembers the setting it
 * replaced last (never another workflow's test URL) and puts it back on
 * deactivation (unless someone changed it since).
 * Listening in the editor must not take the production deliveries: the test
 * URL is set (once) only while the account has no URL, and the setting is
 * emptied again after the test event or Stop. The test registration keeps
 * nothing in static data: n8n hands it the production workflow's static data
 * when a listen fails. In the listen-only mode the user sets the URL in the
 * dashboard and nothing is registered.
 */
export function webhookSettingLifecycle(
	dialect: ApiDialect,
	path: string,
	requireSecret: (context: IHookFunctions) => Promise<void>,
): WebhookLifecycle {
	const automatic = (context: IHookFunctions) =>
		context.getNodeParameter('registration', AUTOMATIC) === AUTOMATIC;
	return withSafeTestCleanup(
		deleteAfterCreate({
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await requireSecret(this);
				if (!automatic(this)) return true;
				const current = await readSetting(registrationCall(this, dialect), path);
				return current.url === webhookUrl(this) && sameEvents(current.events, wantedEvents(this));
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if (!automatic(this)) return true;
				const call = registrationCall(this, dialect);
				const url = webhookUrl(this);
				const events = wantedEvents(this);
				// Read-then-write: two listens in this n8n would both read the empty setting, and
				// the first would wait for events that never come. One change per account at a time.
				await oneAtATime(await accountKey(this, dialect.credentialType), async () => {
					const current = await readSetting(call, path);
					if (isTestUrl(this)) {
						if (current.url !== '' && current.url !== url)
							refuseListening(this, dialect.serviceName, current.url);
						await write(call, path, { url, events });
						// Another n8n instance may have written in between: the last write wins.
						const after = await readSetting(call, path);
						if (after.url !== url) refuseListening(this, dialect.serviceName, after.url);
						return;
					}
					const registration = stored<Registration>(this);
					// What it replaces now (after a restart: whatever was set meanwhile), not an older one.
					if (!isThisNodesUrl(this, current.url)) registration.previous = restorable(current);
					await write(call, path, { url, events });
					registration.registeredUrl = url;
				});
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				if (!automatic(this)) return true;
				const call = registrationCall(this, dialect);
				await oneAtATime(await accountKey(this, dialect.credentialType), async () => {
					const current = await readSetting(call, path);
					if (isTestUrl(this)) {
						// Listening starts only on an empty setting: empty is what it was.
						if (current.url === webhookUrl(this)) await write(call, path, EMPTY);
						return;
					}
					const registration = stored<Registration>(this);
					// Someone set another URL since: theirs stays.
					if (current.url === (registration.registeredUrl ?? webhookUrl(this)))
						await write(call, path, restorable(registration.previous));
					delete registration.previous;
					delete registration.registeredUrl;
				});
				return true;
			},
		}),
	);
}
