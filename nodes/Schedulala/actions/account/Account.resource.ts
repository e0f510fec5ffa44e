import {
	accountOperationSelector,
	type ResourceDefinition,
} from '../../../shared/operations/resource';
import * as getAll from './getAll.operation';

export const accountResource: ResourceDefinition = {
	option: { name: 'Account', value: 'account' },
	operationSelector: accountOperationSelector([
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the connected social accounts, with the IDs Create Post can target',
			action: 'Get the connected accounts with their IDs and platforms',
		},
	]),
	operations: { getAll },
};
