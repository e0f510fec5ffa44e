import type { IDataObject } from 'n8n-workflow';

/** What kind of failure an API error code stands for: drives advice and retries. */
export type ErrorKind =
	| 'input'
	| 'auth'
	| 'permission'
	| 'plan'
	| 'sandbox'
	| 'notFound'
	| 'conflict'
	| 'media'
	| 'rateLimit'
	| 'server'
	| 'platform'
	| 'network'
	| 'badResponse'
	| 'unknown';

export interface CodeInfo {
	kind: ErrorKind;
	/** What the user should do, in one or two sentences. */
	advice?: string;
}

/** An error as the API reported it, before it becomes an n8n error. */
export interface ApiErrorBody {
	code?: string;
	message?: string;
	details?: IDataObject;
}

export interface AccountListing {
	/** Said on a 404: where the accounts path is inferred rather than documented. */
	notFoundAdvice?: string;
	/** A second list whose entries say which accounts need reconnecting (token validity). */
	healthPath?: string;
}

export interface MediaHandling {
	/** Files from n8n binary data: presign here, then PUT to the returned URL. None: URLs only. */
	presignPath?: string;
	/** The media types files may be uploaded as (image, video, gif …). */
	uploadTypes?: string[];
	/** Said when a binary file is given to a service that takes URLs only. */
	urlOnlyAdvice?: string;
	/** Largest file each platform takes, in bytes, where its docs say. */
	limits: Record<string, { image?: number; video?: number }>;
}

/**
 * Everything that differs between two posting APIs. The shared layer knows
 * nothing else about a service.
 */
export interface ApiDialect {
	/** Product name used in messages, e.g. "SocialSyncerAPI". */
	serviceName: string;
	/** n8n credential type holding apiKey and baseUrl. */
	credentialType: string;
	/** Returns the API's error when the body is an error envelope, whatever the status. */
	readError(body: unknown, statusCode: number): ApiErrorBody | undefined;
	/** Unwraps a success body into the resource it carries. */
	unwrap(body: IDataObject): IDataObject;
	/** Documented error codes. Unknown codes are classified by HTTP status. */
	codes: Record<string, CodeInfo>;
	/** Whether the API deduplicates POSTs (create, retry) by Idempotency-Key. */
	deduplicates: boolean;
	/** Unit of a bare delta in X-RateLimit-Reset (absolute epochs are recognised by size). */
	rateLimitResetDeltaUnit: 'ms' | 's';
	/** The documented request limit, paced to after a 429 until the API's own rate headers say more. */
	documentedRateLimit?: { limit: number; windowMs: number };
	/** False for an API that sends no rate headers: the documented limit paces a run from its first answer. */
	sendsRateHeaders: boolean;
	/** Where users can look a post up when a create may have gone through. */
	dashboardHint: string;
	/** How Post → Get Many lists posts. */
	postListing: PostListing;
	/** How accounts are listed, for Account → Get Many and the account picker. */
	accountListing: AccountListing;
	/** Where media may come from, and how large it may be. */
	media: MediaHandling;
}

/** How an API pages its lists (page numbers and a page size; cursors can join later). */
export interface PagingStyle {
	pageParam: string;
	limitParam: string;
	maxPageSize: number;
}

/** What Post → Get Many asks of an API: its paging and its filter names. */
export interface PostListing {
	paging: PagingStyle;
	/** The Get Many filters in the API's own query names. */
	query(filters: {
		status?: string;
		platform?: string;
		dateFrom?: string;
		dateTo?: string;
	}): IDataObject;
	listKeys: string[];
}
