'use strict';
// A small HTTP API simulator on loopback: routing, Bearer auth, request
// recording, a real rate-limit window and scriptable faults. The two API
// simulators (socialsyncer.js, schedulala.js) add their dialect and routes.
const crypto = require('node:crypto');
const http = require('node:http');

/**
 * @typedef {{ status: number, body?: unknown, headers?: Record<string, string> }} Reply
 * @typedef {{ method: string, path: string, query: URLSearchParams, headers: http.IncomingHttpHeaders,
 *   body: any, rawBody: string, apiKey: string | undefined, params: Record<string, string> }} SimRequest
 * @typedef {{ method: string, pattern: RegExp, keys: string[], handler: (req: SimRequest) => Reply }} Route
 * @typedef {{ kind: string, method?: string, path?: string | RegExp, times?: number, status?: number,
 *   body?: unknown, headers?: Record<string, string>, delayMs?: number, code?: string, message?: string,
 *   details?: unknown, skip?: number }} Fault
 *
 * A fault hits the next `times` (default 1) requests matching `method` and `path`, after
 * letting `skip` of them through. Its `kind`:
 * - `resetBefore`: the connection is dropped before the API acts.
 * - `status`: answered `status` (500) with `body` and `headers`; the API does not act.
 * - `error`: the API's own error (`code`, `message`, `details`, `status`); the API does not act.
 * - `html`: an HTML sign-in page (`status`, 200); `empty`: an empty body; the API does not act.
 * - `headers`: the real answer, with `headers` added.
 * - `acceptedEmpty`: the API acts; answered `status` (202) without a body.
 * - `dropAfter`: the API acts; the connection is dropped before the answer.
 * - `truncated`: the API acts; the answer's JSON is cut in half.
 * - `slow`: the API acts; the answer comes `delayMs` (1000) later.
 * - `replaceBody`: the API acts (a create does create); the answer is `body` (any JSON value,
 *   e.g. `{ postId: 'x' }` or `'created'`, sent JSON-encoded as application/json) with
 *   `status` (default: the real status) and the real answer's headers.
 */

class ApiSimulator {
	/**
	 * @param {{ name: string, basePath: string, apiKeys: string[],
	 *   errorReply: (code: string, message: string, details?: unknown) => Reply,
	 *   authErrors: { missing: [string, string], invalid: [string, string] },
	 *   rateLimitHeaders: (resetAt: number, remaining: number, limit: number, now: number, limited: boolean) => Record<string, string> }} options
	 */
	constructor(options) {
		this.name = options.name;
		this.basePath = options.basePath;
		this.apiKeys = new Set(options.apiKeys);
		this.errorReply = options.errorReply;
		this.authErrors = options.authErrors;
		this.rateLimitHeaders = options.rateLimitHeaders;
		/** @type {Route[]} */
		this.routes = [];
		/** @type {Fault[]} */
		this.faults = [];
		/** @type {Array<{ method: string, path: string, headers: http.IncomingHttpHeaders, body: any, at: number, fault?: string, status: number, processed: boolean, answeredAt: number, query: URLSearchParams }>} */
		this.requests = [];
		/** @type {{ limit: number, windowMs: number, windowStart: number, used: number } | undefined} */
		this.limiter = undefined;
		/** platform → the next `times` publishes on it fail with `reason`. */
		/** @type {Map<string, { reason: string, times: number }>} */
		this.platformFailures = new Map();
		/** Every answer takes this long (network and API time), after the request was processed. */
		this.latencyMs = 0;
		/** Posts published "now" stay pending this long before each target publishes (0: at once). */
		this.publishDelayMs = 0;
		/** Pending target → when it publishes. */
		/** @type {WeakMap<object, number>} */
		this.dueAt = new WeakMap();
		this.server = http.createServer((req, res) => this.handle(req, res));
		/** @type {Set<import('node:net').Socket>} */
		this.sockets = new Set();
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.baseUrl = '';
		/** Headers sent on every answer, as real APIs send their rate-limit state. */
		/** @type {(() => Record<string, string>) | undefined} */
		this.everyResponseHeaders = undefined;
		/** Creates store each http(s) link of the text shortened (https://sho.rt/…), as some APIs do. */
		this.rewriteLinks = false;
		/** Every page asked for is answered with the first (an API that ignores paging). */
		this.ignorePaging = false;
		/** The API's clock minus n8n's: its Date header and reset epochs are stamped with it. */
		this.clockOffsetMs = 0;
	}

	/** @param {string} method @param {string} path e.g. /posts/:id @param {(req: SimRequest) => Reply} handler */
	route(method, path, handler) {
		/** @type {string[]} */
		const keys = [];
		const pattern = new RegExp(
			'^' + path.replace(/:([a-zA-Z]+)/g, (_, key) => (keys.push(key), '([^/]+)')) + '/?$',
		);
		this.routes.push({ method, pattern, keys, handler });
	}

	/** Queues a fault for the next matching request(s). */
	/** @param {Fault} fault */
	script(fault) {
		this.faults.push({ times: 1, ...fault });
		return this;
	}

	/** Turns on a real rate-limit window. */
	rateLimit(limit, windowMs) {
		this.limiter = { limit, windowMs, windowStart: Date.now(), used: 0 };
	}

	reset() {
		this.everyResponseHeaders = undefined;
		this.faults = [];
		this.requests = [];
		this.limiter = undefined;
		this.platformFailures.clear();
		this.publishDelayMs = 0;
		this.latencyMs = 0;
		this.rewriteLinks = false;
		this.ignorePaging = false;
		this.clockOffsetMs = 0;
	}

	/**
	 * A create's text as the API stores it: its links shortened when rewriteLinks is on.
	 * @template T
	 * @param {T} content
	 * @returns {T | string}
	 */
	storedText(content) {
		return this.rewriteLinks && typeof content === 'string' ? shortenLinks(content) : content;
	}

	/**
	 * Stores a post as if it had been created at `createdAt` (tests: a post from an earlier
	 * run), in the API's own shape, without acting on it (no publish, no quota, no webhook,
	 * `content` as given). Targets are platform names or `{ platform, accountId }`. The status
	 * is `status` if given, else scheduled when `scheduledFor` is in the future, else published.
	 * Any other field of `seed` is set on the post as given.
	 * @param {{ content?: string | null, platforms?: Array<string | { platform: string, accountId?: string | null }>,
	 *   scheduledFor?: string | null, createdAt?: string, status?: string, id?: string,
	 *   [field: string]: unknown }} [seed]
	 * @returns {any} the stored post
	 */
	seedPost(seed = {}) {
		const { content, platforms, scheduledFor, createdAt, status, id, ...rest } = seed;
		const at = createdAt ?? new Date().toISOString();
		const future = typeof scheduledFor === 'string' && Date.parse(scheduledFor) > Date.now();
		return this.storeSeed({
			id,
			content: content ?? null,
			targets: (platforms ?? []).map((target) =>
				typeof target === 'string' ? { platform: target } : target,
			),
			scheduledFor: scheduledFor ?? null,
			createdAt: at,
			status: status ?? (future ? 'scheduled' : undefined),
			rest,
		});
	}

	/**
	 * Each API's part of seedPost: builds and stores the post. `status` undefined: published.
	 * @param {{ id?: string, content: string | null, targets: Array<{ platform: string, accountId?: string | null }>,
	 *   scheduledFor: string | null, createdAt: string, status?: string, rest: Record<string, unknown> }} _seed
	 * @returns {any}
	 */
	storeSeed(_seed) {
		throw new Error('storeSeed not implemented');
	}

	/**
	 * A target published "now": at once, or pending until publishDelayMs has passed.
	 * @param {{ platform: string, accountId?: string | null }} target
	 * @param {(target: any) => any} publish
	 */
	publishOrQueue(target, publish) {
		if (this.publishDelayMs <= 0) return publish(target);
		const pending = {
			platform: target.platform,
			accountId: target.accountId ?? null,
			status: 'pending',
		};
		this.dueAt.set(pending, Date.now() + this.publishDelayMs);
		return pending;
	}

	/**
	 * Publishes the pending targets that are due; the post-level status follows.
	 * @param {{ platforms: any[], status: string }} post
	 * @param {(target: any) => any} publish
	 * @param {(platforms: any[]) => string} overall
	 * @param {string} pendingStatus the post-level status while a target is pending
	 */
	settle(post, publish, overall, pendingStatus) {
		const now = Date.now();
		let pending = false;
		let moved = false;
		post.platforms = post.platforms.map((target) => {
			const due = this.dueAt.get(target);
			if (due === undefined) return target;
			if (due > now) {
				pending = true;
				return target;
			}
			moved = true;
			return publish(target);
		});
		if (pending) post.status = pendingStatus;
		else if (moved) post.status = overall(post.platforms);
		return post;
	}

	/**
	 * A scheduled (or pending) post's time has come: every target that has not
	 * published or failed yet does so now (failures as set by failPlatform).
	 * @param {{ platforms: any[], status: string }} post
	 * @param {(target: any) => any} publish
	 * @param {(platforms: any[]) => string} overall
	 * @returns {any[]} the targets that moved
	 */
	publishNow(post, publish, overall) {
		const moved = [];
		post.platforms = post.platforms.map((target) => {
			if (['published', 'posted', 'failed'].includes(target.status)) return target;
			const done = publish(target);
			moved.push(done);
			return done;
		});
		post.status = overall(post.platforms);
		return moved;
	}

	/** The next `times` publishes on `platform` fail with `reason`. */
	failPlatform(platform, reason, times = 1) {
		this.platformFailures.set(platform, { reason, times });
	}

	/** The scripted failure reason for a publish on `platform` now, if any. */
	takePlatformFailure(platform) {
		const failure = this.platformFailures.get(platform);
		if (!failure || failure.times <= 0) return undefined;
		failure.times -= 1;
		return failure.reason;
	}

	/** Requests the API acted on (created a post, retried one), by method and path. */
	processed(method, pathPattern) {
		return this.requestsTo(method, pathPattern).filter((request) => request.processed);
	}

	/** Requests that reached a route, optionally filtered. */
	requestsTo(method, pathPattern) {
		return this.requests.filter(
			(request) =>
				request.method === method &&
				(pathPattern instanceof RegExp
					? pathPattern.test(request.path)
					: request.path === pathPattern),
		);
	}

	async start(port = 0, host = '127.0.0.1') {
		await new Promise((resolve) => this.server.listen(port, host, () => resolve(undefined)));
		const address = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		this.port = address.port;
		this.baseUrl = `http://${host}:${address.port}${this.basePath}`;
		return this.baseUrl;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}

	/** @param {string} method @param {string} path */
	takeFault(method, path) {
		const index = this.faults.findIndex((fault) => {
			if (fault.method && fault.method !== method) return false;
			if (fault.path === undefined) return true;
			return fault.path instanceof RegExp ? fault.path.test(path) : fault.path === path;
		});
		if (index === -1) return undefined;
		const fault = this.faults[index];
		if ((fault.skip ?? 0) > 0) {
			fault.skip -= 1;
			return undefined;
		}
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	handle(req, res) {
		const chunks = /** @type {Buffer[]} */ ([]);
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			this.dispatch(req, res, rawBody).catch((error) => {
				res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(String(error && error.stack));
			});
		});
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} rawBody */
	async dispatch(req, res, rawBody) {
		const url = new URL(req.url ?? '/', 'http://localhost');
		// A hostile or broken API: every page asked for is answered with the first.
		if (this.ignorePaging) url.searchParams.delete('page');
		const method = req.method ?? 'GET';
		const path = url.pathname.startsWith(this.basePath)
			? url.pathname.slice(this.basePath.length) || '/'
			: url.pathname;
		let body;
		try {
			body = rawBody === '' ? undefined : JSON.parse(rawBody);
		} catch {
			body = rawBody;
		}
		const fault = this.takeFault(method, path);
		const record = {
			method,
			path,
			headers: req.headers,
			body,
			at: Date.now(),
			query: url.searchParams,
			fault: fault?.kind,
			status: 0,
			processed: false,
			answeredAt: 0,
		};
		this.requests.push(record);
		// The status each request was answered with (0: no answer, the connection was dropped).
		res.on('finish', () => {
			record.status = res.statusCode;
			record.answeredAt = Date.now();
		});

		if (fault?.kind === 'resetBefore') return void req.socket.destroy();
		if (fault?.kind === 'status')
			return this.send(res, {
				status: fault.status ?? 500,
				body: fault.body,
				headers: fault.headers,
			});
		if (fault?.kind === 'error') {
			const reply = this.errorReply(
				fault.code ?? 'internal_error',
				fault.message ?? 'Simulated error',
				fault.details,
			);
			return this.send(res, {
				...reply,
				status: fault.status ?? reply.status,
				headers: { ...reply.headers, ...fault.headers },
			});
		}
		if (fault?.kind === 'html') {
			return this.send(res, {
				status: fault.status ?? 200,
				body: '<!doctype html><html><body><h1>Sign in</h1></body></html>',
				headers: { 'content-type': 'text/html' },
			});
		}
		if (fault?.kind === 'empty')
			return this.send(res, {
				status: fault.status ?? 200,
				body: '',
				headers: { 'content-type': 'application/json' },
			});

		const reply = this.process(req, method, path, url.searchParams, body, rawBody);
		// Whether the API acted on the request (whatever reached the client afterwards).
		record.processed = reply.status < 300;
		if (fault?.kind === 'headers') reply.headers = { ...reply.headers, ...fault.headers };
		// Accepted and done, answered without a body (a 202 or 204 to a queued action).
		if (fault?.kind === 'acceptedEmpty')
			return this.send(res, { status: fault.status ?? 202, body: '', headers: reply.headers });
		if (fault?.kind === 'dropAfter') return void req.socket.destroy();
		// Acted on, answered with something else (a 2xx create without a recognisable id).
		const answer =
			fault?.kind === 'replaceBody'
				? {
						status: fault.status ?? reply.status,
						body: fault.body === undefined ? '' : JSON.stringify(fault.body),
						headers: { ...reply.headers, 'content-type': 'application/json' },
					}
				: reply;
		if (fault?.kind === 'truncated') {
			const text = JSON.stringify(reply.body);
			return this.send(res, {
				...reply,
				body: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
			});
		}
		const delayMs = (fault?.kind === 'slow' ? (fault.delayMs ?? 1000) : 0) + this.latencyMs;
		if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
		if (res.destroyed) return undefined;
		return this.send(res, answer);
	}

	/** Auth, rate limit and routing for a request that gets a normal answer. */
	process(req, method, path, query, body, rawBody) {
		const header = req.headers.authorization ?? '';
		const match = /^Bearer\s+(.+)$/i.exec(String(header));
		if (!match) return this.errorReply(...this.authErrors.missing);
		const apiKey = match[1].trim();
		if (!this.apiKeys.has(apiKey)) return this.errorReply(...this.authErrors.invalid);

		const limitHeaders = this.consumeRateLimit();
		if (limitHeaders.limited) {
			const reply = this.errorReply(...this.rateLimitError());
			return { ...reply, headers: { ...reply.headers, ...limitHeaders.headers } };
		}
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const found = route.pattern.exec(path);
			if (!found) continue;
			/** @type {Record<string, string>} */
			const params = {};
			route.keys.forEach((key, index) => (params[key] = decodeURIComponent(found[index + 1])));
			const reply = route.handler({
				method,
				path,
				query,
				headers: req.headers,
				body,
				rawBody,
				apiKey,
				params,
			});
			return { ...reply, headers: { ...limitHeaders.headers, ...reply.headers } };
		}
		return this.errorReply(...this.notFoundError());
	}

	consumeRateLimit() {
		const limiter = this.limiter;
		if (!limiter) return { limited: false, headers: {} };
		const now = Date.now();
		if (now >= limiter.windowStart + limiter.windowMs) {
			limiter.windowStart = now;
			limiter.used = 0;
		}
		const limited = limiter.used >= limiter.limit;
		if (!limited) limiter.used++;
		const remaining = Math.max(0, limiter.limit - limiter.used);
		return {
			limited,
			headers: this.rateLimitHeaders(
				// Stamped in the API's clock, which may be off n8n's by clockOffsetMs.
				limiter.windowStart + limiter.windowMs + this.clockOffsetMs,
				remaining,
				limiter.limit,
				now,
				limited,
			),
		};
	}

	/** @returns {[string, string]} */
	rateLimitError() {
		throw new Error('rateLimitError not implemented');
	}

	/** @returns {[string, string]} */
	notFoundError() {
		throw new Error('notFoundError not implemented');
	}

	/** @param {http.ServerResponse} res @param {Reply} reply */
	send(res, reply) {
		const isText = typeof reply.body === 'string';
		const payload =
			reply.body === undefined ? '' : isText ? reply.body : JSON.stringify(reply.body);
		res.writeHead(reply.status, {
			'content-type': 'application/json',
			...(this.clockOffsetMs !== 0
				? { date: new Date(Date.now() + this.clockOffsetMs).toUTCString() }
				: {}),
			...(this.everyResponseHeaders?.() ?? {}),
			...reply.headers,
			'content-length': Buffer.byteLength(String(payload)),
		});
		res.end(payload);
	}
}

let counter = 0;
/** A short unique id. */
function nextId(prefix) {
	counter += 1;
	return `${prefix}${Date.now().toString(36)}${counter.toString(36).padStart(4, '0')}`;
}

/**
 * The text with each http(s) link replaced by a short one, `https://sho.rt/<6 characters of
 * the link's hash>`: the same link always gets the same short one, short links stay as they
 * are, and a sentence's closing punctuation is not part of the link.
 * @param {string} text
 */
function shortenLinks(text) {
	return text.replace(/https?:\/\/[^\s<>"']+/gi, (found) => {
		const link = found.replace(/[.,;:!?)\]}]+$/, '');
		if (/^https:\/\/sho\.rt\//i.test(link)) return found;
		const code = crypto.createHash('sha256').update(link).digest('hex').slice(0, 6);
		return `https://sho.rt/${code}${found.slice(link.length)}`;
	});
}

/** GET /posts paging and filters, shared by both simulators: `{ page, limit, status, platform, from, to }`. */
function listPosts(posts, query, dateNames) {
	const page = Math.max(1, Number(query.get('page') ?? 1));
	const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 10)));
	const status = query.get('status');
	const platform = query.get('platform');
	const from = query.get(dateNames[0]);
	const to = query.get(dateNames[1]);
	const matching = [...posts.values()].filter((post) => {
		const at = Date.parse(post.scheduledFor ?? post.createdAt ?? '');
		if (status && post.status !== status) return false;
		if (platform && !(post.platforms ?? []).some((target) => target.platform === platform))
			return false;
		if (from && !(at >= Date.parse(from))) return false;
		if (to && !(at < Date.parse(to))) return false;
		return true;
	});
	const pages = Math.max(1, Math.ceil(matching.length / limit));
	return {
		page,
		limit,
		total: matching.length,
		pages,
		items: matching.slice((page - 1) * limit, page * limit),
	};
}

module.exports = { ApiSimulator, nextId, listPosts, shortenLinks };
