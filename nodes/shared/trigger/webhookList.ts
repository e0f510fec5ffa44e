import { type IDataObject, type IHookFunctions, NodeOperationError } from 'n8n-workflow';

import { type ApiCall, callList } from '../types/request';
import type { ApiDialect } from '../types/dialect';
import { unwrapEnvelope } from '../output/post';
import {
	sameEvents,
	stored,
	wantedEvents,
	webhookUrl,
	unlessGone,
	type WebhookLifecycle,
} from './registration';
import { deleteAfterCreate } from './inFlight';
import { registrationCall } from './requests';
import { isTestUrl, withSafeTestCleanup } from './testCleanup';

interface Registration extends IDataObject {
	webhookId?: string;
	secret?: string;
	/** The URL it was created for. */
	url?: string;
}

/**
 * A failed listen in the editor runs with the saved (production) static data:
 * a test registration acts only on what it created for its own URL.
 */
function ours(context: IHookFunctions, registration: Registration): boolean {
	return !isTestUrl(context) || registration.url === webhookUrl(context);
}

const asWebhook = (body: IDataObject) => unwrapEnvelope(body, ['webhook', 'data']);

function forget(registration: Registration): void {
	delete registration.webhookId;
	delete registration.secret;
	delete registration.url;
}

/** Already gone is what deleting wants; anything else the user must see. */
async function remove(call: ApiCall, path: string, id: string): Promise<void> {
	await unlessGone(call({ method: 'DELETE', path: `${path}/${encodeURIComponent(id)}` }));
}

/** Deletes every webhook registered for `url`. */
async function removeAllFor(call: ApiCall, path: string, url: string): Promise<void> {
	const { items } = await callList(call, { method: 'GET', path, listKeys: ['webhooks', 'data'] });
	for (const webhook of items) {
		const id = webhook.id ?? webhook._id;
		if (webhook.url === url && id !== undefined) await remove(call, path, String(id));
	}
}

/**
 * An API with webhook CRUD whose create returns the signing secret once
 * (Schedulala): a registration of our own per workflow, kept by id and secret
 * in the node's static data, created on activation, deleted on deactivation.
 */
export function webhookListLifecycle(dialect: ApiDialect, path: string): WebhookLifecycle {
	return withSafeTestCleanup(
		deleteAfterCreate({
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const registration = stored<Registration>(this);
				if (registration.webhookId === undefined || !ours(this, registration)) return false;
				const call = registrationCall(this, dialect);
				const found = await unlessGone(
					call({ method: 'GET', path: `${path}/${encodeURIComponent(registration.webhookId)}` }),
				);
				if (found === undefined) {
					// Deleted on the API's side: create registers anew.
					forget(registration);
					return false;
				}
				const webhook = asWebhook(found);
				const current =
					webhook.url === webhookUrl(this) &&
					sameEvents(webhook.events, wantedEvents(this)) &&
					webhook.isActive !== false &&
					typeof registration.secret === 'string';
				if (current) return true;
				// Another URL or other events than the node asks for now: replaced by create.
				await remove(call, path, registration.webhookId);
				forget(registration);
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const registration = stored<Registration>(this);
				const call = registrationCall(this, dialect);
				const url = webhookUrl(this);
				// A leftover for this URL (static data lost, a crash) would deliver every event
				// twice, signed with a secret we no longer have.
				await removeAllFor(call, path, url);
				const webhook = asWebhook(
					await call({ method: 'POST', path, body: { url, events: wantedEvents(this) } }),
				);
				const id = webhook.id ?? webhook._id;
				if (id === undefined)
					throw new NodeOperationError(
						this.getNode(),
						`${dialect.serviceName} registered the webhook but did not return its ID`,
						{
							description: `Check the webhooks in your ${dialect.serviceName} dashboard and delete the one for ${url}.`,
						},
					);
				if (typeof webhook.secret !== 'string' || webhook.secret === '') {
					await remove(call, path, String(id));
					throw new NodeOperationError(
						this.getNode(),
						`${dialect.serviceName} did not return the webhook's signing secret`,
						{
							description:
								'Without it no delivery can be verified, so the registration was removed again.',
						},
					);
				}
				Object.assign(registration, { webhookId: String(id), secret: webhook.secret, url });
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const registration = stored<Registration>(this);
				const call = registrationCall(this, dialect);
				if (ours(this, registration) && registration.webhookId !== undefined) {
					await remove(call, path, registration.webhookId);
					forget(registration);
					return true;
				}
				// A Stop during the listen's create comes with fresh static data (n8n keeps the
				// create's only once it is done): the test URL is this node's alone, so whatever
				// is registered for it goes.
				if (isTestUrl(this)) await removeAllFor(call, path, webhookUrl(this));
				else forget(registration);
				return true;
			},
		}),
	);
}
