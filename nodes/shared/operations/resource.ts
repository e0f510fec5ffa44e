import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { requestOptionsWith } from '../descriptions/requestOptions';
import type { OperationMap, ResourceMap } from '../types/operation';

/** One resource of a node (Post, Account …). */
export interface ResourceDefinition {
	/** Its entry in the Resource selector. */
	option: INodePropertyOptions & { value: string };
	/** Its Operation selector, shown for this resource only. */
	operationSelector: INodeProperties;
	operations: OperationMap;
}

/** The options every node has on Post; a node adds its own after them. */
export function commonPostOperationOptions(
	createDescription: string,
	extra: INodePropertyOptions[] = [],
): INodePropertyOptions[] {
	return [
		{
			name: 'Create',
			value: 'create',
			description: createDescription,
			action: 'Create a post: publish it now, schedule it or save a draft',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Cancel a scheduled post or delete a draft',
			action: 'Delete a post by its ID (cancels it if scheduled)',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a post with the status of every platform it targets',
			action: 'Get a post by its ID with its status on each platform',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List posts, filtered by status, platform and date, one item per post',
			action: 'Get many posts, filtered by status, platform and date',
		},
		{
			name: 'Retry',
			value: 'retry',
			description: 'Publish again on the platforms where a post failed',
			action: 'Retry a post by its ID on the platforms where it failed',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the text, time, media or targets of a scheduled post or a draft',
			action: 'Update the text, time or media of a scheduled post or draft by its ID',
		},
		...extra,
	];
}

/** The Operation selector of Post, with the node's options (n8n's lint wants its default literal). */
export function postOperationSelector(options: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['post'] } },
		options,
		default: 'create',
	};
}

/** The Operation selector of Account, with the node's options. */
export function accountOperationSelector(options: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options,
		default: 'getAll',
	};
}

/** Resource and operation selectors plus every operation's fields, for one node. */
export function nodeProperties(
	resources: ResourceDefinition[],
	extraRequestOptions: INodeProperties[] = [],
): INodeProperties[] {
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources
				.map((resource) => resource.option)
				.sort((a, b) => a.name.localeCompare(b.name)),
			// Post stays the default: workflows saved before other resources existed rely on it.
			default: 'post',
		},
		...resources.map((resource) => resource.operationSelector),
		...resources.flatMap((resource) =>
			Object.values(resource.operations).flatMap((operation) => operation.description),
		),
		requestOptionsWith(extraRequestOptions),
	];
}

/** What the router dispatches on: resource, then operation. */
export function operationsByResource(resources: ResourceDefinition[]): ResourceMap {
	return Object.fromEntries(
		resources.map((resource) => [resource.option.value, resource.operations]),
	);
}
