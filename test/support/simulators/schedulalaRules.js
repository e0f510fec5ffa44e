'use strict';

// Schedulala's per-platform rules (docs §9: limits, platformSettings keys, first comments),
// as the create, the bulk entries, the validate and the update check a post that is not a
// draft. A problem refuses the whole post (400 validation_error, details { field, platform,
// reason }); a first comment a platform cannot take is skipped there with a warning.

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

/** Main-content character limits per platform. */
const LIMITS = {
	twitter: 280,
	bluesky: 300,
	threads: 500,
	mastodon: 500,
	'google-business': 1500,
	instagram: 2200,
	tiktok: 2200,
	linkedin: 3000,
	telegram: 4096,
	facebook: 63206,
};

/** Platforms that take no first comment. */
const NO_FIRST_COMMENT = ['tiktok', 'pinterest', 'telegram', 'google-business'];

/** Documented values of the settings that are enumerations. */
const CHOICES = {
	'tiktok.postMode': ['direct', 'inbox'],
	'youtube.privacyStatus': ['public', 'unlisted', 'private'],
	'instagram.postType': ['feed', 'reel', 'story'],
	'mastodon.visibility': ['public', 'unlisted', 'private', 'direct'],
};

/**
 * @typedef {{ message: string, details: Record<string, unknown> }} Problem
 * @typedef {{ platform: string, content?: string }} Target
 */

/** @returns {Problem} */
function problem(message, platform, field, reason, extra = {}) {
	return { message, details: { field, platform, reason, ...extra } };
}

const isSet = (value) => value !== undefined && value !== null && value !== '';

/** The settings object the post carries for `platform` ({} when none). */
function settingsOf(body, platform) {
	const all = body.platformSettings;
	const own = all && typeof all === 'object' ? all[platform] : undefined;
	return own && typeof own === 'object' && !Array.isArray(own) ? own : {};
}

/**
 * The text a platform gets and the field it came from: the settings' `content` (settings win
 * over the target's, as the CLI merges them), else the target's `content`, else the post's.
 * @param {any} body @param {Target} target @param {number} index
 */
function textFor(body, target, index) {
	const settings = settingsOf(body, target.platform);
	if (typeof settings.content === 'string')
		return { text: settings.content, field: `platformSettings.${target.platform}.content` };
	if (typeof target.content === 'string')
		return { text: target.content, field: `platforms[${index}].content` };
	return { text: typeof body.content === 'string' ? body.content : '', field: 'content' };
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Characters as the platforms document them: code points, and for Bluesky graphemes (its
 * 300 is "graphemes": an emoji with a skin tone is one).
 * @param {string} text @param {string} platform
 */
function charactersOf(text, platform) {
	return platform === 'bluesky' ? [...graphemes.segment(text)].length : codePoints(text);
}

/** The text-limit check (drafts too, as before): the first platform whose text is too long. */
/** @param {any} body @param {Target[]} targets @returns {Problem | undefined} */
function textProblem(body, targets) {
	for (const [index, target] of targets.entries()) {
		const limit = LIMITS[target.platform];
		const { text, field } = textFor(body, target, index);
		const length = charactersOf(text, target.platform);
		if (limit !== undefined && length > limit)
			return {
				message: `Content too long for ${target.platform}`,
				details: {
					field,
					platform: target.platform,
					reason: 'too_long',
					limit,
					length,
				},
			};
	}
	return undefined;
}

/** A text setting longer than its limit. */
function tooLong(settings, platform, key, limit) {
	const value = settings[key];
	if (typeof value === 'string' && codePoints(value) > limit)
		return problem(
			`${platform} ${key} must be at most ${limit} characters`,
			platform,
			`platformSettings.${platform}.${key}`,
			'too_long',
			{ limit, length: codePoints(value) },
		);
	return undefined;
}

/** A setting outside its documented values. */
function notAChoice(settings, platform, key) {
	const allowed = CHOICES[`${platform}.${key}`];
	const value = settings[key];
	if (allowed && isSet(value) && !allowed.includes(value))
		return problem(
			`${platform} ${key} must be one of ${allowed.join(', ')}`,
			platform,
			`platformSettings.${platform}.${key}`,
			'invalid',
			{ allowed },
		);
	return undefined;
}

/** @param {any[]} media @param {string} type */
const countOf = (media, type) => media.filter((item) => item?.type === type).length;

/**
 * One platform's settings and media rules.
 * @param {any} body @param {string} platform @param {any[]} media
 * @returns {Problem | undefined}
 */
function targetProblem(body, platform, media) {
	const settings = settingsOf(body, platform);
	const enumProblem = Object.keys(settings)
		.map((key) => notAChoice(settings, platform, key))
		.find(Boolean);
	if (enumProblem) return enumProblem;
	if (platform === 'tiktok') {
		for (const key of ['privacy', 'postMode'])
			if (!isSet(settings[key]))
				return problem(
					`TikTok posts require platformSettings.tiktok.${key}`,
					'tiktok',
					`platformSettings.tiktok.${key}`,
					'required',
				);
		if (settings.brandedContent === true && settings.privacy === 'SELF_ONLY')
			return problem(
				'TikTok branded content cannot be private (SELF_ONLY)',
				'tiktok',
				'platformSettings.tiktok.privacy',
				'branded_content_private',
			);
	}
	if (platform === 'youtube') {
		if (countOf(media, 'video') === 0)
			return problem(
				'YouTube posts require a video media item',
				'youtube',
				'mediaItems',
				'required',
			);
		if (!isSet(settings.title))
			return problem(
				'YouTube posts require platformSettings.youtube.title',
				'youtube',
				'platformSettings.youtube.title',
				'required',
			);
		return (
			tooLong(settings, 'youtube', 'title', 100) ??
			tooLong(settings, 'youtube', 'description', 5000)
		);
	}
	if (platform === 'pinterest')
		return (
			tooLong(settings, 'pinterest', 'title', 100) ??
			tooLong(settings, 'pinterest', 'description', 500)
		);
	if (platform === 'instagram' && media.length === 0)
		return problem(
			'Instagram posts require at least one media item',
			'instagram',
			'mediaItems',
			'required',
		);
	if (platform === 'google-business' && (media.length !== 1 || countOf(media, 'image') !== 1))
		return problem(
			'Google Business posts take exactly one image and no video',
			'google-business',
			'mediaItems',
			'invalid',
			{ count: media.length },
		);
	if (platform === 'mastodon' && countOf(media, 'image') > 4)
		return problem('Mastodon posts take at most 4 images', 'mastodon', 'mediaItems', 'too_many', {
			limit: 4,
			count: countOf(media, 'image'),
		});
	return undefined;
}

/**
 * First comments: refused when no target can take one, skipped with a warning where a
 * platform cannot (or on an Instagram story); Instagram's must fit 1000 UTF-8 bytes.
 * @param {any} body @param {Target[]} targets @param {string[]} warnings
 * @returns {Problem | undefined}
 */
function firstCommentProblem(body, targets, warnings) {
	const shared = isSet(body.firstComment) ? String(body.firstComment) : undefined;
	const platforms = [...new Set(targets.map((target) => target.platform))];
	if (shared !== undefined && platforms.every((platform) => NO_FIRST_COMMENT.includes(platform)))
		return problem(
			`First comments are not supported on ${platforms.join(', ')}`,
			platforms[0],
			'firstComment',
			'unsupported',
		);
	for (const platform of platforms) {
		if (shared !== undefined && NO_FIRST_COMMENT.includes(platform))
			warnings.push(`First comment skipped on ${platform}`);
	}
	if (platforms.includes('instagram')) {
		const settings = settingsOf(body, 'instagram');
		const own = isSet(settings.firstComment) ? String(settings.firstComment) : undefined;
		const comment = own ?? shared;
		if (comment === undefined) return undefined;
		if (settings.postType === 'story') {
			warnings.push('First comment skipped on instagram (stories take no comments)');
			return undefined;
		}
		const bytes = Buffer.byteLength(comment, 'utf8');
		if (bytes > 1000)
			return problem(
				'Instagram first comment must be at most 1000 UTF-8 bytes',
				'instagram',
				own === undefined ? 'firstComment' : 'platformSettings.instagram.firstComment',
				'too_long',
				{ limit: 1000, length: bytes },
			);
	}
	return undefined;
}

/**
 * Every per-platform rule of a post that is not a draft: the first problem (the post is
 * refused) and the warnings it publishes with.
 * @param {any} body @param {Target[]} targets
 * @returns {{ problem?: Problem, warnings: string[] }}
 */
function platformRules(body, targets) {
	/** @type {string[]} */
	const warnings = [];
	const media = Array.isArray(body.mediaItems) ? body.mediaItems : [];
	for (const target of targets) {
		const found = targetProblem(body, target.platform, media);
		if (found) return { problem: found, warnings };
	}
	const found = firstCommentProblem(body, targets, warnings);
	return found ? { problem: found, warnings } : { warnings };
}

module.exports = { LIMITS, textProblem, platformRules };
