import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext } from '../../shared/types/operation';
import { callList } from '../../shared/types/request';

export const description = [];

/** GET /accounts/health: per account, token validity, permissions and recommendations. */
export async function execute(
	this: IExecuteFunctions,
	ctx: OperationContext,
): Promise<IDataObject[]> {
	const { items } = await callList(ctx.call, {
		method: 'GET',
		path: '/accounts/health',
		listKeys: ['accounts', 'health', 'data'],
	});
	return items;
}
