import { createHash } from 'crypto';
import type { IHookFunctions } from 'n8n-workflow';

/** The tail of each account's queue of setting changes in this process. */
const queues = new Map<string, Promise<void>>();

/** The account a credential stands for (Base URL and key), as a digest: the key is not kept. */
export async function accountKey(context: IHookFunctions, credentialType: string): Promise<string> {
	const { baseUrl, apiKey } = await context.getCredentials(credentialType);
	const base = String(baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	return createHash('sha256')
		.update(`${base}\n${String(apiKey ?? '')}`)
		.digest('hex');
}

/**
 * Runs `work` after every earlier change of the same account in this process has
 * finished: a read-then-write of a setting (SocialSyncerAPI's one webhook URL)
 * then never interleaves with another's. Each request times out, so the queue
 * cannot hang.
 */
export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const before = queues.get(key) ?? Promise.resolve();
	let release = () => {};
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = before.then(async () => await mine);
	queues.set(key, tail);
	await before;
	try {
		return await work();
	} finally {
		release();
		if (queues.get(key) === tail) queues.delete(key);
	}
}
