import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import type { ErrorKind } from './dialect';

/** Where requests are made from: a node run, the editor loading a list, a trigger (un)registering. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

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

/** What every request has: where it goes, what it carries, how its failures are explained. */
interface RequestBase {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with "/". */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Advice for a 404, where the path itself is not documented (e.g. inferred). */
	notFoundAdvice?: string;
	/** Advice by kind of failure, replacing the API's and the generic one (a trigger's registration). */
	adviceByKind?: Partial<Record<ErrorKind, string>>;
	/** A 2xx without a body is a success, answered `{}` (a request the API only acknowledges). */
	emptyIsSuccess?: boolean;
}

/*
 * What the request does, as far as sending it twice matters: the transport's
 * send-once policy (transport/sendOnce.ts) reads only this. Each kind forbids
 * (`never`) the fields of the others, so that a mixed literal does not type-check.
 */

/** A read, or a write that may be made again (a setting, a webhook): sent and retried freely. */
export interface Read {
	does?: 'read';
	idempotencyKey?: never;
	readBackPath?: never;
	resourceId?: never;
}

/** Changes a known post (an update): an answer without the post is read back. */
export interface Update {
	does: 'update';
	idempotencyKey?: never;
	resourceId: string;
	/** GET path of the post from its ID. */
	readBackPath: (id: string) => string;
}

/**
 * Sending it twice would act twice (a create, a retry of a post). It is sent at most
 * once per item across n8n's re-runs of the node, and re-sent after a failure only
 * when the API deduplicates it by its Idempotency-Key or the failed attempt provably
 * did nothing. An answer without the post (a 202) is read back by ID, also in a re-run.
 */
export interface ActOnce {
	does: 'actOnce';
	idempotencyKey: string;
	readBackPath: (id: string) => string;
	/** The post it acts on, when known before sending (Retry Post); none for a create. */
	resourceId?: string;
}

/**
 * One request for several items (a bulk create): it acts once, but the caller keeps
 * each item's record for re-runs, and its Idempotency-Key is sent without being relied on.
 */
export interface Batch {
	does: 'batch';
	idempotencyKey: string;
	readBackPath?: never;
	resourceId?: never;
}

/**
 * Doing it twice does no harm (a DELETE): it may be re-sent freely, and a 404 after a
 * send that may have acted (ours, or an earlier run's) means "already done".
 */
export interface Delete {
	does: 'delete';
	idempotencyKey?: never;
	readBackPath?: never;
	resourceId: string;
}

/* What answer the request expects. */

/** Any JSON object (unwrapped from the API's envelope). */
export interface AnyAnswer {
	expects?: 'object';
	listKeys?: never;
	keepEnvelope?: never;
}

/** A post: an object with an id (or _id). */
export interface PostAnswer {
	expects: 'post';
	listKeys?: never;
	keepEnvelope?: never;
}

/** A list: a bare array, or an envelope holding it under one of these keys. */
export interface ListAnswer {
	expects: 'list';
	listKeys: string[];
	/** Also hand on the unwrapped answer as `envelope` (its paging metadata). */
	keepEnvelope?: boolean;
}

/**
 * One request: what it does and what it expects, in the combinations that exist.
 * Only a read may expect a list; what acts on a post expects a post.
 */
export type RequestSpec =
	| (RequestBase & Read & (AnyAnswer | PostAnswer | ListAnswer))
	| (RequestBase & (Update | ActOnce) & PostAnswer)
	| (RequestBase & (Batch | Delete) & AnyAnswer);

/** Sends one request for the current item, with retries; resolves to the unwrapped body. */
export type ApiCall = (spec: RequestSpec) => Promise<IDataObject>;

/** A list request, for callList: a read. */
export type ListRequest = RequestBase & Read & Omit<ListAnswer, 'expects'>;

/** A list as callList hands it on. */
export interface ListResult {
	items: IDataObject[];
	/** With keepEnvelope: the unwrapped answer around the list (its paging metadata). */
	envelope?: IDataObject;
	/** With keepEnvelope: the answer as sent, before the service's envelope was taken off. */
	raw?: IDataObject;
}

/** Sends a request whose answer is a list (transport/attempt.ts finds it in the envelope). */
export async function callList(call: ApiCall, request: ListRequest): Promise<ListResult> {
	// The transport resolves a list request to exactly this shape.
	return (await call({ ...request, expects: 'list' })) as unknown as ListResult;
}
