import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext } from '../types/operation';

/**
 * The Idempotency-Key for a request that acts once. A user-set key wins.
 * Otherwise it is derived from the first execution of the retry chain, the
 * node, its run and the item: our own retries, n8n's Retry On Fail and n8n's
 * Retry of a failed execution send the same key, so the API returns the post
 * it already made; a new execution of the workflow sends new keys. The content
 * is not part of it: an item edited before a Retry is the same post, and the
 * API refuses the changed body (idempotency_conflict) instead of posting twice.
 */
export function idempotencyKeyFor(
	context: IExecuteFunctions,
	ctx: OperationContext,
	action: string,
	userKey?: unknown,
): string {
	if (typeof userKey === 'string' && userKey.trim() !== '') return userKey.trim();
	if (typeof userKey === 'number') return String(userKey);
	const parts = [
		context.getInstanceId?.() ?? '',
		context.getWorkflow().id ?? '',
		ctx.rootExecutionId,
		context.getNode().id ?? context.getNode().name,
		String(ctx.runIndex),
		String(ctx.itemIndex),
		action,
	];
	return `n8n-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`;
}
