import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { platformFilter } from '../descriptions/requestOptions';
import type { Operation, OperationContext } from '../types/operation';
import { listAccounts } from '../output/account';

/** GET /accounts: one item per connected account, optionally of one platform. */
export function accountGetAllOperation(platformOptions: INodePropertyOptions[]): Operation {
	return {
		description: updateDisplayOptions({ show: { resource: ['account'], operation: ['getAll'] } }, [
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [platformFilter(platformOptions, 'Only the accounts of this social network')],
			},
		]),
		async execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject[]> {
			const filters = this.getNodeParameter('filters', ctx.itemIndex, {}) as IDataObject;
			const platform = typeof filters.platform === 'string' ? filters.platform : '';
			return await listAccounts(ctx.call, ctx.dialect, platform);
		},
	};
}
