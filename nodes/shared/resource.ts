import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { requestOptions } from './descriptions/requestOptions';
import type { OperationMap } from './types';

/** The operations every node has; a node adds its own after them. */
function commonOperationOptions(createDescription: string): INodePropertyOptions[] {
	return [
		{ name: 'Create', value: 'create', description: createDescription, action: 'Create a post' },
		{
			name: 'Get',
			value: 'get',
			description: 'Get a post with the status of every platform it targets',
			action: 'Get a post',
		},
		{
			name: 'Retry',
			value: 'retry',
			description: 'Publish again on the platforms where a post failed',
			action: 'Retry a post on its failed platforms',
		},
	];
}

/** Resource and operation selectors plus every operation's fields, for one node. */
export function postResourceProperties(
	createDescription: string,
	extraOperationOptions: INodePropertyOptions[],
	operations: OperationMap,
): INodeProperties[] {
	const operationOptions = [...commonOperationOptions(createDescription), ...extraOperationOptions];
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
