import { type IHookFunctions, sleep } from 'n8n-workflow';

import { webhookUrl, type WebhookLifecycle } from './registration';

/** How long a delete waits for the registration it overlaps (its requests time out before). */
export const CREATE_WAIT_MS = 60_000;

/** n8n calls create right after checkExists said no: one that has not come by then is not coming. */
const CREATE_FOLLOWS_MS = 5_000;

interface Registering {
	done: Promise<void>;
	finish(): void;
	createStarted: boolean;
}

/** Registrations under way in this process, by webhook URL (one per workflow, node and mode). */
const registering = new Map<string, Registering>();

function begin(key: string): Registering {
	const running = registering.get(key);
	if (running) return running;
	let finish = () => {};
	const done = new Promise<void>((resolve) => (finish = resolve));
	const entry: Registering = {
		done,
		createStarted: false,
		finish: () => {
			if (registering.get(key) === entry) registering.delete(key);
			finish();
		},
	};
	registering.set(key, entry);
	return entry;
}

/** Whether a registration of this URL is under way in this process (for tests and logs). */
export function isRegistering(key: string): boolean {
	return registering.has(key);
}

/**
 * Makes delete wait for a registration of the same webhook still under way in
 * this process (bounded), then clean up. Why: pressing Stop while "Listen for
 * test event" is still registering makes n8n call delete while checkExists or
 * create is running; a delete that ran first would find nothing yet, and
 * create would then leave the registration behind (SocialSyncerAPI's account
 * setting on the test URL, a Schedulala test webhook). Another n8n instance's
 * registration is not seen (queue mode).
 */
export function deleteAfterCreate(lifecycle: WebhookLifecycle): WebhookLifecycle {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const entry = begin(webhookUrl(this));
			const exists = await lifecycle.checkExists.call(this).catch((error: unknown) => {
				entry.finish();
				throw error;
			});
			if (exists) entry.finish();
			else
				void sleep(CREATE_FOLLOWS_MS).then(() => {
					if (!entry.createStarted) entry.finish();
				});
			return exists;
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const entry = begin(webhookUrl(this));
			entry.createStarted = true;
			try {
				return await lifecycle.create.call(this);
			} finally {
				entry.finish();
			}
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const running = registering.get(webhookUrl(this));
			if (running) await Promise.race([running.done, sleep(CREATE_WAIT_MS)]);
			return await lifecycle.delete.call(this);
		},
	};
}
