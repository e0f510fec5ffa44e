import { type IDataObject, type IHookFunctions, NodeOperationError } from 'n8n-workflow';

import type { ApiCall, ApiDialect } from '../core/types';
import { unwrapEnvelope } from '../output/post';
import { lookupCall } from '../transport/lookup';
import {
	isThisNodesUrl,
	sameEvents,
	stored,
	wantedEvents,
	webhookUrl,
	type WebhookLifecycle,
} from './registration';

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

/**
 * An API with one webhook setting per account (SocialSyncerAPI): registering
 * replaces whatever URL was set. Automatic mode remembers the setting it
 * replaced and puts it back on deactivation (unless someone changed it since).
 * Listening in the editor must not take the production deliveries: the test
 * URL is set only while the account has no other URL. In the listen-only mode
 * the user sets the URL in the dashboard and nothing is registered.
 */
export function webhookSettingLifecycle(
	dialect: ApiDialect,
	path: string,
	requireSecret: (context: IHookFunctions) => Promise<void>,
): WebhookLifecycle {
	const automatic = (context: IHookFunctions) =>
		context.getNodeParameter('registration', AUTOMATIC) === AUTOMATIC;
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			await requireSecret(this);
			if (!automatic(this)) return true;
			const current = await readSetting(lookupCall(this, dialect), path);
			return current.url === webhookUrl(this) && sameEvents(current.events, wantedEvents(this));
		},

		async create(this: IHookFunctions): Promise<boolean> {
			if (!automatic(this)) return true;
			const call = lookupCall(this, dialect);
			const url = webhookUrl(this);
			const current = await readSetting(call, path);
			const listening = this.getMode() === 'manual';
			if (listening && current.url !== '' && current.url !== url)
				throw new NodeOperationError(
					this.getNode(),
					`${dialect.serviceName} sends this account's webhooks to ${current.url}`,
					{
						description:
							'Listening here would take those deliveries away, because the account has one webhook URL. Deactivate the workflow that uses it first (its URL is put back when you deactivate), or set Registration to "Set It in the Dashboard" and paste the test URL there yourself.',
					},
				);
			const registration = stored<Registration>(this);
			if (!isThisNodesUrl(this, current.url) && registration.previous === undefined)
				registration.previous = current;
			await write(call, path, { url, events: wantedEvents(this) });
			registration.registeredUrl = url;
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			if (!automatic(this)) return true;
			const registration = stored<Registration>(this);
			const call = lookupCall(this, dialect);
			const current = await readSetting(call, path);
			// Someone set another URL since: theirs stays.
			if (current.url === (registration.registeredUrl ?? webhookUrl(this)))
				await write(call, path, registration.previous ?? { url: '', events: [] });
			delete registration.previous;
			delete registration.registeredUrl;
			return true;
		},
	};
}
