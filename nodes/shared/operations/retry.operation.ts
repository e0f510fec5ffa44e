import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { postIdField } from '../descriptions/requestOptions';
import { idempotencyKeyFor } from '../reruns/idempotency';
import { postPath, toPostItem } from '../output/post';
import { readPostId } from '../input/postInput';
import type { Operation, OperationContext } from '../types/operation';
import { waitForPublish, waitOptions } from './publishWait';

export interface RetryExtras {
	fields: INodeProperties[];
	/** The request body from the extra fields, or undefined for none. */
	body(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined;
}

/** POST /posts/{postId}/retry: re-attempts the failed platforms of a post. */
export function retryOperation(extras?: RetryExtras): Operation {
	return {
		description: updateDisplayOptions({ show: { resource: ['post'], operation: ['retry'] } }, [
			postIdField,
			...(extras?.fields ?? []),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: waitOptions(),
			},
		]),
		async execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject> {
			const postId = readPostId(this, ctx.itemIndex);
			const body = extras?.body(this, ctx.itemIndex);
			// As safe as Create: sent once per item, with a key the seeds ask for on retried POSTs.
			// A 202/204 without the post is read back.
			const post = await ctx.call({
				method: 'POST',
				path: `${postPath(postId)}/retry`,
				body,
				does: 'actOnce',
				idempotencyKey: idempotencyKeyFor(this, ctx, `retry\u0000${postId}`),
				expects: 'post',
				readBackPath: postPath,
				resourceId: postId,
			});
			const options = this.getNodeParameter('options', ctx.itemIndex, {}) as IDataObject;
			return await waitForPublish.call(this, ctx, toPostItem(post), options);
		},
	};
}
