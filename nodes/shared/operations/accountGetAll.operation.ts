import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { platformFilter } from '../descriptions/requestOptions';
import type { Operation, OperationContext } from '../core/types';

export interface AccountListConfig {
	platformOptions: INodePropertyOptions[];
	/** Said on a 404: where the accounts path is inferred rather than documented. */
	notFoundAdvice?: string;
}

/** GET /accounts: one item per connected account, optionally of one platform. */
export function accountGetAllOperation(config: AccountListConfig): Operation {
	return {
		description: updateDisplayOptions({ show: { resource: ['account'], operation: ['getAll'] } }, [
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					platformFilter(config.platformOptions, 'Only the accounts of this social network'),
				],
			},
		]),
		async execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject[]> {
			const filters = this.getNodeParameter('filters', ctx.itemIndex, {}) as IDataObject;
			const platform = typeof filters.platform === 'string' ? filters.platform : '';
			const { items } = await ctx.call({
				method: 'GET',
				path: '/accounts',
				qs: platform === '' ? undefined : { platform },
				listKeys: ['accounts', 'data'],
				notFoundAdvice: config.notFoundAdvice,
			});
			const accounts = items as IDataObject[];
			// The filter is applied here too, in case the API ignores it.
			return platform === ''
				? accounts
				: accounts.filter((account) => account.platform === platform);
		},
	};
}
