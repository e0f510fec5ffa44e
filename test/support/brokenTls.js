'use strict';
// An HTTPS server that takes the TLS handshake and the whole request, then sends a corrupt
// TLS record: the request reached the server, and the client sees a TLS error after it.
const net = require('node:net');
const tls = require('node:tls');

const { selfSignedCertificate } = require('./tlsServer');

/** @returns {Promise<{ port: number, received: () => string, stop: () => void }>} */
async function startBrokenAfterRequest() {
	const { key, cert } = selfSignedCertificate();
	let received = '';
	const server = net.createServer((raw) => {
		const secure = new tls.TLSSocket(raw, { isServer: true, key, cert });
		secure.on('error', () => undefined);
		raw.on('error', () => undefined);
		secure.on('data', (chunk) => {
			received += chunk.toString();
			// The request is in (a proxy may have passed it on): then a corrupt record.
			if (/\r\n\r\n[\s\S]*\}$/.test(received))
				raw.end(
					Buffer.concat([Buffer.from([0x17, 0x03, 0x03, 0x00, 0x40]), Buffer.alloc(0x40, 7)]),
				);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { port: server.address().port, received: () => received, stop: () => server.close() };
}

/**
 * Trusts every certificate for the test (as a proxy's would be with its CA installed);
 * returns the function that puts tls.connect back.
 */
function trustAllCertificates() {
	const connect = tls.connect;
	tls.connect = (...args) =>
		connect(
			...args.map((arg) =>
				arg !== null && typeof arg === 'object' ? { ...arg, rejectUnauthorized: false } : arg,
			),
		);
	return () => {
		tls.connect = connect;
	};
}

module.exports = { startBrokenAfterRequest, trustAllCertificates };
