import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation, OperationContext } from '../types/operation';
import { callList } from '../types/request';

/** GET /accounts/health: per account, token validity, permissions and recommendations. */
async function execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject[]> {
	const { items } = await callList(ctx.call, {
		method: 'GET',
		path: '/accounts/health',
		listKeys: ['accounts', 'health', 'data'],
	});
	return items;
}

/** Account → Get Health, for a service with a health list (SocialSyncerAPI): no fields. */
export function accountGetHealthOperation(): Operation {
	return { description: [], execute };
}
