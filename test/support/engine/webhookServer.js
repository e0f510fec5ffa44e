'use strict';
// A stand-in for n8n's webhook server in engine tests: reads the raw body (n8n's
// rawBodyReader keeps it as req.rawBody), gives the response express's
// status/json/send, and hands both to the trigger. Kept in JS: n8n's lint
// forbids node:http in linted TypeScript.
const http = require('node:http');

/**
 * @param {(req: http.IncomingMessage & { rawBody: Buffer }, res: any, isTest: boolean) => Promise<void>} handle
 * @returns {Promise<{ baseUrl: string, close: () => Promise<void> }>}
 */
function startWebhookServer(handle) {
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const request = Object.assign(req, { rawBody: Buffer.concat(chunks) });
			const response = Object.assign(res, {
				status(code) {
					res.statusCode = code;
					return response;
				},
				json(body) {
					res.setHeader('content-type', 'application/json');
					res.end(JSON.stringify(body));
					return response;
				},
				send(body) {
					res.end(typeof body === 'string' ? body : JSON.stringify(body));
					return response;
				},
			});
			const isTest = (req.url ?? '').startsWith('/webhook-test/');
			handle(request, response, isTest).catch((error) => {
				// n8n answers a throwing trigger with 500 and starts a failed execution.
				res.statusCode = 500;
				res.end(JSON.stringify({ thrown: String(error && error.message) }));
			});
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {import('node:net').AddressInfo} */ (server.address());
			resolve({
				baseUrl: `http://127.0.0.1:${address.port}`,
				close: () => new Promise((done) => server.close(() => done(undefined))),
			});
		});
	});
}

module.exports = { startWebhookServer };
