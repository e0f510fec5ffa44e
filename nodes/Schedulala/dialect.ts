import type { IDataObject } from 'n8n-workflow';

import { unwrapEnvelope } from '../shared/output/post';
import type { ApiDialect } from '../shared/types/dialect';

// How it takes a post (platforms, publish modes, schedule window, options, body): the operations' facts.
export { createConfig, platformOptions, retryConfig, updateConfig } from './postDialect';

function asObject(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

/**
 * Schedulala wraps everything: `{ success: true, data | post | … }` or
 * `{ success: false, error: { code, message, details } }`. "Check the success
 * field first": a `success: false` body is an error even under HTTP 200.
 */
export const schedulalaDialect: ApiDialect = {
	serviceName: 'Schedulala',
	credentialType: 'schedulalaApi',
	readError(body, statusCode) {
		const envelope = asObject(body);
		if (envelope === undefined) return undefined;
		if (envelope.success !== false && statusCode < 400) return undefined;
		const error = asObject(envelope.error);
		if (error === undefined) {
			return typeof envelope.error === 'string' ? { message: envelope.error } : {};
		}
		return {
			code: typeof error.code === 'string' ? error.code : undefined,
			message: typeof error.message === 'string' ? error.message : undefined,
			details: asObject(error.details),
		};
	},
	unwrap(body) {
		const resource = unwrapEnvelope(body, ['data', 'post', 'result']);
		if (resource !== body) return resource;
		// No envelope key: the body is the resource, less the envelope flag.
		const copy = { ...body };
		delete copy.success;
		return copy;
	},
	codes: {
		invalid_request: {
			kind: 'input',
			advice:
				'The request is missing a field or is malformed. Fix the field named in the details and run the node again.',
		},
		validation_error: {
			kind: 'input',
			advice:
				'The post breaks a platform rule (for example text too long or media missing). Fix it, or check it first with the Validate operation.',
		},
		url_not_allowed: {
			kind: 'input',
			advice:
				'Media URLs must be public http(s) addresses; private and internal addresses are blocked. Host the file somewhere public.',
		},
		sandbox_unsupported: {
			kind: 'sandbox',
			advice:
				'The credential holds a test key (sk_test_…), and this operation needs a live key. Create a live key in the Schedulala dashboard and put it in the credential.',
		},
		unauthorized: {
			kind: 'auth',
			advice: 'Check the API key in the Schedulala credential: it may be mistyped or revoked.',
		},
		forbidden: {
			kind: 'permission',
			advice:
				'The API key is valid but not allowed to do this (for example analytics needs the analytics permission). Give the key that permission or use another key. Upgrading the plan does not help.',
		},
		plan_limit_exceeded: {
			kind: 'plan',
			advice:
				'Your Schedulala plan limit is reached (posts or connected accounts). Upgrade the plan in the Schedulala dashboard, or wait until the limit resets. The API key itself is fine.',
		},
		not_found: {
			kind: 'notFound',
			advice: 'Check the post ID: use the id that Create Post returned for a post of this account.',
		},
		idempotency_conflict: {
			kind: 'conflict',
			advice:
				'This Idempotency Key was already used for a different post. Each post needs its own key: use a value that differs per post (such as a row ID), or leave the option empty so the node derives one.',
		},
		media_too_large: {
			kind: 'media',
			advice:
				'The media file is larger than Schedulala or the platform accepts. Use a smaller file.',
		},
		unsupported_media: {
			kind: 'media',
			advice:
				'This media type is not supported by a target platform (for example PDF outside LinkedIn). Change the media or the targets.',
		},
		download_failed: {
			kind: 'media',
			advice:
				'Schedulala could not download the media from its URL. Check that the URL is public and points straight at the file.',
		},
		rate_limit_exceeded: { kind: 'rateLimit' },
		internal_error: { kind: 'server' },
		platform_error: { kind: 'platform' },
	},
	deduplicates: true,
	// The Schedulala seed: X-RateLimit-Reset is a timestamp in milliseconds.
	rateLimitResetDeltaUnit: 'ms',
	// Documented: 30 requests a minute for the free taster; its X-RateLimit headers say the rest.
	documentedRateLimit: { limit: 30, windowMs: 60_000 },
	sendsRateHeaders: true,
	dashboardHint: 'your Schedulala dashboard',
	// Inferred from its CLI (`post:list --status --platform --page --limit --after --before`).
	postListing: {
		paging: { pageParam: 'page', limitParam: 'limit', maxPageSize: 100 },
		query: ({ status, platform, dateFrom, dateTo }) => ({
			status,
			platform,
			after: dateFrom,
			before: dateTo,
		}),
		listKeys: ['posts', 'data'],
	},
	accountListing: {
		notFoundAdvice:
			"Schedulala's documentation does not name its accounts path; the node uses GET /accounts (inferred). This API answered 404 there: check the Base URL in the credential.",
	},
	// Its public REST API takes media by URL only (its upload flow is an unpublished agent tool).
	media: {
		urlOnlyAdvice:
			"Schedulala's API takes media by URL only. Upload the file first and give its URL: for example with the SocialSyncerAPI node's Media → Upload (it outputs publicUrl), or any file host with direct links (S3, Cloudinary …).",
		limits: {},
	},
};
