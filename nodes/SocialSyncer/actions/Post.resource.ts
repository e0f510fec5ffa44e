import * as get from '../../shared/operations/get.operation';
import { postResourceProperties } from '../../shared/resource';
import type { OperationMap } from '../../shared/types';
import * as create from './create.operation';
import * as retry from './retry.operation';

export const operations: OperationMap = { create, get, retry };

export const description = postResourceProperties(
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a post and publish it now, schedule it, or save it as a draft',
			action: 'Create a post',
		},
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
	],
	operations,
);
