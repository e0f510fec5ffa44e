import type { IHookFunctions } from 'n8n-workflow';

import { waitUnlessCancelled } from '../transport/waits';
import { webhookUrl, type WebhookLifecycle } from './registration';

/** How long a delete waits for the registration it overlaps; past it (an API hanging on every retry) it goes ahead. */
export const CREATE_WAIT_MS = 60_000;

/** n8n calls create right after checkExists said no: one that has not come by then is not coming. */
const CREATE_FOLLOWS_MS = 5_000;

interface Registering {
	done: Promise<void>;
	/** Aborted once done: ends the waits bounding it. */
	signal: AbortSignal;
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
	const over = new AbortController();
	const entry: Registering = {
		done,
		signal: over.signal,
		createStarted: false,
		finish: () => {
			if (registering.get(key) === entry) registering.delete(key);
			over.abort();
			finish();
		},
	};
	registering.set(key, entry);
	return entry;
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
				void waitUnlessCancelled(CREATE_FOLLOWS_MS, entry.signal).then(() => {
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
			if (running)
				await Promise.race([running.done, waitUnlessCancelled(CREATE_WAIT_MS, running.signal)]);
			return await lifecycle.delete.call(this);
		},
	};
}
