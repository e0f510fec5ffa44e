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
import { mediaResource } from './actions/media/Media.resource';
import { postResource } from './actions/post/Post.resource';
import { requestsPerMinuteOption, socialSyncerDialect } from './dialect';

const RESOURCES = [postResource, accountResource, mediaResource];

export class SocialSyncer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SocialSyncerAPI',
		name: 'socialSyncer',
		icon: { light: 'file:socialSyncer.svg', dark: 'file:socialSyncer.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Publish, schedule and draft posts on Instagram, Facebook, Threads, TikTok and X through SocialSyncerAPI, read their per-platform status, and retry failed platforms',
		defaults: { name: 'SocialSyncerAPI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'socialSyncerApi', required: true }],
		properties: nodeProperties(RESOURCES, [requestsPerMinuteOption]),
	};

	methods = { listSearch: { searchAccounts: accountSearch(socialSyncerDialect) } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, socialSyncerDialect, operationsByResource(RESOURCES));
	}
}
