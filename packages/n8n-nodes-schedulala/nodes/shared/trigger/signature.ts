import { createHmac, timingSafeEqual } from 'crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Whether `received` is the HMAC-SHA256 of the exact body bytes under `secret`:
 * hex, optionally prefixed "sha256=", compared in constant time.
 */
export function signatureMatches(
	rawBody: Buffer,
	secret: string,
	received: string | undefined,
): boolean {
	if (secret === '' || received === undefined) return false;
	const hex = received.trim().replace(/^sha256=/i, '');
	if (!SHA256_HEX.test(hex)) return false;
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}
