import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { MediaUploadConfig } from '../shared/operations/mediaUpload.operation';
import { unwrapEnvelope } from '../shared/output/post';
import type { ApiDialect } from '../shared/types/dialect';

// How it takes a post (platforms, publish modes, options, body): the operations' facts.
export { createConfig, platformOptions, updateConfig } from './postDialect';

/** Its list of accounts with their token state, for Account → Get Health and the account picker. */
export const HEALTH_PATH = '/accounts/health';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

/** SocialSyncerAPI errors: `{ "error": "<message>", "code": "<CODE>" }` with a matching HTTP status. */
export const socialSyncerDialect: ApiDialect = {
	serviceName: 'SocialSyncerAPI',
	credentialType: 'socialSyncerApi',
	readError(body, statusCode) {
		if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
		const { error, code, details } = body as IDataObject;
		// A post body is never an error: only an `error` string beside a `code`, or any error status.
		if (typeof error !== 'string' || (typeof code !== 'string' && statusCode < 400))
			return undefined;
		return {
			code: typeof code === 'string' ? code : undefined,
			message: error,
			details:
				details !== null && typeof details === 'object' && !Array.isArray(details)
					? (details as IDataObject)
					: undefined,
		};
	},
	unwrap: (body) => unwrapEnvelope(body, ['data', 'post']),
	codes: {
		VALIDATION_ERROR: {
			kind: 'input',
			advice:
				'Fix the post in the node (for example add a target under Platforms, or set Publish Mode to Draft) and run it again. Sent unchanged it fails the same way, so the node does not retry it.',
		},
		AUTH_MISSING_KEY: {
			kind: 'auth',
			advice:
				'The request reached SocialSyncerAPI without an API key. Enter the key in the SocialSyncerAPI credential.',
		},
		AUTH_INVALID_KEY: {
			kind: 'auth',
			advice:
				'Check the API key in the SocialSyncerAPI credential: keys start with sk_ and are shown only once when created (Settings → API Keys).',
		},
		NOT_FOUND: {
			kind: 'notFound',
			advice: 'Check the post ID: use the id that Create Post returned for a post of this account.',
		},
		RATE_LIMIT_EXCEEDED: { kind: 'rateLimit' },
		INTERNAL_ERROR: { kind: 'server' },
	},
	deduplicates: false,
	// SocialSyncerAPI documents no X-RateLimit headers; seconds is the common convention.
	rateLimitResetDeltaUnit: 's',
	// Documented: 600 requests a minute on paid plans (60 on the free plan, which its 429s reveal).
	documentedRateLimit: { limit: 600, windowMs: 60_000 },
	// So the run is paced to that (or the user's Requests per Minute) from its first answer.
	sendsRateHeaders: false,
	dashboardHint: 'your SocialSyncerAPI dashboard (the post list), or Get Post if you know its ID,',
	// Not documented: the Late-compatible shape, `?page&limit` → `{ posts, pagination: { pages } }`.
	postListing: {
		paging: { pageParam: 'page', limitParam: 'limit', maxPageSize: 100 },
		query: ({ status, platform, dateFrom, dateTo }) => ({ status, platform, dateFrom, dateTo }),
		listKeys: ['posts', 'data'],
	},
	// Its accounts list carries no token state; the health list does (tokenValid, health).
	accountListing: { healthPath: HEALTH_PATH },
	// Documented: presigned uploads up to 5 GB; per-platform limits from its platform pages.
	media: {
		presignPath: '/media/presign',
		uploadTypes: ['gif', 'image', 'video'],
		limits: {
			instagram: { video: 300 * MB },
			tiktok: { image: 20 * MB, video: 4 * GB },
			facebook: { video: 4 * GB },
		},
	},
};

/** SocialSyncerAPI sends no rate headers: the plan's limit paces the run (its default: the paid plan). */
export const requestsPerMinuteOption: INodeProperties = {
	displayName: 'Requests per Minute',
	name: 'requestsPerMinute',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 600,
	description:
		"Your plan's API rate limit (600 on paid plans, 60 on the free plan), shared by all items of the run. The node spreads its requests evenly within it, so that no item meets a 429. Any value above 0 is kept however slow, even past Max Wait: 1 sends one request a minute, 0.5 one every two minutes. 0 does not pace: the node goes at full speed and waits out each 429.",
};

/** Media → Upload's facts: presigned uploads (media.presignPath) of these files. */
export const mediaUploadConfig: MediaUploadConfig = { files: 'Images, videos and GIFs up to 5 GB' };
