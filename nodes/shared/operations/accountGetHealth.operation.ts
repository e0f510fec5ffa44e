import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation, OperationContext } from '../types/operation';
import { callList } from '../types/request';

/**
 * Account → Get Health, for a service with a health list (SocialSyncerAPI's `healthPath`):
 * per account, token validity, permissions and recommendations. No fields.
 */
export function accountGetHealthOperation(healthPath: string): Operation {
	return {
		description: [],
		async execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject[]> {
			const { items } = await callList(ctx.call, {
				method: 'GET',
				path: healthPath,
				listKeys: ['accounts', 'health', 'data'],
			});
			return items;
		},
	};
}
