import {
	type IDataObject,
	type IHookFunctions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { selectedEvents } from './delivery';

/** The URL n8n listens on: the test URL while listening in the editor, else the production one. */
export function webhookUrl(context: IHookFunctions): string {
	return context.getNodeWebhookUrl('default') ?? '';
}

/** This node's URLs in both modes (n8n's default paths: /webhook/ and /webhook-test/). */
export function isThisNodesUrl(context: IHookFunctions, url: string): boolean {
	const own = webhookUrl(context);
	const other = own.includes('/webhook-test/')
		? own.replace('/webhook-test/', '/webhook/')
		: own.replace('/webhook/', '/webhook-test/');
	return url !== '' && (url === own || url === other);
}

export function sameEvents(registered: unknown, wanted: string[]): boolean {
	if (!Array.isArray(registered)) return false;
	const have = new Set(registered.map(String));
	return have.size === wanted.length && wanted.every((event) => have.has(event));
}

export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

/** Static data of the node, typed as what a lifecycle keeps there. */
export function stored<T extends IDataObject>(context: IHookFunctions): T {
	return context.getWorkflowStaticData('node') as T;
}

/** The events to register; none is a mistake the user must fix before activating. */
export function wantedEvents(context: IHookFunctions): string[] {
	const events = selectedEvents(context);
	if (events.length === 0)
		throw new NodeOperationError(context.getNode(), 'No event selected', {
			description: 'Pick at least one event under Events, then activate the workflow again.',
		});
	return events;
}

/** n8n's three webhook lifecycle methods. */
export interface WebhookLifecycle {
	checkExists(this: IHookFunctions): Promise<boolean>;
	create(this: IHookFunctions): Promise<boolean>;
	delete(this: IHookFunctions): Promise<boolean>;
}

/**
 * A request whose 404 is an answer, not a failure: resolves to undefined when the
 * resource is gone, and rethrows every other error as it came (a NodeApiError).
 */
export async function unlessGone<T>(request: Promise<T>): Promise<T | undefined> {
	const outcome = await request.then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if (!('error' in outcome)) return outcome.value;
	if (isNotFound(outcome.error)) return undefined;
	throw outcome.error;
}
