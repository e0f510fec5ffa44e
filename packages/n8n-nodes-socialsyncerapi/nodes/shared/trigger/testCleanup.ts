import type { IHookFunctions } from 'n8n-workflow';

import { webhookUrl, type WebhookLifecycle } from './registration';

/** A URL of the editor's test listening (n8n's default path /webhook-test/), any workflow's. */
export function isTestWebhookUrl(url: string): boolean {
	return url.includes('/webhook-test/');
}

/** The editor's test URL, not the production one. */
export function isTestUrl(context: IHookFunctions): boolean {
	return isTestWebhookUrl(webhookUrl(context));
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Removing the editor's test registration never throws; a failure is logged.
 * Why: before calling delete, n8n (1.x and 2.x) attaches its execution data to
 * the test registration it keeps in its in-memory cache, and drops that entry
 * only once delete succeeded. A throw leaves the entry behind, and n8n's next
 * write to that cache deep-copies it until the stack overflows: the user then
 * sees "Maximum call stack size exceeded" instead of our error. Production
 * deactivation still throws, so n8n retries it and logs the API's message.
 */
export function withSafeTestCleanup(lifecycle: WebhookLifecycle): WebhookLifecycle {
	return {
		checkExists: lifecycle.checkExists,
		create: lifecycle.create,
		async delete(this: IHookFunctions): Promise<boolean> {
			if (!isTestUrl(this)) return await lifecycle.delete.call(this);
			const failure = await lifecycle.delete.call(this).then(
				() => undefined,
				(error: unknown) => error,
			);
			if (failure !== undefined)
				this.logger.warn(
					`${this.getNode().name}: the test webhook could not be removed: ${messageOf(failure)}`,
					{ workflowId: this.getWorkflow().id },
				);
			return true;
		},
	};
}
