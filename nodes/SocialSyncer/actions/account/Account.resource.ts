import {
	accountOperationSelector,
	type ResourceDefinition,
} from '../../../shared/operations/resource';
import * as getAll from './getAll.operation';
import * as getHealth from './getHealth.operation';

export const accountResource: ResourceDefinition = {
	option: { name: 'Account', value: 'account' },
	operationSelector: accountOperationSelector([
		{
			name: 'Get Health',
			value: 'getHealth',
			description:
				'Check every connected account: token validity, permissions and what to fix before posting',
			action: 'Get which accounts need reconnecting',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the connected social accounts, with the IDs Create Post needs',
			action: 'Get the connected accounts with their IDs and platforms',
		},
	]),
	operations: { getAll, getHealth },
};
