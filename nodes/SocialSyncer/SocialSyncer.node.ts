import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { jobsOf, SHARED_JOBS } from '../shared/descriptions/builderHints';
import { accountSearch } from '../shared/methods/accountSearch';
import { nodeProperties, operationsByResource } from '../shared/operations/resource';
import { route } from '../shared/run/router';
import { accountResource } from './actions/account/Account.resource';
import { mediaResource } from './actions/media/Media.resource';
import { postResource } from './actions/post/Post.resource';
import { requestsPerMinuteOption, socialSyncerDialect } from './dialect';

const RESOURCES = [postResource, accountResource, mediaResource];

/** For n8n's AI workflow builder: which operation does which job, per resource. */
const JOBS: Record<string, string[]> = {
	post: [
		...SHARED_JOBS.post,
		"Per-platform settings on post/create and post/update: TikTok needs a privacy level and the user's consent to publish; an Instagram Reel or Story is a post type.",
	],
	account: [
		...SHARED_JOBS.account,
		'account/getHealth tells which accounts need reconnecting before posting.',
	],
	media: [
		"media/upload uploads a binary file of the input item and returns the public URL a post's media take.",
	],
};

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
		builderHint: {
			searchHint: [
				'SocialSyncerAPI posts to Instagram, Facebook, Threads, TikTok and X (Twitter).',
				...jobsOf(
					RESOURCES.map((resource) => resource.option.value),
					JOBS,
				),
				'SocialSyncerAPI has no analytics.',
				'The SocialSyncerAPI Trigger node starts a workflow when a post is published, fails or is scheduled, instead of polling post/get.',
			].join(' '),
		},
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
