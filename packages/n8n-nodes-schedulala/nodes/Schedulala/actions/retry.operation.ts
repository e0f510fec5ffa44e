import type { IDataObject } from 'n8n-workflow';

import { retryOperation } from '../../shared/operations/retry.operation';
import { platformOptions } from './create.operation';

// Schedulala can retry a subset of the failed platforms, after a delay.
export const { description, execute } = retryOperation({
	fields: [
		{
			displayName: 'Platforms to Retry',
			name: 'retryPlatforms',
			type: 'multiOptions',
			options: platformOptions,
			default: [],
			description:
				'Only these failed platforms are retried. Leave empty to retry every failed platform.',
		},
		{
			displayName: 'Delay (Seconds)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'How long Schedulala waits before retrying. 0 retries at once.',
		},
	],
	body(context, itemIndex) {
		const body: IDataObject = {};
		const platforms = context.getNodeParameter('retryPlatforms', itemIndex, []) as string[];
		const delay = Number(context.getNodeParameter('retryDelay', itemIndex, 0));
		if (platforms.length > 0) body.platforms = platforms;
		if (delay > 0) body.delay = delay;
		return Object.keys(body).length > 0 ? body : undefined;
	},
});
