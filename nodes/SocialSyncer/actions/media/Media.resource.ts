import type { ResourceDefinition } from '../../../shared/operations/resource';
import * as upload from './upload.operation';

export const mediaResource: ResourceDefinition = {
	option: { name: 'Media', value: 'media' },
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				description:
					'Upload a file of the input item (streamed, up to 5 GB) and get its public URL for a post',
				action: 'Upload a file from binary data and get a public URL for posts',
			},
		],
		default: 'upload',
	},
	operations: { upload },
};
