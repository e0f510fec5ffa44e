import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import type { OperationContext } from '../types/operation';
import { asNodeError, operationError, withContext } from '../errors/errors';
import { postPath, toPostItem } from '../output/post';
import { waitUnlessCancelled } from '../transport/waits';

/** Statuses of a target that has not published or failed yet, across both APIs. */
const PENDING = new Set([
	'pending',
	'publishing',
	'processing',
	'queued',
	'in_progress',
	'sending',
	'uploading',
]);
const FIRST_POLL_MS = 1_000;
const POLL_GROWTH = 1.5;
const LONGEST_POLL_MS = 30_000;
export const DEFAULT_WAIT_TIMEOUT_S = 300;

/** The Wait for Publish options; `show` limits them to the modes that publish now. */
export function waitOptions(show?: IDisplayOptions['show']): INodeProperties[] {
	const displayOptions = show ? { displayOptions: { show } } : {};
	return [
		{
			displayName: 'Wait for Publish',
			name: 'waitForPublish',
			type: 'boolean',
			default: false,
			description:
				'Whether to output the post only once every platform has published or failed, checking it at growing intervals',
			...displayOptions,
		},
		{
			displayName: 'Wait Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_WAIT_TIMEOUT_S,
			description:
				'How long to wait for publishing. After it the item fails with WAIT_TIMEOUT and the post ID; the post itself is not touched.',
			displayOptions: { show: { ...show, waitForPublish: [true] } },
		},
	];
}

/** The targets still publishing: by their own statuses, else the post's. */
export function pendingPlatforms(post: IDataObject): string[] {
	const targets = Array.isArray(post.platforms) ? (post.platforms as IDataObject[]) : [];
	const isPending = (status: unknown) => PENDING.has(String(status ?? '').toLowerCase());
	if (targets.length === 0) return isPending(post.status) ? ['the post'] : [];
	return targets
		.filter((target) => target !== null && typeof target === 'object' && isPending(target.status))
		.map((target) => String(target.platform ?? 'unknown'));
}

/**
 * Reads the post again, at growing intervals, until no target is pending; then the post
 * is output as usual (a failed platform is data). Reads are plain GETs through the
 * transport, so the rate limit is respected and a 429 waits as the API asks.
 */
export async function waitForPublish(
	this: IExecuteFunctions,
	ctx: OperationContext,
	post: IDataObject,
	options: IDataObject,
): Promise<IDataObject> {
	if (options.waitForPublish !== true) return post;
	const postId = String(post.id ?? '');
	const timeoutS = Number(options.waitTimeout ?? DEFAULT_WAIT_TIMEOUT_S);
	const timeoutMs =
		(Number.isFinite(timeoutS) && timeoutS > 0 ? timeoutS : DEFAULT_WAIT_TIMEOUT_S) * 1000;
	const deadline = Date.now() + timeoutMs;
	const signal = this.getExecutionCancelSignal?.();
	let current = post;
	let interval = FIRST_POLL_MS;
	for (
		let pending = pendingPlatforms(current);
		pending.length > 0;
		pending = pendingPlatforms(current)
	) {
		const left = deadline - Date.now();
		if (left <= 0) {
			throw operationError(
				this.getNode(),
				ctx.itemIndex,
				'WAIT_TIMEOUT',
				`Post ${postId} was still publishing on ${pending.join(', ')} after ${timeoutMs / 1000} s`,
				`The post exists and may still publish: do not create it again. Read it later with Get Post (its ID is in details.postId), or raise Wait Timeout in Options.`,
				{ postId, pendingPlatforms: pending, status: String(current.status ?? '') },
			);
		}
		if (!(await waitUnlessCancelled(Math.min(interval, left), signal))) {
			throw operationError(
				this.getNode(),
				ctx.itemIndex,
				'EXECUTION_CANCELLED',
				'The execution was cancelled while waiting for the post to publish',
				`The post ${postId} exists; nothing more was sent for it.`,
				{ postId },
			);
		}
		interval = Math.min(interval * POLL_GROWTH, LONGEST_POLL_MS);
		try {
			current = toPostItem(
				await ctx.call({ method: 'GET', path: postPath(postId), expects: 'post' }),
			);
		} catch (error) {
			throw withContext(
				asNodeError(this.getNode(), error, ctx.itemIndex),
				`Post ${postId} exists; only checking whether it published failed. Do not create it again: read it with Get Post.`,
				{ postId },
			);
		}
	}
	return current;
}
