import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createFields } from '../../shared/operations/create.operation';
import { readPostInput } from '../../shared/input/postInput';
import type { OperationContext } from '../../shared/core/types';
import { config } from './create.operation';

export const description = createFields(config, 'validate');

/** POST /posts/validate: Schedulala's dry run. Checks the draft against platform limits; posts nothing. */
export async function execute(
	this: IExecuteFunctions,
	ctx: OperationContext,
): Promise<IDataObject> {
	const input = readPostInput(this, ctx.itemIndex, config);
	const body = config.buildBody(this, input, ctx.itemIndex);
	return await ctx.call({ method: 'POST', path: '/posts/validate', body });
}
