import type { ApiFailure } from '../errors/failure';
import { isHandshakeFailure, N8N_SSL_MESSAGE } from './tls';

/** Codes that prove the request never reached the API. */
const NEVER_SENT = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const TIMEOUTS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);
const NOT_RETRYABLE = new Set([
	'ENOTFOUND',
	'ERR_CANCELED',
	'CERT_HAS_EXPIRED',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** Where an error wrapped by n8n or axios keeps the one it wraps. */
function wrapped(error: object): unknown[] {
	const { cause, errorResponse } = error as { cause?: unknown; errorResponse?: unknown };
	return [cause, errorResponse];
}

function findCode(error: unknown, depth = 0): string | undefined {
	if (depth > 4 || error === null || typeof error !== 'object') return undefined;
	const candidate = (error as { code?: unknown }).code;
	if (typeof candidate === 'string' && /^[A-Z][A-Z0-9_]+$/.test(candidate)) return candidate;
	for (const inner of wrapped(error)) {
		const code = findCode(inner, depth + 1);
		if (code !== undefined) return code;
	}
	return undefined;
}

/**
 * n8n 1.x hands the node a NodeApiError whose only trace of the network code
 * is n8n's own text for it (n8n-workflow NodeError's common errors).
 */
const N8N_MESSAGES: Array<[RegExp, string]> = [
	[/refused the connection/i, 'ECONNREFUSED'],
	[/closed (the connection )?unexpectedly|socket hang up|\breset\b/i, 'ECONNRESET'],
	[/timed out|timeout/i, 'ETIMEDOUT'],
	[/incorrect host \(domain\)/i, 'ENOTFOUND'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/cancel|abort/i, 'ERR_CANCELED'],
	[N8N_SSL_MESSAGE, 'CERT_ERROR'],
];

function messagesOf(error: unknown, depth = 0): string[] {
	if (depth > 4 || error === null || typeof error !== 'object') return [];
	const message = (error as { message?: unknown }).message;
	const own = typeof message === 'string' ? [message] : [];
	return [...own, ...wrapped(error).flatMap((inner) => messagesOf(inner, depth + 1))];
}

function findMessage(error: unknown): string {
	if (error !== null && typeof error === 'object') {
		const cause = (error as { cause?: { message?: unknown } }).cause;
		if (typeof cause?.message === 'string') return cause.message;
		const message = (error as { message?: unknown }).message;
		if (typeof message === 'string') return message;
	}
	return String(error);
}

function codeFromMessages(error: unknown): string | undefined {
	for (const message of messagesOf(error)) {
		for (const [pattern, code] of N8N_MESSAGES) if (pattern.test(message)) return code;
	}
	return undefined;
}

/** n8n 2.x's SSRF protection refuses a target before anything is sent. */
function isSsrfBlock(error: unknown, depth = 0): boolean {
	if (depth > 4 || error === null || typeof error !== 'object') return false;
	const { name, message } = error as { name?: unknown; message?: unknown };
	if (typeof name === 'string' && name.startsWith('SsrfBlocked')) return true;
	if (
		typeof message === 'string' &&
		/blocked because it resolves to a restricted|SSRF/i.test(message)
	)
		return true;
	return isSsrfBlock((error as { cause?: unknown }).cause, depth + 1);
}

/** Turns an error thrown by the HTTP helper (no response) into a failure. */
export function networkFailure(error: unknown, serviceName: string, timeoutMs: number): ApiFailure {
	const rawMessage = findMessage(error);
	if (isSsrfBlock(error)) {
		return {
			code: 'REQUEST_BLOCKED',
			message: `n8n blocked the request to ${serviceName}: ${rawMessage}`,
			kind: 'network',
			retryable: false,
			processed: false,
			advice:
				"n8n's SSRF protection does not allow this address. Check the Base URL in the credential; for a proxy or test server on a private address, ask your n8n administrator to allow it (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).",
		};
	}
	let code = findCode(error);
	// axios says ECONNABORTED for its own timeout and for a cancelled request: the text tells which.
	if (code === undefined || code === 'ECONNABORTED') {
		code = codeFromMessages(error) ?? code ?? 'REQUEST_FAILED';
	}

	const tls = isHandshakeFailure(code, messagesOf(error));
	let message: string;
	if (tls) {
		message = `Could not connect securely to ${serviceName}: the TLS handshake failed (${code}), so nothing was sent`;
	} else if (TIMEOUTS.has(code)) {
		code = 'ETIMEDOUT';
		message = `${serviceName} did not answer within ${timeoutMs / 1000} s`;
	} else if (code === 'ECONNREFUSED') {
		message = `Could not connect to ${serviceName}: the connection was refused`;
	} else if (code === 'ECONNRESET' || code === 'EPIPE') {
		message = `The connection to ${serviceName} was dropped before it answered`;
	} else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		message = `Could not find the ${serviceName} host: check the Base URL in the credential`;
	} else if (code === 'ERR_CANCELED') {
		message = `The request to ${serviceName} was cancelled`;
	} else {
		message = `The request to ${serviceName} failed: ${rawMessage}`;
	}

	return {
		code,
		message,
		kind: 'network',
		// A certificate does not fix itself between retries.
		retryable: !tls && !NOT_RETRYABLE.has(code) && code !== 'REQUEST_FAILED',
		processed: NEVER_SENT.has(code) || tls ? false : undefined,
		advice: tls
			? `The server at the Base URL did not pass n8n's TLS check (an expired, self-signed or mismatched certificate, or not HTTPS at all). Nothing was sent, so no post was created. Check the Base URL in the ${serviceName} credential, or the proxy's certificate.`
			: undefined,
	};
}
