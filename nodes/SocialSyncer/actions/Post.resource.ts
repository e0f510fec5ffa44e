import * as get from '../../shared/operations/get.operation';
import { postResourceProperties } from '../../shared/resource';
import type { OperationMap } from '../../shared/types';
import * as create from './create.operation';
import * as retry from './retry.operation';

export const operations: OperationMap = { create, get, retry };

export const description = postResourceProperties(
	'Create a post and publish it now, schedule it, or save it as a draft',
	[],
	operations,
);
