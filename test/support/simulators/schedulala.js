'use strict';
// Schedulala on loopback, as its docs describe it: every answer has a
// `success` flag, errors are { success: false, error: { code, message,
// details } } with the 15 documented codes, X-RateLimit-* headers carry an
// epoch-millisecond reset, and Idempotency-Key replays or conflicts.
const crypto = require('node:crypto');
const { ApiSimulator, listPosts, nextId } = require('./core');
const { WebhookSender, postEvent } = require('./webhooks');
const { platformRules, textProblem } = require('./schedulalaRules');
const { addAnalyticsRoutes } = require('./schedulalaAnalytics');

const STATUS_FOR_CODE = {
	invalid_request: 400,
	validation_error: 400,
	url_not_allowed: 400,
	sandbox_unsupported: 400,
	unauthorized: 401,
	forbidden: 403,
	plan_limit_exceeded: 403,
	not_found: 404,
	idempotency_conflict: 409,
	media_too_large: 413,
	unsupported_media: 415,
	download_failed: 422,
	rate_limit_exceeded: 429,
	internal_error: 500,
	platform_error: 502,
};

const ACCOUNTS = [
	{
		accountId: 'acc_tw_1',
		platform: 'twitter',
		username: '@mybrand',
		isConnected: true,
		needsReconnect: false,
	},
	{
		accountId: 'acc_li_1',
		platform: 'linkedin',
		username: 'My Brand',
		isConnected: true,
		needsReconnect: false,
	},
	{
		accountId: 'acc_ig_1',
		platform: 'instagram',
		username: 'mybrand',
		isConnected: false,
		needsReconnect: true,
	},
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function errorReply(code, message, details) {
	/** @type {Record<string, unknown>} */
	const error = { code, message };
	if (details !== undefined) error.details = details;
	return { status: STATUS_FOR_CODE[code] ?? 400, body: { success: false, error } };
}

function objectId() {
	return crypto.randomBytes(12).toString('hex');
}

/** JSON with the keys of every object sorted: the same entry hashes the same in any key order. */
function canonicalJson(value) {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.filter((key) => value[key] !== undefined)
			.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
			.join(',')}}`;
	return JSON.stringify(value) ?? 'null';
}

function overallStatus(platforms) {
	const statuses = platforms.map((target) => target.status);
	if (statuses.every((status) => status === 'posted')) return 'posted';
	if (statuses.every((status) => status === 'failed')) return 'failed';
	return 'partial';
}

function isPrivateUrl(url) {
	return /^https?:\/\/(localhost|127\.|10\.|192\.168\.|169\.254\.|\[::1\])/i.test(url);
}

/** Checks a create/validate body; returns an error reply or the normalised targets. */
/** @param {{ allowPrivateMediaUrls?: boolean }} [rules] */
function checkDraft(body, rules = {}) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { error: errorReply('invalid_request', 'The request body must be a JSON object') };
	}
	const targets = (Array.isArray(body.platforms) ? body.platforms : []).map((t) =>
		typeof t === 'string' ? { platform: t } : t,
	);
	const isDraft = body.status === 'draft';
	if (!isDraft && targets.length === 0) {
		return {
			error: errorReply('invalid_request', "The 'platforms' field is required", {
				field: 'platforms',
				reason: 'required',
			}),
		};
	}
	const modes = [
		body.scheduledFor ? 'scheduledFor' : '',
		body.publishNow ? 'publishNow' : '',
		body.queue ? 'queue' : '',
		isDraft ? 'status' : '',
	].filter(Boolean);
	if (modes.length > 1) {
		return {
			error: errorReply('invalid_request', 'Use exactly one scheduling mode', { fields: modes }),
		};
	}
	if (body.scheduledFor) {
		const at = Date.parse(body.scheduledFor);
		if (Number.isNaN(at))
			return {
				error: errorReply('validation_error', 'scheduledFor must be an ISO 8601 date', {
					field: 'scheduledFor',
					reason: 'invalid',
				}),
			};
		// Wall times without offset are read in `timezone`; a few hours of slack covers that here.
		const fromNow = at - Date.now();
		if (fromNow < 5 * MINUTE - 14 * 60 * MINUTE || fromNow > 90 * DAY + 14 * 60 * MINUTE) {
			return {
				error: errorReply(
					'validation_error',
					'scheduledFor must be between 5 minutes and 90 days in the future',
					{ field: 'scheduledFor', reason: 'out_of_range' },
				),
			};
		}
	}
	const media = Array.isArray(body.mediaItems) ? body.mediaItems : [];
	for (const [index, item] of media.entries()) {
		const url = String(item?.url ?? '');
		if (!/^https?:\/\//i.test(url) || (!rules.allowPrivateMediaUrls && isPrivateUrl(url))) {
			return {
				error: errorReply('url_not_allowed', 'Media URL must be a publicly reachable http(s) URL', {
					field: `mediaItems[${index}].url`,
					url,
				}),
			};
		}
		if (url.includes('too-large'))
			return {
				error: errorReply('media_too_large', 'Media file exceeds the 50 MB limit', {
					field: `mediaItems[${index}]`,
					limitBytes: 52428800,
				}),
			};
		if (url.includes('unreachable'))
			return {
				error: errorReply(
					'download_failed',
					'Media could not be downloaded from the provided URL',
					{ field: `mediaItems[${index}].url`, status: 404 },
				),
			};
		if (item.type === 'pdf' && targets.some((t) => t.platform !== 'linkedin')) {
			return {
				error: errorReply('unsupported_media', 'PDF documents are only supported on LinkedIn', {
					field: `mediaItems[${index}].type`,
				}),
			};
		}
	}
	const tooLong = textProblem(body, targets);
	if (tooLong) return { error: errorReply('validation_error', tooLong.message, tooLong.details) };
	if (isDraft) return { targets, isDraft, warnings: [] };
	const { problem, warnings } = platformRules(body, targets);
	if (problem) return { error: errorReply('validation_error', problem.message, problem.details) };
	return { targets, isDraft, warnings };
}

/** The fields an update replaces when sent. */
const UPDATABLE = [
	'content',
	'scheduledFor',
	'timezone',
	'mediaItems',
	'platformSettings',
	'firstComment',
];

/**
 * An update is checked as the post it makes (the stored one with the fields sent): the
 * same rules as a create, none for a draft. An error reply, or undefined.
 */
function checkUpdate(post, body) {
	/** @type {Record<string, unknown>} */
	const merged = { content: post.content };
	for (const field of UPDATABLE) merged[field] = body[field] ?? post[field];
	const targets = Array.isArray(body.platforms)
		? body.platforms.map((t) => (typeof t === 'string' ? { platform: t } : t))
		: post.platforms;
	const tooLong = textProblem(merged, targets);
	if (tooLong) return errorReply('validation_error', tooLong.message, tooLong.details);
	if (post.status === 'draft') return undefined;
	const { problem, warnings } = platformRules(merged, targets);
	if (problem) return errorReply('validation_error', problem.message, problem.details);
	if (warnings.length > 0) post.warnings = warnings;
	else delete post.warnings;
	return undefined;
}

/**
 * @param {{ liveKeys?: string[], testKeys?: string[], restrictedKeys?: string[], noAnalyticsKeys?: string[], planPostLimit?: number }} [options]
 */
function createSchedulalaSimulator(options = {}) {
	const liveKeys = options.liveKeys ?? ['sk_live_schedulala_simulator_key'];
	const testKeys = options.testKeys ?? ['sk_test_schedulala_simulator_key'];
	const restrictedKeys = options.restrictedKeys ?? ['sk_live_schedulala_readonly_key'];
	const sim = new ApiSimulator({
		name: 'Schedulala',
		basePath: '/api/v1',
		apiKeys: [...liveKeys, ...testKeys, ...restrictedKeys],
		errorReply,
		authErrors: {
			missing: ['unauthorized', 'Missing or invalid Authorization header'],
			invalid: ['unauthorized', 'Invalid API key'],
		},
		rateLimitHeaders: (resetAt, remaining, limit) => ({
			'X-RateLimit-Limit': String(limit),
			'X-RateLimit-Remaining': String(remaining),
			'X-RateLimit-Reset': String(resetAt),
		}),
	});
	sim.rateLimitError = () => ['rate_limit_exceeded', 'Too many requests. Please slow down.'];
	sim.notFoundError = () => ['not_found', 'Resource not found'];

	/** @type {Map<string, any>} */
	const posts = new Map();
	/** @type {Map<string, { hash: string, reply: any }>} */
	const idempotency = new Map();
	/** Bulk entries' own `idempotencyKey`s: key → the entry's hash and the result it got. */
	/** @type {Map<string, { hash: string, result: { index: number, success: true, post: any } }>} */
	const entryIdempotency = new Map();
	/** Posts created by Add to Queue (each holds the slot in its scheduledFor). */
	/** @type {WeakSet<object>} */
	const queuedPosts = new WeakSet();
	const state = { planPostLimit: options.planPostLimit ?? Infinity, created: 0 };

	function publish(target, sandbox) {
		const reason = sandbox ? undefined : sim.takePlatformFailure(target.platform);
		if (reason !== undefined) {
			return {
				platform: target.platform,
				accountId: target.accountId ?? null,
				status: 'failed',
				error: reason,
				errorCode: 'platform_error',
			};
		}
		return {
			platform: target.platform,
			accountId: target.accountId ?? null,
			status: 'posted',
			platformPostId: sandbox ? `sandbox_${nextId('')}` : String(Math.floor(Math.random() * 1e15)),
			url: `https://${target.platform}.example/p/${nextId('')}`,
		};
	}

	/** A post as it is now: pending targets that are due have published. */
	const current = (post) =>
		sim.settle(post, (target) => publish(target, false), overallStatus, 'processing');
	const find = (id) => {
		const post = posts.get(id);
		return post && current(post);
	};

	// Inferred path (the docs name none); the fields are those of its list_accounts tool.
	sim.route('GET', '/accounts', (req) => {
		const platform = req.query.get('platform');
		const accounts = ACCOUNTS.filter((account) => !platform || account.platform === platform);
		return { status: 200, body: { success: true, data: accounts } };
	});

	sim.route('POST', '/posts/validate', (req) => {
		const checked = checkDraft(req.body, sim);
		if (checked.error) {
			const { error } = /** @type {any} */ (checked.error.body);
			return {
				status: 200,
				body: {
					success: true,
					data: {
						valid: false,
						errors: [{ code: error.code, message: error.message, details: error.details ?? null }],
						warnings: [],
					},
				},
			};
		}
		return {
			status: 200,
			body: { success: true, data: { valid: true, errors: [], warnings: checked.warnings } },
		};
	});

	/**
	 * "Use idempotency keys for safe retries" on POSTs: the same key and body
	 * replays the first answer without acting again; another body is a 409.
	 */
	function idempotent(handler) {
		return (req) => {
			const key = req.headers['idempotency-key'];
			const hash = crypto.createHash('sha256').update(`${req.path}\n${req.rawBody}`).digest('hex');
			if (typeof key === 'string' && idempotency.has(key)) {
				const record = /** @type {{ hash: string, reply: any }} */ (idempotency.get(key));
				if (record.hash !== hash) {
					return errorReply(
						'idempotency_conflict',
						'Idempotency key was already used with a different request body',
						{ idempotencyKey: key },
					);
				}
				return {
					...record.reply,
					headers: { ...record.reply.headers, 'Idempotent-Replayed': 'true' },
				};
			}
			const reply = handler(req);
			if (typeof key === 'string' && reply.status < 300) idempotency.set(key, { hash, reply });
			return reply;
		};
	}

	/**
	 * Add to Queue: the API picks the time, the first full hour from now on that no queued
	 * post holds (the next full hour, plus one hour per post already in the queue).
	 */
	function nextQueueSlot() {
		const taken = new Set(
			[...posts.values()]
				.filter((post) => queuedPosts.has(post) && post.scheduledFor)
				.map((post) => Date.parse(post.scheduledFor)),
		);
		let slot = Math.floor(Date.now() / HOUR) * HOUR + HOUR;
		while (taken.has(slot)) slot += HOUR;
		return new Date(slot).toISOString();
	}

	/** One create: an error reply, or the post it stored (quota counted per post created). */
	function createPost(req, body) {
		if (restrictedKeys.includes(req.apiKey ?? '')) {
			return errorReply('forbidden', "This API key doesn't have permission to create posts", {
				requiredPermission: 'posts:write',
			});
		}
		if (state.created >= state.planPostLimit) {
			return errorReply(
				'plan_limit_exceeded',
				'Plan limit reached: your plan allows ' + state.planPostLimit + ' posts',
				{ limit: state.planPostLimit, used: state.created },
			);
		}
		const checked = checkDraft(body, sim);
		if (checked.error) return checked.error;
		const sandbox = testKeys.includes(req.apiKey ?? '');
		let platforms;
		let status;
		if (checked.isDraft) {
			status = 'draft';
			platforms = checked.targets.map((t) => ({
				platform: t.platform,
				accountId: t.accountId ?? null,
				status: 'draft',
			}));
		} else if (body.scheduledFor || body.queue) {
			status = sandbox ? 'posted' : body.queue ? 'queued' : 'scheduled';
			platforms = checked.targets.map((t) =>
				sandbox
					? publish(t, true)
					: { platform: t.platform, accountId: t.accountId ?? null, status },
			);
		} else {
			platforms = checked.targets.map((t) =>
				sandbox ? publish(t, true) : sim.publishOrQueue(t, (due) => publish(due, false)),
			);
			status = overallStatus(platforms);
		}
		const post = {
			_id: objectId(),
			status,
			content: sim.storedText(body.content ?? null),
			mediaItems: body.mediaItems ?? [],
			scheduledFor: body.scheduledFor ?? (body.queue ? nextQueueSlot() : null),
			timezone: body.timezone ?? 'UTC',
			platformSettings: body.platformSettings ?? {},
			firstComment: body.firstComment ?? null,
			sandbox,
			platforms,
			createdAt: new Date().toISOString(),
			// First comments a platform cannot take are skipped there (docs §9: "warn").
			...(checked.warnings.length > 0 ? { warnings: checked.warnings } : {}),
		};
		if (body.queue) queuedPosts.add(post);
		posts.set(post._id, current(post));
		state.created += 1;
		return { post };
	}

	sim.route(
		'POST',
		'/posts',
		idempotent((req) => {
			const created = createPost(req, req.body);
			if (created.status !== undefined) return created;
			// The create answer carries the post under `post` with `_id` only.
			return { status: 201, body: { success: true, post: created.post } };
		}),
	);

	/**
	 * One bulk entry: the request's shared fields with the entry's own. An entry's own
	 * `idempotencyKey` (not stored) replays the result it got before when the rest of the
	 * entry (shared fields included) is the same, `replayed: true`, and creates nothing;
	 * with another entry it is that entry's `idempotency_conflict`.
	 */
	function bulkEntry(req, shared, entry, index) {
		const own = entry && typeof entry === 'object' && !Array.isArray(entry) ? { ...entry } : entry;
		const key = own && typeof own === 'object' ? own.idempotencyKey : undefined;
		const body = { ...shared, ...own };
		delete body.idempotencyKey;
		const hash = crypto.createHash('sha256').update(canonicalJson(body)).digest('hex');
		const earlier = typeof key === 'string' ? entryIdempotency.get(key) : undefined;
		if (earlier && earlier.hash !== hash) {
			const conflict = errorReply(
				'idempotency_conflict',
				'Idempotency key was already used with a different request body',
				{ idempotencyKey: key },
			);
			return { index, success: false, error: /** @type {any} */ (conflict.body).error };
		}
		if (earlier) {
			const post = posts.get(earlier.result.post._id);
			return {
				...earlier.result,
				index,
				post: post ? current(post) : earlier.result.post,
				replayed: true,
			};
		}
		const created = createPost(req, body);
		if (created.status !== undefined) return { index, success: false, error: created.body.error };
		/** @type {{ index: number, success: true, post: any }} */
		const result = { index, success: true, post: created.post };
		if (typeof key === 'string') entryIdempotency.set(key, { hash, result });
		return result;
	}

	// Documented: up to 25 create-shaped entries, validated one by one; an entry that fails
	// validation consumes no quota. The answer's shape is not documented: modelled as one
	// result per entry, in order, with its post or its error (`created` counts the posts
	// this request created, `replayed` the entries answered from their idempotencyKey).
	sim.route(
		'POST',
		'/posts/bulk',
		idempotent((req) => {
			const entries = req.body?.posts;
			if (!Array.isArray(entries) || entries.length === 0)
				return errorReply('invalid_request', "The 'posts' field must list at least one post", {
					field: 'posts',
				});
			if (entries.length > 25)
				return errorReply('invalid_request', 'A bulk request takes at most 25 posts', {
					field: 'posts',
					max: 25,
				});
			const shared = { ...req.body };
			delete shared.posts;
			/** @type {Array<{ index: number, success: boolean, post?: any, error?: any, replayed?: boolean }>} */
			const results = entries.map((entry, index) => bulkEntry(req, shared, entry, index));
			const replayed = results.filter((result) => result.replayed).length;
			const failed = results.filter((result) => !result.success).length;
			return {
				status: 200,
				body: {
					success: true,
					data: { results, created: results.length - failed - replayed, failed, replayed },
				},
			};
		}),
	);

	// seedPost (core.js): a post as the create stores it, created at `createdAt`, live (not sandbox).
	sim.storeSeed = ({ id, content, targets, scheduledFor, createdAt, status, rest }) => {
		const platforms = targets.map((target) => {
			const accountId = target.accountId ?? null;
			if (status === undefined || status === 'posted')
				return {
					platform: target.platform,
					accountId,
					status: 'posted',
					platformPostId: String(Math.floor(Math.random() * 1e15)),
					url: `https://${target.platform}.example/p/${nextId('')}`,
				};
			if (status === 'failed')
				return {
					platform: target.platform,
					accountId,
					status,
					error: 'Seeded failure',
					errorCode: 'platform_error',
				};
			return { platform: target.platform, accountId, status };
		});
		const post = {
			_id: id ?? objectId(),
			status: status ?? 'posted',
			content,
			mediaItems: [],
			scheduledFor,
			timezone: 'UTC',
			platformSettings: {},
			firstComment: null,
			sandbox: false,
			platforms,
			createdAt,
			...rest,
		};
		posts.set(post._id, post);
		return post;
	};

	sim.route('GET', '/posts/:id', (req) => {
		const post = find(req.params.id);
		if (!post)
			return errorReply('not_found', 'Post not found', { resource: 'post', id: req.params.id });
		// Reads carry the post under `data`, with `id`.
		const { _id, ...rest } = post;
		return { status: 200, body: { success: true, data: { id: _id, ...rest } } };
	});

	// "Only drafts and scheduled posts. Send only changed fields. mediaItems replaces all media."
	sim.route('PATCH', '/posts/:id', (req) => {
		const post = find(req.params.id);
		if (!post)
			return errorReply('not_found', 'Post not found', { resource: 'post', id: req.params.id });
		if (!['draft', 'scheduled', 'queued'].includes(post.status)) {
			return errorReply('validation_error', 'Only drafts and scheduled posts can be edited', {
				status: post.status,
			});
		}
		const body = req.body && typeof req.body === 'object' ? req.body : {};
		const refused = checkUpdate(post, body);
		if (refused) return refused;
		for (const field of UPDATABLE) {
			if (body[field] !== undefined) post[field] = body[field];
		}
		if (Array.isArray(body.platforms)) {
			post.platforms = body.platforms.map((target) => ({
				platform: typeof target === 'string' ? target : target.platform,
				accountId: (typeof target === 'object' && target.accountId) || null,
				...(typeof target === 'object' && target.content ? { content: target.content } : {}),
				status: post.status,
			}));
		}
		post.updatedAt = new Date().toISOString();
		const { _id, ...rest } = post;
		return { status: 200, body: { success: true, data: { id: _id, ...rest } } };
	});

	// Inferred from the CLI: `?page&limit&status&platform&after&before`; reads carry `id`.
	sim.route('GET', '/posts', (req) => {
		posts.forEach(current);
		const { items, pages, ...rest } = listPosts(posts, req.query, ['after', 'before']);
		const data = items.map(({ _id, ...post }) => ({ id: _id, ...post }));
		return {
			status: 200,
			body: { success: true, data, pagination: { ...rest, hasMore: rest.page < pages } },
		};
	});

	// "Deletes drafts, cancels scheduled posts"; a post already out cannot be cancelled.
	sim.route('DELETE', '/posts/:id', (req) => {
		const post = find(req.params.id);
		if (!post)
			return errorReply('not_found', 'Post not found', { resource: 'post', id: req.params.id });
		if (!['draft', 'scheduled', 'queued'].includes(post.status)) {
			return errorReply('validation_error', 'Only drafts and scheduled posts can be cancelled', {
				status: post.status,
			});
		}
		posts.delete(req.params.id);
		return { status: 200, body: { success: true, data: { id: req.params.id, deleted: true } } };
	});

	sim.route(
		'POST',
		'/posts/:id/retry',
		idempotent((req) => {
			if (testKeys.includes(req.apiKey ?? '')) {
				return errorReply('sandbox_unsupported', 'Retry is not available with test keys');
			}
			const post = find(req.params.id);
			if (!post)
				return errorReply('not_found', 'Post not found', { resource: 'post', id: req.params.id });
			const only = Array.isArray(req.body?.platforms) ? req.body.platforms : undefined;
			post.platforms = post.platforms.map((target) =>
				target.status === 'failed' && (!only || only.includes(target.platform))
					? sim.publishOrQueue(target, (due) => publish(due, false))
					: target,
			);
			post.status = overallStatus(post.platforms);
			current(post);
			post.retries = (post.retries ?? 0) + 1;
			return {
				status: 200,
				body: { success: true, data: { ...post, retryDelay: req.body?.delay ?? 0 } },
			};
		}),
	);

	// Webhook CRUD (docs: /webhooks); the secret is returned once, by the create.
	/** @type {Map<string, { id: string, url: string, events: string[], secret: string, isActive: boolean, createdAt: string }>} */
	const webhookList = new Map();
	const webhooks = new WebhookSender({
		header: 'X-Schedulala-Signature',
		prefix: 'sha256=',
		subscriptions: () => [...webhookList.values()].filter((webhook) => webhook.isActive),
	});
	const withoutSecret = ({ secret: _secret, ...webhook }) => webhook;
	const webhookNotFound = (id) =>
		errorReply('not_found', 'Webhook not found', { resource: 'webhook', id });
	const checkWebhook = (body, partial) => {
		if (!partial || body.url !== undefined) {
			if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))
				return "'url' must be an HTTPS URL";
		}
		if (!partial || body.events !== undefined) {
			if (!Array.isArray(body.events) || body.events.length === 0)
				return "'events' must list at least one event";
		}
		return undefined;
	};
	sim.route('POST', '/webhooks', (req) => {
		const body = req.body ?? {};
		const problem = checkWebhook(body, false);
		if (problem) return errorReply('invalid_request', problem, { field: 'webhook' });
		const webhook = {
			id: nextId('wh_'),
			url: body.url,
			events: [...body.events],
			secret: `whsec_${nextId('')}${Math.random().toString(36).slice(2)}`,
			isActive: true,
			createdAt: new Date().toISOString(),
		};
		webhookList.set(webhook.id, webhook);
		return { status: 201, body: { success: true, webhook } };
	});
	sim.route('GET', '/webhooks', () => ({
		status: 200,
		body: { success: true, webhooks: [...webhookList.values()].map(withoutSecret) },
	}));
	sim.route('GET', '/webhooks/:id', (req) => {
		const webhook = webhookList.get(req.params.id);
		if (!webhook) return webhookNotFound(req.params.id);
		return { status: 200, body: { success: true, webhook: withoutSecret(webhook) } };
	});
	sim.route('PATCH', '/webhooks/:id', (req) => {
		const webhook = webhookList.get(req.params.id);
		if (!webhook) return webhookNotFound(req.params.id);
		const body = req.body ?? {};
		const problem = checkWebhook(body, true);
		if (problem) return errorReply('invalid_request', problem, { field: 'webhook' });
		if (body.url !== undefined) webhook.url = body.url;
		if (body.events !== undefined) webhook.events = [...body.events];
		if (body.isActive !== undefined) webhook.isActive = body.isActive === true;
		return { status: 200, body: { success: true, webhook: withoutSecret(webhook) } };
	});
	sim.route('DELETE', '/webhooks/:id', (req) => {
		if (!webhookList.delete(req.params.id)) return webhookNotFound(req.params.id);
		return { status: 200, body: { success: true } };
	});
	sim.route('POST', '/webhooks/:id/test', (req) => {
		const webhook = webhookList.get(req.params.id);
		if (!webhook) return webhookNotFound(req.params.id);
		const body = JSON.stringify({
			event: 'webhook.test',
			timestamp: new Date().toISOString(),
			data: { webhookId: webhook.id },
		});
		void webhooks.deliverTo(webhook, 'webhook.test', body);
		return { status: 200, body: { success: true } };
	});

	/** The post's time has come: it publishes (or fails) and each target sends its webhook. */
	async function publishScheduled(id) {
		const post = posts.get(id);
		if (!post) throw new Error(`no post ${id}`);
		const moved = sim.publishNow(post, (target) => publish(target, false), overallStatus);
		for (const target of moved) {
			const event = postEvent(target);
			if (event === undefined) continue;
			await webhooks.deliver(event, {
				postId: post._id,
				platform: target.platform,
				accountId: target.accountId,
				status: target.status,
				...(target.url ? { url: target.url } : {}),
				...(target.error ? { error: { code: target.errorCode, message: target.error } } : {}),
			});
		}
		return post;
	}

	// The analytics endpoints (schedulalaAnalytics.js); its keys without the permission join the known keys.
	const analytics = addAnalyticsRoutes(sim, errorReply, options);

	return Object.assign(sim, {
		posts,
		analytics,
		webhooks,
		webhookList,
		publishScheduled,
		/** The real API refuses media on private addresses; tests host media on loopback. */
		allowPrivateMediaUrls: false,
		idempotency,
		entryIdempotency,
		state,
		clear() {
			sim.reset();
			posts.clear();
			idempotency.clear();
			entryIdempotency.clear();
			webhookList.clear();
			webhooks.clear();
			state.created = 0;
			analytics.clear();
			state.planPostLimit = options.planPostLimit ?? Infinity;
		},
	});
}

module.exports = { createSchedulalaSimulator, STATUS_FOR_CODE };
