import { createHash, randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * The Idempotency-Key for a create. A user-set key wins. Otherwise the key is
 * derived from the execution, the node and the item, so that our own retries
 * and n8n's "Retry On Fail" (which re-runs the node in the same execution) send
 * the same key, while a new execution sends new ones. The body is part of it so
 * that the same key never stands for two different posts.
 */
export function idempotencyKeyFor(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	userKey: unknown,
): string {
	if (typeof userKey === 'string' && userKey.trim() !== '') return userKey.trim();
	if (typeof userKey === 'number') return String(userKey);
	const parts = [
		context.getInstanceId?.() ?? '',
		context.getWorkflow().id ?? '',
		// Without an execution id, a constant would repeat across runs and suppress real posts.
		context.getExecutionId() || randomUUID(),
		context.getNode().id ?? context.getNode().name,
		String(itemIndex),
		JSON.stringify(body),
	];
	return `n8n-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`;
}
