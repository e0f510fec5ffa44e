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
