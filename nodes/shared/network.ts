import type { ApiFailure } from './failure';

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

function findCode(error: unknown, depth = 0): string | undefined {
	if (depth > 4 || error === null || typeof error !== 'object') return undefined;
	const candidate = (error as { code?: unknown }).code;
	if (typeof candidate === 'string' && /^[A-Z][A-Z0-9_]+$/.test(candidate)) return candidate;
	return findCode((error as { cause?: unknown }).cause, depth + 1);
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
	if (code === undefined || code === 'ECONNABORTED') {
		if (/timeout/i.test(rawMessage)) code = 'ETIMEDOUT';
		else if (/socket hang up|reset/i.test(rawMessage)) code = 'ECONNRESET';
		else if (/cancel|abort/i.test(rawMessage)) code = 'ERR_CANCELED';
		else code = code ?? 'REQUEST_FAILED';
	}

	let message: string;
	if (TIMEOUTS.has(code)) {
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
		retryable: !NOT_RETRYABLE.has(code) && code !== 'REQUEST_FAILED',
		processed: NEVER_SENT.has(code) ? false : undefined,
	};
}
