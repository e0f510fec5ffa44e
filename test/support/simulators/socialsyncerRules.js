'use strict';

// SocialSyncerAPI's per-platform rules. TikTok's consent and privacy are checked for the
// whole request (docs: "every post needs consent flags"; a refusal is 400 VALIDATION_ERROR);
// a platform's content problem fails only that target when it publishes, the others publish
// (the docs' `partial` post).

/**
 * Code points, counted without building an array (posts of 100,000 characters come by).
 * @param {string} text
 */
function codePoints(text) {
	let count = 0;
	for (let index = 0; index < text.length; index++) {
		const unit = text.charCodeAt(index);
		if (unit < 0xdc00 || unit > 0xdfff) count++;
	}
	return count;
}

/** Text limits per platform (Instagram and TikTok documented; X and Threads inferred). */
const LIMITS = { twitter: 280, threads: 500, instagram: 2200, tiktok: 2200 };

/** Platforms that take no text-only post. */
const MEDIA_REQUIRED = { instagram: 'Instagram', tiktok: 'TikTok' };

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A TikTok target's settings: the root `tiktokSettings` merged into the target's
 * `platformSpecificData`, the target's values winning (as in Late, the API it follows).
 * @param {any} rootSettings @param {any} target
 */
function tiktokSettingsOf(rootSettings, target) {
	return {
		...(isObject(rootSettings) ? rootSettings : {}),
		...(isObject(target.platformSpecificData) ? target.platformSpecificData : {}),
	};
}

/**
 * The request-level refusal for a post with TikTok targets, or undefined: privacy level and
 * both consent flags are required, and branded content cannot be private.
 * @param {any} rootSettings @param {any[]} targets
 * @returns {string | undefined}
 */
function tiktokRefusal(rootSettings, targets) {
	for (const target of targets.filter((t) => t?.platform === 'tiktok')) {
		const settings = tiktokSettingsOf(rootSettings, target);
		if (typeof settings.privacy_level !== 'string' || settings.privacy_level === '')
			return 'tiktokSettings.privacy_level is required for TikTok posts';
		const missing = ['content_preview_confirmed', 'express_consent_given'].filter(
			(flag) => settings[flag] !== true,
		);
		if (missing.length > 0)
			return `TikTok posts require consent: ${missing.map((flag) => `tiktokSettings.${flag}`).join(' and ')} must be true`;
		if (settings.brand_content_toggle === true && settings.privacy_level === 'SELF_ONLY')
			return 'TikTok branded content (brand_content_toggle) cannot be posted with privacy_level SELF_ONLY';
	}
	return undefined;
}

/**
 * Why this target fails when it publishes, or undefined: its text (customContent over the
 * post's) too long, no media where media is required, an Instagram first comment over
 * 1000 UTF-8 bytes.
 * @param {{ content?: unknown, mediaItems?: unknown }} post @param {any} target
 * @returns {string | undefined}
 */
function contentProblem(post, target) {
	const platform = target.platform;
	const text =
		typeof target.customContent === 'string'
			? target.customContent
			: typeof post.content === 'string'
				? post.content
				: '';
	const limit = LIMITS[platform];
	// Characters as the platforms count them: code points (an emoji is one).
	const length = codePoints(text);
	if (limit !== undefined && length > limit)
		return `Text is ${length} characters; ${platform} allows ${limit}`;
	const media = Array.isArray(target.customMedia)
		? target.customMedia
		: Array.isArray(post.mediaItems)
			? post.mediaItems
			: [];
	if (MEDIA_REQUIRED[platform] && media.length === 0)
		return `${MEDIA_REQUIRED[platform]} posts require at least one image or video`;
	const comment = isObject(target.platformSpecificData)
		? target.platformSpecificData.firstComment
		: undefined;
	if (platform === 'instagram' && typeof comment === 'string') {
		const bytes = Buffer.byteLength(comment, 'utf8');
		if (bytes > 1000) return `First comment is ${bytes} bytes; Instagram allows 1000`;
	}
	return undefined;
}

/** What a stored target keeps of the one sent (the settings Get Post shows). */
function targetSettings(target) {
	/** @type {Record<string, unknown>} */
	const kept = {};
	for (const key of ['customContent', 'customMedia', 'platformSpecificData'])
		if (target?.[key] !== undefined) kept[key] = target[key];
	return kept;
}

module.exports = { tiktokRefusal, contentProblem, targetSettings };
