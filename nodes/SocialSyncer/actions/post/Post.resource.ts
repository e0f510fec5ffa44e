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

export const postResource: ResourceDefinition = {
	option: { name: 'Post', value: 'post' },
	operationSelector: postOperationSelector(
		commonPostOperationOptions(
			'Create a post and publish it now, schedule it, or save it as a draft',
		),
	),
	operations: { create, delete: deletePost, get, getAll, retry, update },
};
