import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { ApiFailure } from '../errors/failure';
import { redactValue } from '../errors/redact';
import type { ApiDialect } from '../types/dialect';
import type { RequestSettings, RequestSpec } from '../types/request';
import { inLocalClock } from './clock';
import { networkFailure } from './network';
import { interpretResponse, type Outcome } from './response';
import { readsBackById } from './sendOnce';
import type { RequestSession } from './session';

/**
 * One HTTP attempt of a request and what its answer means: no retry, no wait, no
 * record. The retry loop (retryLoop.ts) decides what happens next.
 */
export async function sendAttempt(
	session: RequestSession,
	spec: RequestSpec,
	settings: RequestSettings,
): Promise<Outcome> {
	const { context, dialect } = session;
	const headers: IDataObject = { Accept: 'application/json' };
	if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
	if (spec.does === 'actOnce' || spec.does === 'batch')
		headers['Idempotency-Key'] = spec.idempotencyKey;
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: `${session.baseUrl}${spec.path}`,
		headers,
		qs: spec.qs,
		// Sent as text and read as text: the node parses it, so HTML or cut-off
		// answers become clear errors instead of parser crashes.
		body: spec.body !== undefined ? JSON.stringify(spec.body) : undefined,
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Never carry the API key to another host.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: settings.timeoutMs,
	};
	const sentAt = Date.now();
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			dialect.credentialType,
			options,
			session.credentials ? { credentialsDecrypted: session.credentials } : undefined,
		)) as IN8nHttpFullResponse;
		// Reset epochs and Retry-After dates in n8n's clock, whatever the API's clock says.
		const headers = inLocalClock(response.headers ?? {});
		session.limiter.observe(headers, dialect.rateLimitResetDeltaUnit, Date.now(), sentAt);
		return interpretResponse(dialect, response.statusCode, headers, response.body);
	} catch (error) {
		session.limiter.observe({}, dialect.rateLimitResetDeltaUnit);
		return { ok: false, failure: networkFailure(error, dialect.serviceName, settings.timeoutMs) };
	}
}

/** The list in an answer: `{ items }` (a bare array), or under one of the keys, one level deep. */
function listIn(data: IDataObject, keys: string[]): IDataObject[] | undefined {
	for (const key of ['items', ...keys]) {
		const value = data[key];
		if (Array.isArray(value)) {
			return value.filter(
				(entry): entry is IDataObject => entry !== null && typeof entry === 'object',
			);
		}
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
			const nested = listIn(
				value as IDataObject,
				keys.filter((candidate) => candidate !== key),
			);
			if (nested) return nested;
		}
	}
	return undefined;
}

/** A 2xx answer that is not what the request expects: a post (with an ID) or a list. */
function unexpectedAnswer(dialect: ApiDialect, expected: 'list' | 'post'): ApiFailure {
	return {
		code: 'INVALID_RESPONSE',
		message: `${dialect.serviceName} answered without ${expected === 'post' ? 'a post ID' : 'the expected list'}`,
		kind: 'badResponse',
		retryable: false,
		advice: `The answer did not look like a ${expected}. Check the Base URL in the credential.`,
		processed: true,
	};
}

/** What an attempt brought: the request's answer, or the failure to decide on. */
export type Reading = { ok: true; data: IDataObject } | { ok: false; failure: ApiFailure };

/**
 * Reads an attempt's outcome as this request expects it: a list, a post, or any
 * object. An empty `{}` means "accepted, read it back" or "already gone, done".
 */
export function readAnswer(
	session: RequestSession,
	spec: RequestSpec,
	outcome: Outcome,
	/** Whether an attempt (this run's or an earlier run's) may already have acted. */
	mayHaveActed: boolean,
): Reading {
	const { dialect } = session;
	if (outcome.ok) {
		// An answer that echoes the key (a bulk entry's error, a debug field) must not carry it
		// into an item or an error: whatever the API says is masked before anyone reads it.
		const data = redactValue(outcome.data, session.secrets);
		if (spec.expects === 'list') {
			const items = listIn(data, spec.listKeys);
			if (items && spec.keepEnvelope) {
				// The whole answer too: an API may keep its paging beside the envelope it wraps.
				const raw = outcome.raw ? (redactValue(outcome.raw, session.secrets) as IDataObject) : data;
				return { ok: true, data: { items, envelope: data, raw } };
			}
			if (items) return { ok: true, data: { items } };
			return { ok: false, failure: unexpectedAnswer(dialect, 'list') };
		}
		if (spec.expects !== 'post' || data.id !== undefined || data._id !== undefined) {
			return { ok: true, data };
		}
		// An accepted request whose answer is not the post (e.g. `{queued: true}`): read it back.
		if (readsBackById(spec)) return { ok: true, data: {} };
		return { ok: false, failure: unexpectedAnswer(dialect, 'post') };
	}
	let failure = outcome.failure;
	if (failure.emptySuccess && (readsBackById(spec) || spec.emptyIsSuccess === true)) {
		return { ok: true, data: {} };
	}
	if (failure.httpCode === 404 && spec.does === 'delete' && mayHaveActed) {
		return { ok: true, data: {} };
	}
	if (failure.httpCode === 404 && spec.notFoundAdvice)
		failure = { ...failure, advice: spec.notFoundAdvice };
	const ownAdvice = spec.adviceByKind?.[failure.kind];
	if (ownAdvice !== undefined) failure = { ...failure, advice: ownAdvice };
	return { ok: false, failure };
}
