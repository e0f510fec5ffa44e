import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { validateWithSettings } from '../input/platformInput';
import { readPostInput } from '../input/postInput';
import { reportNotices, resolveMedia } from '../media/resolveMedia';
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
			// The API checks; what our platform rules find is added to its answer, nothing refused.
			const { input, notices } = validateWithSettings(
				this,
				ctx.itemIndex,
				config.platformSettings,
				readPostInput(this, ctx.itemIndex, config),
			);
			// The same media rules as Create (a binary file is refused); URLs are the API's to check here.
			const { media } = await resolveMedia.call(this, ctx, input.media, input.targets, false);
			const body = config.buildBody(this, { ...input, media }, ctx.itemIndex);
			const answer = await ctx.call({ method: 'POST', path: '/posts/validate', body });
			return reportNotices(this, answer, notices, 'platformNotices');
		},
	};
}
