/**
 * Why a failed request is not sent again: the retry decision's answer
 * (transport/retryPolicy.ts), put into words by errors/retryWords.ts.
 */
export type StopReason =
	/** The API said no for good (a 4xx other than 429, a bad answer). */
	| { why: 'notRetryable' }
	/** It may have acted, and the API cannot recognise a repeat. */
	| { why: 'mayHaveActed' }
	/** Max Retries failures that count (429s do not). */
	| { why: 'outOfRetries' }
	/** Still rate limited after waiting out this many 429s (none when Max Retries is 0). */
	| { why: 'stillRateLimited'; waits: number }
	/** The API asked to wait longer than Max Wait; `now` is when it was asked. */
	| { why: 'waitTooLong'; askedMs: number; now: number }
	/** The API was taken to be down while the item waited (these items failed), or the run stopped. */
	| { why: 'outage'; failedItems?: number[] };

/** Whether and when to send a failed request again. */
export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason: StopReason };
