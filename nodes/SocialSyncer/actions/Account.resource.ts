import { accountGetAllOperation } from '../../shared/operations/accountGetAll.operation';
import { accountOperationSelector, type ResourceDefinition } from '../../shared/core/resource';
import { platformOptions } from './create.operation';
import * as getHealth from './getHealth.operation';

export const accountResource: ResourceDefinition = {
	option: { name: 'Account', value: 'account' },
	operationSelector: accountOperationSelector([
		{
			name: 'Get Health',
			value: 'getHealth',
			description:
				'Check every connected account: token validity, permissions and what to fix before posting',
			action: 'Get the health of the accounts',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the connected social accounts, with the IDs Create Post needs',
			action: 'Get many accounts',
		},
	]),
	operations: { getAll: accountGetAllOperation(platformOptions), getHealth },
};
