import type { BatchEntry } from './batcher';
import type { RerunLedger } from '../reruns/ledger';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INodeProperties,
} from 'n8n-workflow';

/** Where requests are made from: a node run, the editor loading a list, a trigger (un)registering. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

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

/**
 * Everything that differs between two posting APIs. The shared layer knows
 * nothing else about a service.
 */
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

export interface RequestSettings {
	timeoutMs: number;
	maxRetries: number;
	maxWaitMs: number;
	initialBackoffMs: number;
	/** How many 429s one request waits out (they do not count as Max Retries); unset: retryPolicy's default. */
	rateLimitWaits?: number;
	/** false: the node's own settings (list search, trigger registration), not Request Options: messages name no option. */
	fromOptions?: boolean;
}

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with "/". */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * Sending it twice would act twice (a create, a retry of a post). It is sent
	 * at most once per item across n8n's re-runs of the node, and re-sent after a
	 * failure only when the API deduplicates it by its Idempotency-Key or the
	 * failed attempt provably did nothing.
	 */
	actsOnce?: boolean;
	idempotencyKey?: string;
	/** The answer must be a post: an object with an id (or _id). */
	expectPost?: boolean;
	/** GET path of the post from its ID: reads the result back after a 202/204 or in a re-run. */
	readBackPath?: (id: string) => string;
	/** The post this request acts on, when known before sending (Retry Post). */
	resourceId?: string;
	/**
	 * The answer is a list: a bare array, or an envelope holding it under one of
	 * these keys. The call then resolves to `{ items }`.
	 */
	listKeys?: string[];
	/** With listKeys: also hand on the unwrapped answer as `envelope` (its paging metadata). */
	keepEnvelope?: boolean;
	/** Advice for a 404, where the path itself is not documented (e.g. inferred). */
	notFoundAdvice?: string;
	/** Advice by kind of failure, replacing the API's and the generic one (a trigger's registration). */
	adviceByKind?: Partial<Record<ErrorKind, string>>;
	/**
	 * One request for several items (a bulk create): it acts once, but the caller keeps
	 * each item's record for re-runs, and its Idempotency-Key is sent without being relied on.
	 */
	batch?: boolean;
	/**
	 * Doing it twice does no harm (a DELETE): it may be re-sent freely, and a 404
	 * after a send that may have acted (ours, or an earlier run's) means "already done".
	 */
	goneMeansDone?: boolean;
}

/** Sends one request for the current item, with retries; resolves to the unwrapped body. */
export type ApiCall = (spec: RequestSpec) => Promise<IDataObject>;

export interface OperationContext {
	itemIndex: number;
	call: ApiCall;
	dialect: ApiDialect;
	/** The first execution of a retry chain: derived keys built on it survive n8n's Retry. */
	rootExecutionId: string;
	/** Which run of the node this is within the execution (loops run a node many times). */
	runIndex: number;
	/** The item's Automatic Retries and Timeout, for requests outside the API (uploads). */
	settings: RequestSettings;
	/** Whether an earlier run of this node already sent this item's request that acts once. */
	sentBefore(): boolean;
	/**
	 * Sends this item's create body in the run's current batch (Bulk); resolves to its
	 * post, or rejects with this item's own error. Only while the node runs in bulk.
	 */
	joinBatch?: (entry: BulkEntry) => Promise<IDataObject>;
}

/** One item's part of a bulk create: its request body and its own idempotency key. */
export interface BulkEntry {
	body: IDataObject;
	key: string;
}

export interface Operation {
	description: INodeProperties[];
	/** Items per batch when this item goes in bulk (its options say so); else undefined. */
	bulkSize?(this: IExecuteFunctions, itemIndex: number): number | undefined;
	/** Sends one batch of items (see core/batcher.ts); needed with bulkSize. */
	sendBatch?: BatchSender;
	/** One output item, or many (Get Many): each is paired to the input item. */
	execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject | IDataObject[]>;
}

/** Sends a batch of items in one request and settles each item with its post or its error. */
export type BatchSender = (
	context: IExecuteFunctions,
	call: ApiCall,
	dialect: ApiDialect,
	batch: Array<BatchEntry<BulkEntry, IDataObject>>,
	ledger: RerunLedger,
) => Promise<void>;

export type OperationMap = Record<string, Operation>;

/** Operations by resource, then by operation: an Account getAll and a Post getAll do not collide. */
export type ResourceMap = Record<string, OperationMap>;
