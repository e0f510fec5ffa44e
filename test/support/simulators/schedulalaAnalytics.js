'use strict';
// Schedulala's analytics endpoints on the simulator, as its docs describe them: GET
// /analytics/{posts,daily,best-time,followers,content-types,retention} and POST
// /analytics/refresh, `{ success: true, data: [...] }`, a key without the `analytics`
// permission refused with 403 `forbidden`. /analytics/posts takes accountId (required),
// limit (1–100, default 20), cursor, sort (date|likes|impressions|engagement, default date)
// and order (asc|desc, default desc). Where the next cursor sits is not documented: the
// simulator puts it in `pagination.nextCursor` (with `hasMore`), or elsewhere on request.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Posts with metrics per account: enough for three pages of 100. */
const POSTS_PER_ACCOUNT = { acc_tw_1: 230, acc_li_1: 5, acc_ig_1: 0 };
const PLATFORM_OF = { acc_tw_1: 'twitter', acc_li_1: 'linkedin', acc_ig_1: 'instagram' };
const SORTS = ['date', 'likes', 'impressions', 'engagement'];

/** A stable pseudo-random whole number in [0, span) from a seed. */
function figure(seed, span) {
	const x = Math.sin(seed * 9301 + 49297) * 233280;
	return Math.floor((x - Math.floor(x)) * span);
}

function hex24(seed) {
	return (seed.toString(16) + 'a1b2c3d4e5f60718293a4b5c').slice(0, 24).padStart(24, '0');
}

/**
 * One account's posts with metrics, newest first: one every 12 hours from `now` back, so the
 * last full week always holds 14 of them.
 * @param {string} accountId @param {number} now
 */
function postRows(accountId, now) {
	const count = POSTS_PER_ACCOUNT[accountId] ?? 0;
	const platform = PLATFORM_OF[accountId] ?? 'twitter';
	const latest = Math.floor(now / HOUR) * HOUR - HOUR;
	return Array.from({ length: count }, (_, index) => {
		const seed = index + accountId.length * 1000;
		const impressions = 200 + figure(seed, 5000);
		const likes = figure(seed + 1, 300);
		const comments = figure(seed + 2, 40);
		const shares = figure(seed + 3, 25);
		const engagement = likes + comments + shares;
		return {
			id: hex24(seed + 0x665f1c2a),
			platform,
			accountId,
			platformPostId: `1784${String(100000000000000 + seed)}`,
			postUrl: `https://${platform}.example/p/${seed}`,
			content: `Post number ${index + 1} of ${accountId}`,
			publishedAt: new Date(latest - index * 12 * HOUR).toISOString(),
			impressions,
			reach: Math.floor(impressions * 0.8),
			likes,
			comments,
			shares,
			engagement,
			engagementRate: Math.round((engagement / impressions) * 10000) / 100,
		};
	});
}

/** Every figure of a row as text ("12"), as some APIs send them. */
function asStrings(row) {
	return Object.fromEntries(
		Object.entries(row).map(([key, value]) => [
			key,
			typeof value === 'number' ? String(value) : value,
		]),
	);
}

/**
 * @param {import('./core').ApiSimulator} sim
 * @param {(code: string, message: string, details?: unknown) => any} errorReply
 * @param {{ noAnalyticsKeys?: string[] }} options
 */
function addAnalyticsRoutes(sim, errorReply, options) {
	const noAnalyticsKeys = options.noAnalyticsKeys ?? ['sk_live_schedulala_no_analytics_key'];
	for (const key of noAnalyticsKeys) sim.apiKeys.add(key);
	/**
	 * What tests change: where the next cursor goes (`pagination`, `top`, `meta`), whether it
	 * repeats the first cursor forever (an API that ignores it), whether figures come as text.
	 */
	const analytics = {
		cursorPlace: 'pagination',
		repeatCursor: false,
		numbersAsStrings: false,
		refreshes: 0,
		clear() {
			analytics.cursorPlace = 'pagination';
			analytics.repeatCursor = false;
			analytics.numbersAsStrings = false;
			analytics.refreshes = 0;
		},
	};
	const ok = (data, extra = {}) => ({
		status: 200,
		body: {
			success: true,
			data: analytics.numbersAsStrings ? data.map(asStrings) : data,
			...extra,
		},
	});
	/** The 403 of a key without the permission, and an unknown account, for every endpoint. */
	const refusal = (req, accountId) => {
		if (noAnalyticsKeys.includes(req.apiKey ?? ''))
			return errorReply('forbidden', "This API key doesn't have the analytics permission", {
				requiredPermission: 'analytics',
			});
		if (accountId && !(accountId in POSTS_PER_ACCOUNT))
			return errorReply('not_found', 'Account not found', { resource: 'account', id: accountId });
		return undefined;
	};
	const range = (req) => ({
		from: Date.parse(req.query.get('from') ?? '') || -Infinity,
		to: Date.parse(req.query.get('to') ?? '') || Infinity,
	});
	const days = (now) =>
		Array.from({ length: 30 }, (_, index) => {
			const day = new Date(Math.floor(now / DAY) * DAY - (index + 1) * DAY);
			return { date: day.toISOString().slice(0, 10), at: day.getTime(), seed: index };
		});

	sim.route('GET', '/analytics/posts', (req) => {
		const accountId = req.query.get('accountId');
		const refused = refusal(req, accountId);
		if (refused) return refused;
		if (!accountId)
			return errorReply('validation_error', "The 'accountId' query parameter is required", {
				field: 'accountId',
				reason: 'required',
			});
		const limitText = req.query.get('limit') ?? '20';
		const limit = Number(limitText);
		if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100)
			return errorReply('validation_error', 'limit must be an integer between 1 and 100', {
				field: 'limit',
				value: limitText,
			});
		const sort = req.query.get('sort') ?? 'date';
		if (!SORTS.includes(sort))
			return errorReply('validation_error', `sort must be one of ${SORTS.join(', ')}`, {
				field: 'sort',
				value: sort,
			});
		const order = req.query.get('order') ?? 'desc';
		if (!['asc', 'desc'].includes(order))
			return errorReply('validation_error', 'order must be asc or desc', {
				field: 'order',
				value: order,
			});
		const cursor = req.query.get('cursor');
		let offset = 0;
		if (cursor) {
			const decoded = /^o(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
			if (!decoded)
				return errorReply('invalid_request', 'Invalid pagination cursor', { field: 'cursor' });
			offset = analytics.repeatCursor ? 0 : Number(decoded[1]);
		}
		const key = sort === 'date' ? 'publishedAt' : sort;
		const rows = postRows(accountId, Date.now()).sort((a, b) => {
			const diff = a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id.localeCompare(b.id);
			return order === 'asc' ? diff : -diff;
		});
		const page = rows.slice(offset, offset + limit);
		const hasMore = offset + limit < rows.length;
		const next = analytics.repeatCursor
			? Buffer.from('o0').toString('base64url')
			: Buffer.from(`o${offset + limit}`).toString('base64url');
		const nextCursor = hasMore || analytics.repeatCursor ? next : null;
		/** @type {Record<string, unknown>} */
		let extra = { pagination: { limit, nextCursor, hasMore: hasMore || analytics.repeatCursor } };
		if (analytics.cursorPlace === 'top') extra = { nextCursor };
		if (analytics.cursorPlace === 'meta') extra = { meta: { nextCursor } };
		return ok(page, extra);
	});

	sim.route('GET', '/analytics/daily', (req) => {
		const accountId = req.query.get('accountId');
		const refused = refusal(req, accountId);
		if (refused) return refused;
		const { from, to } = range(req);
		return ok(
			days(Date.now())
				.filter((day) => day.at >= from && day.at < to)
				.map(({ date, seed }) => {
					const impressions = 1000 + figure(seed, 9000);
					const likes = figure(seed + 7, 600);
					return {
						date,
						...(accountId ? { accountId } : {}),
						posts: 2,
						impressions,
						likes,
						comments: figure(seed + 8, 80),
						shares: figure(seed + 9, 50),
						engagementRate: Math.round((likes / impressions) * 10000) / 100,
					};
				}),
		);
	});

	sim.route('GET', '/analytics/best-time', (req) => {
		const refused = refusal(req, req.query.get('accountId'));
		if (refused) return refused;
		return ok([
			{ dayOfWeek: 'tuesday', hour: 9, avgEngagement: 48.5, posts: 8 },
			{ dayOfWeek: 'thursday', hour: 12, avgEngagement: 41.25, posts: 7 },
			{ dayOfWeek: 'monday', hour: 18, avgEngagement: 33, posts: 9 },
		]);
	});

	sim.route('GET', '/analytics/followers', (req) => {
		const accountId = req.query.get('accountId');
		const refused = refusal(req, accountId);
		if (refused) return refused;
		const { from, to } = range(req);
		return ok(
			days(Date.now())
				.filter((day) => day.at >= from && day.at < to)
				.map(({ date, seed }) => ({
					date,
					...(accountId ? { accountId } : {}),
					followers: 12_000 - seed * 15,
					change: 15,
				})),
		);
	});

	sim.route('GET', '/analytics/content-types', (req) => {
		const refused = refusal(req, req.query.get('accountId'));
		if (refused) return refused;
		return ok([
			{ type: 'image', posts: 31, avgImpressions: 2410, avgLikes: 96, avgEngagement: 4.1 },
			{ type: 'video', posts: 12, avgImpressions: 5320, avgLikes: 210, avgEngagement: 6.3 },
			{ type: 'text', posts: 14, avgImpressions: 980, avgLikes: 22, avgEngagement: 2.2 },
		]);
	});

	sim.route('GET', '/analytics/retention', (req) => {
		const refused = refusal(req, req.query.get('accountId'));
		if (refused) return refused;
		const videoId = req.query.get('videoId') ?? 'yt_vid_1';
		return ok(
			[0, 0.25, 0.5, 0.75, 1].map((elapsedRatio, index) => ({
				videoId,
				elapsedRatio,
				audienceWatchRatio: Math.round((1 - index * 0.18) * 100) / 100,
			})),
		);
	});

	sim.route('POST', '/analytics/refresh', (req) => {
		const accountId = req.body?.accountId;
		const refused = refusal(req, accountId);
		if (refused) return refused;
		analytics.refreshes += 1;
		return {
			status: 202,
			body: {
				success: true,
				data: {
					refreshing: true,
					accountId: accountId ?? null,
					requestedAt: new Date().toISOString(),
				},
			},
		};
	});

	return analytics;
}

module.exports = { addAnalyticsRoutes, postRows };
