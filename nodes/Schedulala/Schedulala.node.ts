import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { accountSearch } from '../shared/methods/accountSearch';
import { nodeProperties, operationsByResource } from '../shared/operations/resource';
import { route } from '../shared/run/router';
import { accountResource } from './actions/account/Account.resource';
import { analyticsResource } from './actions/analytics/Analytics.resource';
import { postResource } from './actions/post/Post.resource';
import { schedulalaDialect } from './dialect';

const RESOURCES = [postResource, accountResource, analyticsResource];

export class Schedulala implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Schedulala',
		name: 'schedulala',
		icon: { light: 'file:schedulala.svg', dark: 'file:schedulala.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Publish, schedule, queue and draft posts on 12 social networks through Schedulala, check them before posting, read their per-platform status, retry failed platforms, and read post and account analytics',
		defaults: { name: 'Schedulala' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'schedulalaApi', required: true }],
		properties: nodeProperties(RESOURCES),
	};

	methods = { listSearch: { searchAccounts: accountSearch(schedulalaDialect) } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, schedulalaDialect, operationsByResource(RESOURCES));
	}
}
