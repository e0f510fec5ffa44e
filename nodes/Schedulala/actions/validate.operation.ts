import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createFields } from '../../shared/operations/create.operation';
import { readPostInput } from '../../shared/input/postInput';
import { resolveMedia } from '../../shared/media/resolveMedia';
import type { OperationContext } from '../../shared/types/operation';
import { config } from './create.operation';

export const description = createFields(config, 'validate');

/** POST /posts/validate: Schedulala's dry run. Checks the draft against platform limits; posts nothing. */
export async function execute(
	this: IExecuteFunctions,
	ctx: OperationContext,
): Promise<IDataObject> {
	const input = readPostInput(this, ctx.itemIndex, config);
	// The same media rules as Create (a binary file is refused); URLs are Schedulala's to check here.
	const { media } = await resolveMedia.call(this, ctx, input.media, input.targets, false);
	const body = config.buildBody(this, { ...input, media }, ctx.itemIndex);
	return await ctx.call({ method: 'POST', path: '/posts/validate', body });
}
