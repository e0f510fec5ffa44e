import type { AnalyticsReport, AnalyticsService } from '../shared/operations/analytics';

/**
 * Schedulala's analytics facts. Documented: the seven paths, the `analytics` permission,
 * the cache (refreshed at most hourly, follower counts daily) and the query of
 * /analytics/posts (accountId, limit 1–100, cursor, sort, order). Everything the other
 * reports take (accountId, from, to, videoId) is inferred.
 */
const service: AnalyticsService = {
	serviceName: 'Schedulala',
	adviceByKind: {
		notFound:
			'The account is not connected to Schedulala (any more), or the ID is mistyped: pick the account again from the list, or give its ID as Account → Get Many lists it.',
		plan: "Schedulala's analytics come with its paid plans (Build, Accelerate, Unlimited): check your plan in Schedulala's dashboard.",
		permission:
			"This API key lacks the analytics permission, which every Analytics operation needs. In Schedulala's dashboard (https://schedulala.com/dashboard?view=developer) edit the key's permissions or create a key with the analytics permission, and put that key in the credential. Analytics is included on every paid plan.",
	},
	listKeys: ['data', 'metrics', 'posts', 'rows', 'results'],
};

const CACHED =
	'Schedulala caches analytics: figures are refreshed at most hourly (follower counts daily), so they may lag behind the platform.';

const accountOptional = { service, method: 'GET', account: 'optional' } as const;

export const postMetrics: AnalyticsReport = {
	service,
	operation: 'postMetrics',
	method: 'GET',
	path: '/analytics/posts',
	account: 'required',
	notice: `One item per post of the account with its metrics (likes, impressions, engagement …). ${CACHED}`,
	paging: {
		maxPageSize: 100,
		cursorParam: 'cursor',
		limitParam: 'limit',
		sortField: {
			displayName: 'Sort By',
			name: 'sort',
			type: 'options',
			options: [
				{ name: 'Date', value: 'date' },
				{ name: 'Engagement', value: 'engagement' },
				{ name: 'Impressions', value: 'impressions' },
				{ name: 'Likes', value: 'likes' },
			],
			default: 'date',
			description: 'Which figure the API orders the posts by',
		},
	},
};

export const daily: AnalyticsReport = {
	...accountOptional,
	operation: 'daily',
	path: '/analytics/daily',
	notice: `One item per day with the day's totals. ${CACHED}`,
	dateRange: true,
};

export const bestTime: AnalyticsReport = {
	...accountOptional,
	operation: 'bestTime',
	path: '/analytics/best-time',
	notice: `One item per time slot with how posts did in it, best first as the API sends them. ${CACHED}`,
};

export const followers: AnalyticsReport = {
	...accountOptional,
	operation: 'followers',
	path: '/analytics/followers',
	notice: `One item per day with the follower count. ${CACHED}`,
	dateRange: true,
};

export const contentTypes: AnalyticsReport = {
	...accountOptional,
	operation: 'contentTypes',
	path: '/analytics/content-types',
	notice: `One item per content type (image, video, text …) with how it performed. ${CACHED}`,
	dateRange: true,
};

export const youtubeRetention: AnalyticsReport = {
	...accountOptional,
	operation: 'youtubeRetention',
	path: '/analytics/retention',
	notice:
		'One item per point of the audience retention curve of YouTube videos. Schedulala caches retention for 7 days, and YouTube reports it about 48 hours late.',
	extraFilters: [
		[
			'videoId',
			'Video ID',
			'Only this YouTube video. Sent as the query parameter videoId (name inferred: the API documents no parameters for this report).',
		],
	],
};

export const refresh: AnalyticsReport = {
	service,
	operation: 'refresh',
	method: 'POST',
	path: '/analytics/refresh',
	account: 'optional',
	notice: `Asks Schedulala to fetch fresh figures from the platforms now instead of waiting for its cache. ${CACHED} Outputs the API's answer.`,
};
