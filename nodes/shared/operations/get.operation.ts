import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { postIdField } from '../descriptions/requestOptions';
import { postPath, toPostItem } from '../output/post';
import { readPostId } from '../input/postInput';
import type { Operation, OperationContext } from '../types/operation';

const description = updateDisplayOptions({ show: { resource: ['post'], operation: ['get'] } }, [
	postIdField,
]);

/** GET /posts/{postId}: the post with its per-platform results. */
async function execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject> {
	const postId = readPostId(this, ctx.itemIndex);
	return toPostItem(await ctx.call({ method: 'GET', path: postPath(postId), expects: 'post' }));
}

/** Post → Get: the same on every service. */
export function getOperation(): Operation {
	return { description, execute };
}
