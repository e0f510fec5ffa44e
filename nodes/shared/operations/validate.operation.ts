import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readPostInput } from '../input/postInput';
import { resolveMedia } from '../media/resolveMedia';
import type { Operation, OperationContext } from '../types/operation';
import { type CreateConfig, createFields } from './create.operation';

/**
 * POST /posts/validate: a service's dry run (Schedulala's). Takes Create Post's fields and
 * checks the draft against platform limits; posts nothing.
 */
export function validateOperation(config: CreateConfig): Operation {
	return {
		description: createFields(config, 'validate'),
		async execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject> {
			const input = readPostInput(this, ctx.itemIndex, config);
			// The same media rules as Create (a binary file is refused); URLs are the API's to check here.
			const { media } = await resolveMedia.call(this, ctx, input.media, input.targets, false);
			const body = config.buildBody(this, { ...input, media }, ctx.itemIndex);
			return await ctx.call({ method: 'POST', path: '/posts/validate', body });
		},
	};
}
