'use strict';
// An HTTPS server whose certificate n8n refuses (self-signed, made with openssl for the
// run): every connection fails in the TLS handshake. It counts the requests that got
// through the handshake, which must be none.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');

const { tempDir } = require('./tempDir');

function selfSignedCertificate() {
	const dir = tempDir('tls-server-');
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'2',
			'-subj',
			'/CN=127.0.0.1',
		],
		{ stdio: 'ignore' },
	);
	const pair = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
	fs.rmSync(dir, { recursive: true, force: true });
	return pair;
}

/** @returns {Promise<{ url: string, requests: () => number, stop: () => Promise<void> }>} */
async function startTlsServer() {
	let requests = 0;
	const server = https.createServer(selfSignedCertificate(), (req, res) => {
		requests += 1;
		res.writeHead(201, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ id: 'should-not-happen' }));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `https://127.0.0.1:${address.port}/v1`,
		requests: () => requests,
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve(undefined));
			}),
	};
}

module.exports = { startTlsServer, selfSignedCertificate };
