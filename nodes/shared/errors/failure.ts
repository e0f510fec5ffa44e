import type { IDataObject } from 'n8n-workflow';

import type { ErrorKind } from '../types/dialect';

/** One failed attempt, in service-neutral terms. */
export interface ApiFailure {
	/** The API's code exactly as sent, a network code, or one of ours (INVALID_RESPONSE …). */
	code: string;
	message: string;
	kind: ErrorKind;
	retryable: boolean;
	httpCode?: number;
	details?: IDataObject;
	/** The API's advice for this code, or ours. */
	advice?: string;
	/**
	 * false: the API provably did not process the request (429, connection refused);
	 * true: it did; undefined: nobody knows (timeout, dropped connection).
	 */
	processed?: boolean;
	/** How long the API asked us to wait before trying again (Retry-After; X-RateLimit-Reset for rate limits). */
	askedWaitMs?: number;
	/** The raw response body, kept in the error's context for debugging. */
	body?: unknown;
	/** A 2xx with no body: a success for requests that can read their result back (202/204). */
	emptySuccess?: boolean;
}

export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set(['rateLimit', 'server', 'platform']);

/** Classifies a status when the API sent no code we know. */
export function kindForStatus(status: number): ErrorKind {
	if (status === 429) return 'rateLimit';
	if (status >= 500) return 'server';
	if (status === 401) return 'auth';
	if (status === 403) return 'permission';
	if (status === 404) return 'notFound';
	if (status === 409) return 'conflict';
	if (status === 413 || status === 415) return 'media';
	if (status >= 400) return 'input';
	return 'unknown';
}

/**
 * Whether a failed attempt may still have done what it asked (created a post,
 * started a retry): anything but a refusal the API or the network proves.
 */
export function mayHaveTakenEffect(failure: ApiFailure): boolean {
	if (failure.processed === false) return false;
	// A website or login page instead of the API (wrong Base URL) did not post anything.
	if (failure.kind === 'badResponse' && !failure.retryable) return false;
	const status = failure.httpCode;
	// A redirect or a 4xx answer is the API refusing the request: nothing was done.
	return !(status !== undefined && status >= 300 && status < 500);
}
