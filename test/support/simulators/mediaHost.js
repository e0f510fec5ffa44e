'use strict';
// An S3-like upload host on its own loopback port, as SocialSyncerAPI's presigned
// URLs point at: PUT the bytes to an upload URL (no Authorization, Content-Length
// required, Content-Type as declared), then GET/HEAD them at the public URL. It
// hashes what it receives instead of keeping it, so a 1 GB upload costs it no
// memory. Faults: a cut connection mid-body, a slow reader, an expired URL (403),
// any status. Pages for media-URL checks can be added (an HTML share page …).
const crypto = require('node:crypto');
const http = require('node:http');

/**
 * @typedef {{ kind: 'cut' | 'slow' | 'expired' | 'status', afterBytes?: number,
 *   bytesPerSecond?: number, status?: number, times?: number }} UploadFault
 */

class MediaHost {
	constructor() {
		/** token → the upload it allows */
		/** @type {Map<string, { key: string, contentType: string, expiresAt: number }>} */
		this.uploads = new Map();
		/** key → what was stored */
		/** @type {Map<string, { size: number, sha256: string, contentType: string }>} */
		this.files = new Map();
		/** @type {Array<{ method: string, path: string, headers: http.IncomingHttpHeaders, at: number, status?: number, bytes?: number, endedAt?: number }>} */
		this.requests = [];
		/** @type {UploadFault[]} */
		this.faults = [];
		/** path → a fixed answer, for URL checks */
		/** @type {Map<string, { status: number, headers: Record<string, string>, body?: string }>} */
		this.pages = new Map();
		/** path → a large file served by a host that refuses HEAD and ignores Range */
		/** @type {Map<string, { size: number, contentType: string, sent: number[] }>} */
		this.bigFiles = new Map();
		this.baseUrl = '';
		this.server = http.createServer((req, res) => this.handle(req, res));
		/** @type {Set<import('node:net').Socket>} */
		this.sockets = new Set();
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async start(host = '127.0.0.1') {
		await new Promise((resolve) => this.server.listen(0, host, () => resolve(undefined)));
		const { port } = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		this.baseUrl = `http://${host}:${port}`;
		return this.baseUrl;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}

	clear() {
		this.uploads.clear();
		this.files.clear();
		this.requests = [];
		this.faults = [];
		this.pages.clear();
		this.bigFiles.clear();
	}

	/**
	 * A file of `size` bytes whose host answers HEAD with 405 and sends the whole body to a
	 * GET whatever its Range says, as fast as the reader takes it. Returns its URL; the
	 * bytes each GET actually handed to the network are in `bytesSent(path)`.
	 */
	bigFile(path, size, contentType = 'video/mp4') {
		this.bigFiles.set(path, { size, contentType, sent: [] });
		return `${this.baseUrl}${path}`;
	}

	/**
	 * Bytes the host wrote to the socket for each GET of a big file, once `count` of them
	 * closed (a reader that keeps the connection open shows as a timeout: Infinity).
	 */
	async bytesSent(path, count = 1, timeoutMs = 15_000) {
		const until = Date.now() + timeoutMs;
		const sent = () => this.bigFiles.get(path)?.sent ?? [];
		while (sent().length < count && Date.now() < until)
			await new Promise((resolve) => setTimeout(resolve, 20));
		return sent().length >= count ? [...sent()] : [Infinity];
	}

	/** Queues a fault for the next upload(s). @param {UploadFault} fault */
	script(fault) {
		this.faults.push({ times: 1, ...fault });
	}

	/** A presigned upload: where to PUT, and where the file will be public. */
	issue({ filename, contentType, ttlMs = 15 * 60_000 }) {
		const token = crypto.randomBytes(12).toString('hex');
		const key = `${token.slice(0, 8)}/${encodeURIComponent(filename)}`;
		this.uploads.set(token, { key, contentType, expiresAt: Date.now() + ttlMs });
		return {
			uploadUrl: `${this.baseUrl}/upload/${token}?X-Amz-Expires=${Math.round(ttlMs / 1000)}`,
			publicUrl: `${this.baseUrl}/files/${key}`,
			expiresAt: new Date(Date.now() + ttlMs).toISOString(),
		};
	}

	/** Makes every upload URL issued so far expired. */
	expireAll() {
		for (const upload of this.uploads.values()) upload.expiresAt = 0;
	}

	/** A fixed answer at a path, e.g. an HTML page where a media file was expected. */
	page(path, status, headers, body) {
		this.pages.set(path, { status, headers, body });
		return `${this.baseUrl}${path}`;
	}

	takeFault() {
		const fault = this.faults[0];
		if (!fault) return undefined;
		fault.times -= 1;
		if (fault.times <= 0) this.faults.shift();
		return fault;
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://host');
		const record = {
			method: req.method ?? '',
			path: url.pathname,
			headers: req.headers,
			at: Date.now(),
		};
		this.requests.push(record);
		const answer = (status, body = '', headers = {}) => {
			record.status = status;
			record.endedAt = Date.now();
			res.writeHead(status, { 'Content-Type': 'application/xml', ...headers });
			res.end(body);
		};
		const big = this.bigFiles.get(url.pathname);
		if (big) return this.stream(req, res, big, record);
		const fixed = this.pages.get(url.pathname);
		if (fixed) {
			record.status = fixed.status;
			res.writeHead(fixed.status, fixed.headers);
			return void res.end(req.method === 'HEAD' ? undefined : fixed.body);
		}
		const upload = /^\/upload\/([a-f0-9]+)$/.exec(url.pathname);
		if (upload && req.method === 'PUT') return this.receive(req, upload[1], record, answer);
		const file = /^\/files\/(.+)$/.exec(url.pathname);
		if (file && (req.method === 'GET' || req.method === 'HEAD')) {
			const stored = this.files.get(file[1]);
			if (!stored) return answer(404, '<Error><Code>NoSuchKey</Code></Error>');
			record.status = 200;
			res.writeHead(200, {
				'Content-Type': stored.contentType,
				'Content-Length': String(stored.size),
			});
			// The bytes are not kept: a GET answers headers only, which is all a check reads.
			return void res.end();
		}
		answer(404, '<Error><Code>NoSuchKey</Code></Error>');
	}

	stream(req, res, big, record) {
		if (req.method !== 'GET') {
			record.status = 405;
			res.writeHead(405, { Allow: 'GET' });
			return void res.end();
		}
		record.status = 200;
		res.writeHead(200, { 'Content-Type': big.contentType, 'Content-Length': String(big.size) });
		const socket = res.socket;
		const startedAt = socket?.bytesWritten ?? 0;
		const chunk = Buffer.alloc(64 * 1024, 7);
		let left = big.size;
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			record.bytes = (socket?.bytesWritten ?? 0) - startedAt;
			big.sent.push(record.bytes);
		};
		res.on('close', finish);
		const pump = () => {
			while (left > 0 && !res.destroyed) {
				const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
				left -= piece.length;
				if (!res.write(piece)) return void res.once('drain', pump);
			}
			if (left === 0) res.end();
		};
		pump();
	}

	receive(req, token, record, answer) {
		const upload = this.uploads.get(token);
		const fault = this.takeFault();
		const refuse = (status, code, message) => {
			req.resume();
			req.on('end', () =>
				answer(status, `<Error><Code>${code}</Code><Message>${message}</Message></Error>`),
			);
		};
		if (!upload || upload.expiresAt <= Date.now() || fault?.kind === 'expired')
			return refuse(403, 'AccessDenied', 'Request has expired');
		if (fault?.kind === 'status') return refuse(fault.status ?? 500, 'InternalError', 'Simulated');
		const length = Number(req.headers['content-length']);
		if (!Number.isFinite(length))
			return refuse(
				411,
				'MissingContentLength',
				'You must provide the Content-Length HTTP header.',
			);
		if (req.headers['content-type'] !== upload.contentType)
			return refuse(403, 'SignatureDoesNotMatch', 'The Content-Type does not match the signed one');
		const hash = crypto.createHash('sha256');
		let bytes = 0;
		req.on('data', (chunk) => {
			bytes += chunk.length;
			hash.update(chunk);
			if (fault?.kind === 'cut' && bytes >= (fault.afterBytes ?? 0)) {
				record.bytes = bytes;
				record.status = 0;
				req.socket.destroy();
			} else if (fault?.kind === 'slow') {
				req.pause();
				setTimeout(() => req.resume(), (chunk.length / (fault.bytesPerSecond ?? 1e6)) * 1000);
			}
		});
		req.on('end', () => {
			record.bytes = bytes;
			if (bytes !== length) return answer(400, '<Error><Code>IncompleteBody</Code></Error>');
			this.files.set(upload.key, {
				size: bytes,
				sha256: hash.digest('hex'),
				contentType: upload.contentType,
			});
			this.uploads.delete(token);
			answer(200, '', { ETag: '"stored"' });
		});
	}
}

/** A loopback port nothing listens on: one the system gave out, then closed. */
async function closedPort() {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	await new Promise((resolve) => server.close(() => resolve(undefined)));
	return port;
}

module.exports = { MediaHost, closedPort };
