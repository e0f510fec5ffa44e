import {
	commonPostOperationOptions,
	postOperationSelector,
	type ResourceDefinition,
} from '../../../shared/operations/resource';
import * as create from './create.operation';
import * as deletePost from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as retry from './retry.operation';
import * as update from './update.operation';
import * as validate from './validate.operation';

export const postResource: ResourceDefinition = {
	option: { name: 'Post', value: 'post' },
	operationSelector: postOperationSelector(
		commonPostOperationOptions(
			'Create a post and publish it now, schedule it, queue it, or save it as a draft',
			[
				{
					name: 'Validate',
					value: 'validate',
					description: "Check a post against every platform's limits without publishing anything",
					action: 'Validate a post without creating it',
				},
			],
		),
	),
	operations: { create, delete: deletePost, get, getAll, retry, update, validate },
};
