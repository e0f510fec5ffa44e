import * as get from '../../shared/operations/get.operation';
import { postResourceProperties } from '../../shared/resource';
import type { OperationMap } from '../../shared/types';
import * as create from './create.operation';
import * as retry from './retry.operation';
import * as validate from './validate.operation';

export const operations: OperationMap = { create, get, retry, validate };

export const description = postResourceProperties(
	'Create a post and publish it now, schedule it, queue it, or save it as a draft',
	[
		{
			name: 'Validate',
			value: 'validate',
			description: "Check a post against every platform's limits without publishing anything",
			action: 'Validate a post',
		},
	],
	operations,
);
