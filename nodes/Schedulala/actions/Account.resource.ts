import { accountGetAllOperation } from '../../shared/operations/accountGetAll.operation';
import type { ResourceDefinition } from '../../shared/resource';
import { platformOptions } from './create.operation';

export const accountResource: ResourceDefinition = {
	option: { name: 'Account', value: 'account' },
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the connected social accounts, with the IDs Create Post can target',
				action: 'Get many accounts',
			},
		],
		default: 'getAll',
	},
	operations: {
		getAll: accountGetAllOperation({
			platformOptions,
			notFoundAdvice:
				"Schedulala's documentation does not name its accounts path; the node uses GET /accounts (inferred). This API answered 404 there: check the Base URL in the credential.",
		}),
	},
};
