/**
 * TLS failures that happen in the handshake, before any byte of the request is
 * sent: certificate checks and protocol mismatches. Such a request provably did
 * not reach the API, so a create that failed this way cannot have posted.
 */
const HANDSHAKE_CODES = new Set([
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'HOSTNAME_MISMATCH',
]);

export function isHandshakeFailure(code: string, messages: string[]): boolean {
	if (HANDSHAKE_CODES.has(code)) return true;
	// CERT_HAS_EXPIRED, CERT_NOT_YET_VALID, CERT_REVOKED, ERR_TLS_CERT_ALTNAME_INVALID: the
	// certificate is checked before any request byte. Not ERR_SSL_* at large: a bad record
	// (ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC) can come after the request went out.
	if (/^(ERR_TLS_)?CERT_/.test(code)) return true;
	if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_UNSUPPORTED_PROTOCOL')
		return true;
	// EPROTO is also raised by a TLS alert later on: only the handshake's counts.
	if (code === 'EPROTO')
		return messages.some((text) => /handshake|wrong version number/i.test(text));
	return false;
}

/** n8n's own words for a certificate error (NodeSslError), when no code came with it. */
export const N8N_SSL_MESSAGE = /SSL Issue|certificate/i;
