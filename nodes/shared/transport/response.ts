import type { IDataObject } from 'n8n-workflow';

import { type ApiFailure, kindForStatus, RETRYABLE_KINDS } from '../errors/failure';
import type { ApiDialect, ErrorKind } from '../types/dialect';
import { rateLimitResetToMs, retryAfterToMs } from './waits';

export type Headers = Record<string, unknown>;

export type Outcome =
	| { ok: true; data: IDataObject; /** The answer before unwrap(). */ raw?: IDataObject }
	| { ok: false; failure: ApiFailure };

type ParsedBody =
	| { kind: 'json'; value: unknown }
	| { kind: 'empty' }
	| { kind: 'truncated'; text: string }
	| { kind: 'text'; text: string };

export function header(headers: Headers, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === wanted)
			return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

function parseBody(raw: unknown): ParsedBody {
	if (raw === undefined || raw === null) return { kind: 'empty' };
	if (typeof raw === 'object' && !Buffer.isBuffer(raw)) return { kind: 'json', value: raw };
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
	if (text.trim() === '') return { kind: 'empty' };
	try {
		return { kind: 'json', value: JSON.parse(text) };
	} catch {
		// A body that starts like JSON but does not parse was cut off on the way.
		return /^\s*[[{]/.test(text) ? { kind: 'truncated', text } : { kind: 'text', text };
	}
}

function describeText(text: string, contentType: string | undefined): string {
	const looksHtml = /^\s*</.test(text) || /html/i.test(contentType ?? '');
	return looksHtml ? 'an HTML page' : `non-JSON text (${contentType ?? 'no content type'})`;
}

/**
 * How long the API asked us to wait. Retry-After is an ask for any failure.
 * X-RateLimit-Reset only for a rate limit: many APIs send it on every answer,
 * and a server error backs off (1 s, 2 s, 4 s …) whatever the window says.
 */
export function askedWaitMs(
	headers: Headers,
	dialect: ApiDialect,
	kind: ErrorKind,
	now: number,
): number | undefined {
	const retryAfter = retryAfterToMs(header(headers, 'retry-after'), now);
	if (retryAfter !== undefined || kind !== 'rateLimit') return retryAfter;
	return rateLimitResetToMs(
		header(headers, 'x-ratelimit-reset'),
		now,
		dialect.rateLimitResetDeltaUnit,
	);
}

/** The failure an API error stands for (also one entry's error inside a bulk answer). */
export function apiFailure(
	dialect: ApiDialect,
	status: number,
	headers: Headers,
	error: { code?: string; message?: string; details?: IDataObject },
	body: unknown,
): ApiFailure {
	const info = error.code !== undefined ? dialect.codes[error.code] : undefined;
	const kind = info?.kind ?? kindForStatus(status);
	const retryable = RETRYABLE_KINDS.has(kind);
	// The API's own words, unchanged: advice goes into the description.
	const message = error.message?.trim() || `${dialect.serviceName} answered with HTTP ${status}`;
	return {
		code: error.code ?? `HTTP_${status}`,
		message,
		kind,
		retryable,
		httpCode: status,
		details: error.details,
		advice: info?.advice,
		processed: kind === 'rateLimit' ? false : true,
		askedWaitMs: retryable ? askedWaitMs(headers, dialect, kind, Date.now()) : undefined,
		body,
	};
}

function badResponse(
	status: number,
	message: string,
	advice: string,
	retryable: boolean,
	body: unknown,
): ApiFailure {
	return {
		code: 'INVALID_RESPONSE',
		message,
		kind: 'badResponse',
		retryable,
		httpCode: status,
		advice,
		processed: true,
		body,
	};
}

const CUT_OFF_ADVICE =
	'The answer was lost or cut off on the way. The node retries this where it is safe; otherwise run the item again.';

/** A 2xx answer that is not JSON: lost on the way (retryable), or not the API at all. */
function nonJsonSuccess(
	service: string,
	status: number,
	parsed: Exclude<ParsedBody, { kind: 'json' }>,
	contentType: string | undefined,
): ApiFailure {
	if (parsed.kind === 'empty') {
		return {
			...badResponse(
				status,
				`${service} answered with HTTP ${status} but an empty body`,
				CUT_OFF_ADVICE,
				true,
				undefined,
			),
			emptySuccess: true,
		};
	}
	if (parsed.kind === 'truncated') {
		return badResponse(
			status,
			`${service} sent an incomplete JSON response (HTTP ${status}): it was cut off`,
			CUT_OFF_ADVICE,
			true,
			undefined,
		);
	}
	return badResponse(
		status,
		`${service} answered with ${describeText(parsed.text, contentType)} instead of JSON (HTTP ${status})`,
		'The Base URL in the credential most likely points at a website or login page rather than the API. Check it and the credential test.',
		false,
		undefined,
	);
}

/** Turns one HTTP response into the unwrapped resource or a failure. */
export function interpretResponse(
	dialect: ApiDialect,
	status: number,
	headers: Headers,
	rawBody: unknown,
): Outcome {
	const service = dialect.serviceName;
	const parsed = parseBody(rawBody);
	const bodyForContext = parsed.kind === 'json' ? parsed.value : undefined;

	if (status >= 300 && status < 400) {
		const location = header(headers, 'location') ?? 'another address';
		return {
			ok: false,
			failure: badResponse(
				status,
				`${service} redirected the request to ${location}`,
				'Check the Base URL in the credential: it must be the API address itself, including the version (e.g. …/v1). The node does not follow redirects so that your API key never goes to another host.',
				false,
				bodyForContext,
			),
		};
	}

	if (parsed.kind === 'json') {
		const apiError = dialect.readError(parsed.value, status);
		if (apiError !== undefined || status >= 400) {
			return {
				ok: false,
				failure: apiFailure(dialect, status, headers, apiError ?? {}, parsed.value),
			};
		}
		// A bare array is a list: handed on as `{ items }` for the operations that expect one.
		if (Array.isArray(parsed.value)) return { ok: true, data: { items: parsed.value } };
		if (parsed.value === null || typeof parsed.value !== 'object') {
			return {
				ok: false,
				failure: badResponse(
					status,
					`${service} answered with JSON that is not an object`,
					'This is unexpected from the API. Check the Base URL in the credential.',
					false,
					parsed.value,
				),
			};
		}
		const raw = parsed.value as IDataObject;
		return { ok: true, data: dialect.unwrap(raw), raw };
	}

	if (status >= 400) {
		// An error page from a proxy or gateway: classify it by status alone.
		let what = 'an empty body';
		if (parsed.kind === 'truncated') what = 'a cut-off JSON body';
		if (parsed.kind === 'text') what = describeText(parsed.text, header(headers, 'content-type'));
		return {
			ok: false,
			failure: apiFailure(
				dialect,
				status,
				headers,
				{ message: `${service} answered with HTTP ${status} and ${what} instead of a JSON error` },
				undefined,
			),
		};
	}

	return {
		ok: false,
		failure: nonJsonSuccess(service, status, parsed, header(headers, 'content-type')),
	};
}
