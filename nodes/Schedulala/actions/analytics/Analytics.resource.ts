import type { ResourceDefinition } from '../../../shared/operations/resource';
import * as bestTime from './bestTime.operation';
import * as contentTypes from './contentTypes.operation';
import * as daily from './daily.operation';
import * as followers from './followers.operation';
import * as postMetrics from './postMetrics.operation';
import * as refresh from './refresh.operation';
import * as youtubeRetention from './youtubeRetention.operation';

const CACHED = 'Cached by Schedulala: refreshed at most hourly';

export const analyticsResource: ResourceDefinition = {
	option: { name: 'Analytics', value: 'analytics' },
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analytics'] } },
		options: [
			{
				name: 'Best Time',
				value: 'bestTime',
				description: `The best times to post, by how earlier posts did. ${CACHED}.`,
				action: 'Get the best times to post',
			},
			{
				name: 'Content Types',
				value: 'contentTypes',
				description: `How each content type (image, video, text …) performed. ${CACHED}.`,
				action: 'Get performance by content type',
			},
			{
				name: 'Daily',
				value: 'daily',
				description: `Daily totals (impressions, engagement …), one item per day. ${CACHED}.`,
				action: 'Get daily analytics totals',
			},
			{
				name: 'Followers',
				value: 'followers',
				description: `Follower count history, one item per day. ${CACHED} (follower counts daily).`,
				action: 'Get the follower count history',
			},
			{
				name: 'Post Metrics',
				value: 'postMetrics',
				description: `Likes, impressions and engagement of an account's posts, one item per post. ${CACHED}.`,
				action: 'Get post metrics of an account',
			},
			{
				name: 'Refresh',
				value: 'refresh',
				description: `Ask Schedulala to fetch fresh figures now. ${CACHED} otherwise.`,
				action: 'Refresh analytics now',
			},
			{
				name: 'YouTube Retention',
				value: 'youtubeRetention',
				description:
					'Audience retention of YouTube videos. Cached by Schedulala for 7 days; YouTube reports it about 48 hours late.',
				action: 'Get the audience retention of videos',
			},
		],
		default: 'postMetrics',
	},
	operations: { bestTime, contentTypes, daily, followers, postMetrics, refresh, youtubeRetention },
};
