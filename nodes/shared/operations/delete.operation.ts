import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { postIdField } from '../descriptions/requestOptions';
import { postPath } from '../output/post';
import { readPostId } from '../input/postInput';
import type { Operation, OperationContext } from '../types/operation';

const description = updateDisplayOptions({ show: { resource: ['post'], operation: ['delete'] } }, [
	{ ...postIdField, description: 'The ID of the scheduled post or draft to cancel or delete' },
]);

/**
 * DELETE /posts/{postId}: cancels a scheduled post or deletes a draft. Safe to
 * send again: a 404 after a send that may have gone through (a lost answer, an
 * earlier run of the node) means it is deleted.
 */
async function execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject> {
	const postId = readPostId(this, ctx.itemIndex);
	await ctx.call({
		method: 'DELETE',
		path: postPath(postId),
		does: 'delete',
		resourceId: postId,
	});
	return { id: postId, deleted: true };
}

/** Post → Delete: the same on every service. */
export function deleteOperation(): Operation {
	return { description, execute };
}
