import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from '../shared/router';
import { description as postDescription, operations } from './actions/Post.resource';
import { socialSyncerDialect } from './dialect';

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
		properties: postDescription,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, socialSyncerDialect, operations);
	}
}
