'use strict';
// SocialSyncerAPI on loopback, as its docs describe it: errors are
// { error, code } with the documented HTTP statuses, posts are returned
// unwrapped with `id`, per-platform failures live inside the post.
const { ApiSimulator, listPosts, nextId } = require('./core');
const { WebhookSender, postEvent } = require('./webhooks');
const { contentProblem, targetSettings, tiktokRefusal } = require('./socialsyncerRules');

const STATUS_FOR_CODE = {
	VALIDATION_ERROR: 400,
	AUTH_MISSING_KEY: 401,
	AUTH_INVALID_KEY: 401,
	NOT_FOUND: 404,
	RATE_LIMIT_EXCEEDED: 429,
	INTERNAL_ERROR: 500,
};

const WEBHOOK_EVENTS = [
	'post.published',
	'post.failed',
	'post.scheduled',
	'account.connected',
	'account.disconnected',
];

const ACCOUNTS = [
	{
		platform: 'instagram',
		accountId: 'ig_123',
		username: 'mybusiness',
		connectedAt: '2026-01-15T10:00:00Z',
	},
	{
		platform: 'facebook',
		accountId: 'fb_456',
		username: 'My Business Page',
		connectedAt: '2026-01-15T10:00:00Z',
	},
	{
		platform: 'twitter',
		accountId: 'tw_789',
		username: '@mybusiness',
		connectedAt: '2026-01-15T10:00:00Z',
	},
	{
		platform: 'tiktok',
		accountId: 'tt_321',
		username: 'mybusiness',
		connectedAt: '2026-01-15T10:00:00Z',
	},
	{
		platform: 'threads',
		accountId: 'th_654',
		username: 'mybusiness',
		connectedAt: '2026-01-15T10:00:00Z',
	},
	// A second Instagram account whose token expired: only the health list says so.
	{
		platform: 'instagram',
		accountId: 'ig_999',
		username: 'oldshop',
		connectedAt: '2025-03-01T10:00:00Z',
		tokenExpired: true,
	},
];

/** An account as GET /accounts shows it (the token state is not part of it). */
function publicAccount({ tokenExpired, ...account }) {
	return account;
}

function errorReply(code, message, details) {
	/** @type {Record<string, unknown>} */
	const body = { error: message, code };
	if (details !== undefined) body.details = details;
	return { status: STATUS_FOR_CODE[code] ?? 400, body };
}

/** Post-level status from the per-platform ones. */
function overallStatus(platforms) {
	const statuses = platforms.map((target) => target.status);
	if (statuses.every((status) => status === 'published')) return 'published';
	if (statuses.every((status) => status === 'failed')) return 'failed';
	return 'partial';
}

/**
 * @param {{ apiKeys?: string[], mediaHost?: import('./mediaHost').MediaHost }} [options]
 */
function createSocialSyncerSimulator(options = {}) {
	const sim = new ApiSimulator({
		name: 'SocialSyncerAPI',
		basePath: '/v1',
		apiKeys: options.apiKeys ?? ['sk_test_socialsyncer_simulator_key'],
		errorReply,
		authErrors: {
			missing: ['AUTH_MISSING_KEY', 'Missing API key'],
			invalid: ['AUTH_INVALID_KEY', 'Invalid API key'],
		},
		// The docs show only Retry-After (in seconds) on 429.
		rateLimitHeaders: (resetAt, _remaining, _limit, now, limited) =>
			limited ? { 'Retry-After': String(Math.max(1, Math.ceil((resetAt - now) / 1000))) } : {},
	});
	sim.rateLimitError = () => ['RATE_LIMIT_EXCEEDED', 'Rate limit exceeded'];
	sim.notFoundError = () => ['NOT_FOUND', 'Not found'];

	/** @type {Map<string, any>} */
	const posts = new Map();

	/**
	 * One target of `post` publishes: it fails with its content problem (that platform's
	 * rules) or a scripted failure, else it is published. It keeps the settings it was sent.
	 * @param {any} target @param {{ content?: unknown, mediaItems?: unknown }} post
	 */
	function publish(target, post) {
		const reason = contentProblem(post, target) ?? sim.takePlatformFailure(target.platform);
		if (reason !== undefined)
			return {
				platform: target.platform,
				accountId: target.accountId,
				status: 'failed',
				error: reason,
				...targetSettings(target),
			};
		return {
			platform: target.platform,
			accountId: target.accountId,
			status: 'published',
			platformPostId: String(Math.floor(Math.random() * 1e15)),
			platformPostUrl: `https://${target.platform}.example/p/${nextId('')}`,
			...targetSettings(target),
		};
	}
	/** @param {any} post */
	const publisher = (post) => (/** @type {any} */ target) => publish(target, post);

	/** A post as it is now: pending targets that are due have published. */
	const current = (post) => sim.settle(post, publisher(post), overallStatus, 'publishing');
	const find = (id) => {
		const post = posts.get(id);
		return post && current(post);
	};

	// Token validity, permissions and recommendations per account (docs: accounts/health).
	sim.route('GET', '/accounts/health', () => ({
		status: 200,
		body: {
			accounts: ACCOUNTS.map((account) => {
				const expiring = account.platform === 'tiktok';
				const expired = account.tokenExpired === true;
				return {
					platform: account.platform,
					accountId: account.accountId,
					username: account.username,
					health: expired ? 'error' : expiring ? 'warning' : 'healthy',
					tokenValid: !expired,
					permissions: expired ? [] : ['publish'],
					recommendations: expired
						? ['Token expired. Reconnect the account.']
						: expiring
							? ['Token expires in 3 days. Consider reconnecting.']
							: [],
				};
			}),
		},
	}));

	sim.route('GET', '/accounts', (req) => {
		const platform = req.query.get('platform');
		return {
			status: 200,
			body: {
				accounts: ACCOUNTS.filter((account) => !platform || account.platform === platform).map(
					publicAccount,
				),
			},
		};
	});

	sim.route('POST', '/posts', (req) => {
		const body = req.body && typeof req.body === 'object' ? req.body : {};
		const targets = Array.isArray(body.platforms) ? body.platforms : [];
		if (!body.isDraft && targets.length === 0)
			return errorReply('VALIDATION_ERROR', 'Platforms required for non-draft posts');
		const hasText =
			(typeof body.content === 'string' && body.content !== '') ||
			targets.every((t) => t.customContent);
		if (!hasText && !(Array.isArray(body.mediaItems) && body.mediaItems.length > 0)) {
			return errorReply('VALIDATION_ERROR', 'Content or media required');
		}
		for (const target of targets) {
			if (
				!target.accountId ||
				!ACCOUNTS.some((account) => account.accountId === target.accountId)
			) {
				return errorReply(
					'VALIDATION_ERROR',
					`Unknown account for ${target.platform}: ${target.accountId}`,
				);
			}
		}
		const refusal = body.isDraft ? undefined : tiktokRefusal(body.tiktokSettings, targets);
		if (refusal) return errorReply('VALIDATION_ERROR', refusal);
		const now = new Date().toISOString();
		const content = sim.storedText(body.content ?? null);
		const mediaItems = body.mediaItems ?? [];
		let platforms;
		let status;
		if (body.isDraft) {
			status = 'draft';
			platforms = targets.map((t) => ({
				platform: t.platform,
				accountId: t.accountId,
				status: 'draft',
				...targetSettings(t),
			}));
		} else if (body.scheduledFor) {
			status = 'scheduled';
			platforms = targets.map((t) => ({
				platform: t.platform,
				accountId: t.accountId,
				status: 'scheduled',
				...targetSettings(t),
			}));
		} else {
			// A pending target keeps its settings too (it publishes with them later).
			platforms = targets.map((target) =>
				Object.assign(
					sim.publishOrQueue(target, publisher({ content, mediaItems })),
					targetSettings(target),
				),
			);
			status = overallStatus(platforms);
		}
		const post = {
			id: nextId('post_'),
			status,
			content,
			mediaItems,
			scheduledFor: body.scheduledFor ?? null,
			timezone: body.timezone ?? 'UTC',
			tags: body.tags ?? [],
			...(body.tiktokSettings !== undefined ? { tiktokSettings: body.tiktokSettings } : {}),
			platforms,
			createdAt: now,
			updatedAt: now,
		};
		posts.set(post.id, current(post));
		return { status: 201, body: post };
	});

	// seedPost (core.js): a post as the create stores it, created at `createdAt`. A target
	// without accountId gets the platform's first account.
	sim.storeSeed = ({ id, content, targets, scheduledFor, createdAt, status, rest }) => {
		const platforms = targets.map((target) => {
			const accountId =
				target.accountId ??
				ACCOUNTS.find((account) => account.platform === target.platform)?.accountId ??
				null;
			if (status === undefined || status === 'published')
				return {
					platform: target.platform,
					accountId,
					status: 'published',
					platformPostId: String(Math.floor(Math.random() * 1e15)),
					platformPostUrl: `https://${target.platform}.example/p/${nextId('')}`,
				};
			if (status === 'failed')
				return { platform: target.platform, accountId, status, error: 'Seeded failure' };
			return { platform: target.platform, accountId, status };
		});
		const post = {
			id: id ?? nextId('post_'),
			status: status ?? 'published',
			content,
			mediaItems: [],
			scheduledFor,
			timezone: 'UTC',
			tags: [],
			platforms,
			createdAt,
			updatedAt: createdAt,
			...rest,
		};
		posts.set(post.id, post);
		return post;
	};

	sim.route('GET', '/posts/:id', (req) => {
		const post = find(req.params.id);
		return post ? { status: 200, body: post } : errorReply('NOT_FOUND', 'Post not found');
	});

	// Inferred (Late-compatible PUT): the fields sent replace the post's; only draft,
	// scheduled, failed and partial posts can be edited.
	sim.route('PUT', '/posts/:id', (req) => {
		const post = find(req.params.id);
		if (!post) return errorReply('NOT_FOUND', 'Post not found');
		if (!['draft', 'scheduled', 'failed', 'partial'].includes(post.status)) {
			return errorReply(
				'VALIDATION_ERROR',
				`Cannot edit a ${post.status} post: only draft, scheduled, failed and partial posts can be edited`,
			);
		}
		const body = req.body && typeof req.body === 'object' ? req.body : {};
		if (post.status !== 'draft') {
			const refusal = tiktokRefusal(
				body.tiktokSettings ?? post.tiktokSettings,
				Array.isArray(body.platforms) ? body.platforms : post.platforms,
			);
			if (refusal) return errorReply('VALIDATION_ERROR', refusal);
		}
		for (const field of [
			'content',
			'scheduledFor',
			'timezone',
			'mediaItems',
			'tags',
			'tiktokSettings',
		]) {
			if (body[field] !== undefined) post[field] = body[field];
		}
		if (Array.isArray(body.platforms)) {
			for (const target of body.platforms) {
				if (!ACCOUNTS.some((account) => account.accountId === target.accountId)) {
					return errorReply(
						'VALIDATION_ERROR',
						`Unknown account for ${target.platform}: ${target.accountId}`,
					);
				}
			}
			const targetStatus = post.status === 'draft' ? 'draft' : 'scheduled';
			post.platforms = body.platforms.map((target) => ({
				platform: target.platform,
				accountId: target.accountId,
				...targetSettings(target),
				status: targetStatus,
			}));
		}
		post.updatedAt = new Date().toISOString();
		return { status: 200, body: post };
	});

	// Inferred (Late-compatible): `?page&limit&status&platform&dateFrom&dateTo` → `{ posts, pagination }`.
	sim.route('GET', '/posts', (req) => {
		posts.forEach(current);
		const { items, ...pagination } = listPosts(posts, req.query, ['dateFrom', 'dateTo']);
		return { status: 200, body: { posts: items, pagination } };
	});

	// Inferred (Late-compatible): drafts, scheduled and failed posts can be deleted, published ones not.
	sim.route('DELETE', '/posts/:id', (req) => {
		const post = find(req.params.id);
		if (!post) return errorReply('NOT_FOUND', 'Post not found');
		if (post.status === 'published' || post.status === 'partial') {
			return errorReply('VALIDATION_ERROR', 'Published posts cannot be deleted');
		}
		posts.delete(req.params.id);
		return { status: 200, body: { message: 'Post deleted' } };
	});

	// Documented: `{ filename, contentType }` → `{ uploadUrl, publicUrl }` (Late also takes `size`
	// and answers `expires`). The URLs point at the media host, another server.
	sim.route('POST', '/media/presign', (req) => {
		const body = req.body && typeof req.body === 'object' ? req.body : {};
		if (typeof body.filename !== 'string' || body.filename === '')
			return errorReply('VALIDATION_ERROR', 'filename is required');
		if (typeof body.contentType !== 'string' || !/^(image|video)\//.test(body.contentType))
			return errorReply('VALIDATION_ERROR', 'contentType must be an image or video MIME type');
		if (typeof body.size === 'number' && body.size > 5 * 1024 ** 3)
			return errorReply('VALIDATION_ERROR', 'Files up to 5 GB can be uploaded');
		if (!sim.mediaHost)
			return { status: 500, body: { error: 'No media host', code: 'INTERNAL_ERROR' } };
		const { uploadUrl, publicUrl, expiresAt } = sim.mediaHost.issue(body);
		return { status: 200, body: { uploadUrl, publicUrl, expires: expiresAt } };
	});

	sim.route('POST', '/posts/:id/retry', (req) => {
		const post = find(req.params.id);
		if (!post) return errorReply('NOT_FOUND', 'Post not found');
		post.platforms = post.platforms.map((target) =>
			target.status === 'failed'
				? Object.assign(sim.publishOrQueue(target, publisher(post)), targetSettings(target))
				: target,
		);
		post.status = overallStatus(post.platforms);
		current(post);
		post.retries = (post.retries ?? 0) + 1;
		post.updatedAt = new Date().toISOString();
		return { status: 200, body: post };
	});

	// One webhook setting per account (docs: POST /webhooks/settings); the signing secret is
	// shown in the dashboard, so the user copies it into the credential.
	const webhookSettings = { url: '', events: [] };
	const webhooks = new WebhookSender({
		header: 'X-SocialSyncerAPI-Signature',
		prefix: '',
		subscriptions: () => [{ ...webhookSettings, secret: sim.webhookSecret }],
	});
	// Inferred: the docs show only the POST; "settings" suggests a GET of the same.
	sim.route('GET', '/webhooks/settings', () => ({ status: 200, body: { ...webhookSettings } }));
	sim.route('POST', '/webhooks/settings', (req) => {
		const { url, events } = req.body ?? {};
		if (typeof url !== 'string' || !Array.isArray(events))
			return errorReply('VALIDATION_ERROR', 'url and events are required');
		const unknown = events.filter((event) => !WEBHOOK_EVENTS.includes(event));
		if (unknown.length > 0)
			return errorReply('VALIDATION_ERROR', `Unknown webhook events: ${unknown.join(', ')}`);
		Object.assign(webhookSettings, { url, events: [...events] });
		return { status: 200, body: { success: true, ...webhookSettings } };
	});

	/** The post's time has come: it publishes (or fails) and each target sends its webhook. */
	async function publishScheduled(id) {
		const post = posts.get(id);
		if (!post) throw new Error(`no post ${id}`);
		const moved = sim.publishNow(post, publisher(post), overallStatus);
		post.updatedAt = new Date().toISOString();
		for (const target of moved) {
			const event = postEvent(target);
			if (event === undefined) continue;
			await webhooks.deliver(event, {
				postId: post.id,
				platform: target.platform,
				accountId: target.accountId,
				status: target.status,
				...(target.platformPostId ? { platformPostId: target.platformPostId } : {}),
				...(target.platformPostUrl ? { platformPostUrl: target.platformPostUrl } : {}),
				...(target.error ? { error: target.error } : {}),
			});
		}
		return post;
	}

	return Object.assign(sim, {
		posts,
		webhooks,
		webhookSettings,
		/** The secret the dashboard shows for the account's webhook. */
		webhookSecret: 'whsec_dashboard_4f1c2a9b7e',
		publishScheduled,
		/** Where presigned uploads go (another server). */
		mediaHost: options.mediaHost,
		clear() {
			sim.reset();
			posts.clear();
			webhooks.clear();
			Object.assign(webhookSettings, { url: '', events: [] });
		},
	});
}

module.exports = { createSocialSyncerSimulator, STATUS_FOR_CODE, ACCOUNTS };
