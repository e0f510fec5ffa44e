import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { RequestSettings } from '../types/request';
import { failureToNodeApiError, operationError } from '../errors/errors';
import type { BinaryFile } from './binaryFile';
import { backoffMs, retryAfterToMs, waitUnlessCancelled } from '../transport/waits';
import type { ApiFailure } from '../errors/failure';
import { networkFailure } from '../transport/network';

/** Why an upload ended: done, or the URL no longer takes it (ask for a new one). */
export type UploadResult = 'done' | 'expired';

/** The slowest upload we wait for: a wall-clock timeout must not cut a big file on a slow line. */
const SLOWEST_BYTES_PER_SECOND = 512 * 1024;

/** Timeout plus the time the file takes at the slowest rate we accept. */
export function uploadTimeoutMs(size: number, timeoutMs: number): number {
	return timeoutMs + Math.ceil((size / SLOWEST_BYTES_PER_SECOND) * 1000);
}

function failureOf(response: IN8nHttpFullResponse, hostName: string): ApiFailure {
	const status = response.statusCode;
	const text = typeof response.body === 'string' ? response.body : '';
	const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
	const message = /<Message>([^<]+)<\/Message>/.exec(text)?.[1];
	const retryable = status >= 500 || status === 408 || status === 429;
	return {
		code: code ?? `HTTP_${status}`,
		message: `The upload host (${hostName}) refused the file: ${message ?? code ?? `HTTP ${status}`}`,
		kind: retryable ? 'server' : 'media',
		retryable,
		httpCode: status,
		advice: retryable
			? 'The upload host had a temporary problem; nothing was posted.'
			: 'Nothing was posted. Check the file (type and size) and try again.',
		processed: false,
	};
}

/**
 * PUTs a file to a presigned URL: streamed from n8n's binary storage with its
 * exact Content-Length, never through the credential (the API key goes to no host
 * but the Base URL), no redirects (they would buffer the whole body). Each attempt
 * opens a fresh stream. A cut or failed upload is sent again from the start:
 * nothing is posted until the create.
 */
export async function putFile(
	context: IExecuteFunctions,
	url: string,
	file: BinaryFile,
	settings: RequestSettings,
	itemIndex: number,
	secrets: string[],
): Promise<UploadResult> {
	const hostName = new URL(url).host;
	const cancel = context.getExecutionCancelSignal?.();
	for (let attempt = 1; ; attempt++) {
		if (cancel?.aborted) break;
		const body = await file.open();
		const timeoutMs = uploadTimeoutMs(file.size, settings.timeoutMs);
		let failure: ApiFailure;
		let waitMs: number | undefined;
		try {
			const response = (await context.helpers.httpRequest({
				method: 'PUT',
				url,
				body,
				headers: { 'Content-Type': file.mimeType, 'Content-Length': String(file.size) },
				disableFollowRedirect: true,
				timeout: timeoutMs,
				abortSignal: cancel,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				json: false,
				encoding: 'text',
			})) as IN8nHttpFullResponse;
			if (response.statusCode >= 200 && response.statusCode < 300) return 'done';
			// A presigned URL that expired (or was never valid) answers 403: ask for a new one.
			if (response.statusCode === 403) return 'expired';
			failure = failureOf(response, hostName);
			const header = (response.headers ?? {})['retry-after'];
			waitMs = retryAfterToMs(typeof header === 'string' ? header : undefined, Date.now());
		} catch (error) {
			if (cancel?.aborted) break;
			// Nothing is posted by an upload: whatever broke it, it may be sent again.
			failure = {
				...networkFailure(error, `the upload host (${hostName})`, timeoutMs),
				retryable: true,
			};
		} finally {
			if (!Buffer.isBuffer(body)) body.destroy();
		}
		const delay = waitMs ?? backoffMs(attempt, settings.initialBackoffMs);
		if (!failure.retryable || attempt > settings.maxRetries || delay > settings.maxWaitMs) {
			throw failureToNodeApiError(context.getNode(), failure, {
				serviceName: 'Upload host',
				itemIndex,
				attempts: attempt,
				secrets,
			});
		}
		if (!(await waitUnlessCancelled(delay, cancel))) break;
	}
	throw operationError(
		context.getNode(),
		itemIndex,
		'EXECUTION_CANCELLED',
		'The execution was cancelled during a media upload',
		'Nothing was posted for this item.',
	);
}
