import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { requestOptions } from './descriptions/requestOptions';
import type { OperationMap } from './types';

/** Resource and operation selectors plus every operation's fields, for one node. */
export function postResourceProperties(
	operationOptions: INodePropertyOptions[],
	operations: OperationMap,
): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [{ name: 'Post', value: 'post' }],
			default: 'post',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['post'] } },
			options: operationOptions,
			default: 'create',
		},
		...Object.values(operations).flatMap((operation) => operation.description),
		{ ...requestOptions, displayOptions: { show: { resource: ['post'] } } },
	];
}
