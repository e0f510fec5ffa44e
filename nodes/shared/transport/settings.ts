import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RateLimit } from './limiter';
import type { RequestSettings } from '../types/request';
import { invalidParameter } from '../errors/errors';
import { decimalNumber } from '../input/number';

export const DEFAULT_SETTINGS: RequestSettings = {
	timeoutMs: 30_000,
	maxRetries: 3,
	maxWaitMs: 60_000,
	initialBackoffMs: 1_000,
};

function nonNegative(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number >= 0 ? number : fallback;
}

/** Reads the "Automatic Retries and Timeout" collection of an item. */
export function readRequestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
): RequestSettings {
	const options = context.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	return {
		timeoutMs: Math.max(1, nonNegative(options.timeout, DEFAULT_SETTINGS.timeoutMs)),
		maxRetries: Math.floor(nonNegative(options.maxRetries, DEFAULT_SETTINGS.maxRetries)),
		maxWaitMs: nonNegative(options.maxWait, DEFAULT_SETTINGS.maxWaitMs / 1000) * 1000,
		initialBackoffMs: nonNegative(options.initialBackoff, DEFAULT_SETTINGS.initialBackoffMs),
	};
}

/** Items in flight at once when Concurrency is not set: enough to use a 10 requests/s limit at 250 ms latency. */
export const DEFAULT_CONCURRENCY = 5;
const MAX_CONCURRENCY = 50;

/** Concurrency of the node run, from the first item's Automatic Retries and Timeout. */
export function readConcurrency(context: IExecuteFunctions): number {
	const options = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const value = Math.floor(Number(options.concurrency ?? DEFAULT_CONCURRENCY));
	return Number.isFinite(value)
		? Math.min(MAX_CONCURRENCY, Math.max(1, value))
		: DEFAULT_CONCURRENCY;
}

/**
 * The run's rate limit when the node offers Requests per Minute (an API without rate
 * headers): the user's plan, the documented one when unset, none at 0.
 */
export function readRateLimit(
	context: IExecuteFunctions,
	documented: RateLimit | undefined,
	/** The item the error names: the setting is the run's, read from item 0. */
	itemIndex = 0,
): RateLimit | undefined {
	const options = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const value = options.requestsPerMinute;
	if (value === undefined) return documented;
	const perMinute = decimalNumber(value);
	if (perMinute === undefined || perMinute < 0) {
		// Pacing quietly off would meet the 429s the user set it to avoid.
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			`Requests per Minute must be a number of 0 or more, not ${JSON.stringify(value)}`,
			"Set Automatic Retries and Timeout → Requests per Minute to your plan's limit, or 0 to send at full speed and wait out each 429. Nothing was sent.",
			'requestsPerMinute',
		);
	}
	if (perMinute === 0) return undefined;
	return { limit: perMinute, windowMs: 60_000 };
}
