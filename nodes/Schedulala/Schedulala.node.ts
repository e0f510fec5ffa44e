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
import { analyticsResource } from './actions/analytics/Analytics.resource';
import { postResource } from './actions/post/Post.resource';
import { schedulalaDialect } from './dialect';

const RESOURCES = [postResource, accountResource, analyticsResource];

/** For n8n's AI workflow builder: which operation does which job, per resource. */
const JOBS: Record<string, string[]> = {
	post: [
		...SHARED_JOBS.post,
		"publishMode queue takes the next free slot of the Schedulala queue. post/validate checks a post against every platform's limits without publishing.",
		'Per-platform settings on post/create and post/update: TikTok needs a privacy level and a post mode, YouTube a title and a video; an Instagram Reel or Story is a post type.',
	],
	account: SHARED_JOBS.account,
	analytics: [
		"analytics/postMetrics reads the metrics of published posts, one item per post; analytics/daily, analytics/bestTime, analytics/followers, analytics/contentTypes and analytics/youtubeRetention read an account's reports; analytics/refresh asks for fresh numbers. The numbers are cached for up to an hour, and the API key needs the analytics permission.",
	],
};

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
		builderHint: {
			searchHint: [
				'Schedulala posts to Bluesky, Facebook, Google Business, Instagram, LinkedIn, Mastodon, Pinterest, Telegram, Threads, TikTok, X (Twitter) and YouTube.',
				...jobsOf(
					RESOURCES.map((resource) => resource.option.value),
					JOBS,
				),
				'Media go by public URL only.',
				'The Schedulala Trigger node starts a workflow when a post is published or fails, instead of polling post/get.',
			].join(' '),
		},
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
