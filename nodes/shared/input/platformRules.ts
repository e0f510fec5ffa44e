import type { MediaInput, PostTarget } from './postInput';
import { type SettingKeys, type SettingsByPlatform, settingValue } from './platformSettings';

/** A setting every published post of a platform must carry (TikTok's privacy, say). */
export interface RequiredSetting {
	platform: string;
	field: string;
	/** What is missing, e.g. "a privacy level". */
	what: string;
	/** How to set it in the node. */
	fix: string;
	/** The AI tool's argument that sets it; none: only the user can (a consent). */
	toolArgument?: string;
}

/** Two values of one platform that cannot go together (branded content set to Only Me). */
export interface SettingConflict {
	platform: string;
	when: { field: string; value: unknown };
	field: string;
	message: string;
	fix: string;
	/** The API skips that part and publishes the rest (a first comment on a Story). */
	skipped?: boolean;
}

/** A text setting with a documented length. */
export interface SettingLimit {
	platform: string;
	field: string;
	label: string;
	max: number;
	unit: 'characters' | 'bytes';
}

/** A service's platform rules, from its docs. */
export interface PlatformRules {
	/** Display names of the platforms, for messages. */
	names: Record<string, string>;
	/** Always checked before sending (published posts): the API refuses every post without them. */
	required: RequiredSetting[];
	/** Always checked before sending, drafts included. */
	conflicts: SettingConflict[];
	/** Platforms that take a video only (YouTube): always checked. */
	videoRequired: string[];
	/** Checked as content rules: hinted, or refused with Check Platform Rules on. */
	textLimits: Record<string, number>;
	mediaRequired: string[];
	maxImages: Record<string, number>;
	/** Exactly one image and no video (Google Business). */
	singleImageOnly: string[];
	settingLimits: SettingLimit[];
	/** Content rules between two settings (no first comment on a Story). */
	contentConflicts: SettingConflict[];
	/** The post-wide first comment: where it is not delivered, and how long it may be per platform. */
	firstComments?: {
		unsupported: string[];
		limits: Record<string, number>;
		/** Limits in UTF-8 bytes (Instagram's 1,000). */
		byteLimits?: Record<string, number>;
		/** A setting under which the platform skips it (an Instagram Story). */
		skippedWhen?: Array<{ platform: string; field: string; value: unknown; label: string }>;
	};
	/** Whether a platform's settings may carry `content`, its text override (Schedulala). */
	settingsContentOverride: boolean;
}

/** What a rule found, on one platform; `field` is where to fix it. */
export interface RuleFinding {
	platform: string;
	/** 0-based index of the first target on that platform, if any. */
	target?: number;
	field: string;
	message: string;
	fix: string;
	toolArgument?: string;
	/** Only the user can fix it (a consent): the AI tool is told to ask. */
	userOnly?: boolean;
	/** The API is expected to skip this part and publish the rest, not to refuse the post. */
	skipped?: boolean;
}

export interface RuleInput {
	content: string;
	targets: PostTarget[];
	media: MediaInput[];
	settings: SettingsByPlatform;
	vocabulary: SettingKeys;
	/** The post-wide first comment (Schedulala's option), '' when none. */
	firstComment: string;
	draft: boolean;
}

const utf8 = new TextEncoder();
const graphemes =
	typeof Intl.Segmenter === 'function'
		? new Intl.Segmenter('en', { granularity: 'grapheme' })
		: undefined;

/** Code points: a letter or an emoji outside the basic plane is one (not two UTF-16 units). */
function codePoints(value: string): number {
	let count = 0;
	for (let index = 0; index < value.length; index++) {
		const unit = value.charCodeAt(index);
		if (unit < 0xdc00 || unit > 0xdfff) count++;
	}
	return count;
}

// Beyond this a text is far over every limit: code points say so without segmenting it all.
const SEGMENTED_UP_TO = 20_000;

/**
 * Characters as people see them (an emoji with a skin tone, a letter with a combining accent:
 * one each), so a text within a limit is never refused here; bytes where a limit says so.
 */
function measure(value: string, unit: SettingLimit['unit']): number {
	if (unit === 'bytes') return utf8.encode(value).length;
	if (!graphemes || value.length > SEGMENTED_UP_TO) return codePoints(value);
	let count = 0;
	const segments = graphemes.segment(value)[Symbol.iterator]();
	while (!segments.next().done) count++;
	return count;
}

function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '' && value !== false;
}

/** The platforms of the post, each with its first target's index, in target order. */
function platformsOf(targets: PostTarget[]): Map<string, number> {
	const platforms = new Map<string, number>();
	targets.forEach((target, index) => {
		if (!platforms.has(target.platform)) platforms.set(target.platform, index);
	});
	return platforms;
}

function nameOf(rules: PlatformRules, platform: string): string {
	return rules.names[platform] ?? platform;
}

function conflictFindings(
	conflicts: SettingConflict[],
	input: RuleInput,
	platforms: Map<string, number>,
): RuleFinding[] {
	const value = (platform: string, field: string) =>
		settingValue(input.settings, input.vocabulary, platform, field);
	return conflicts
		.filter(
			(conflict) =>
				platforms.has(conflict.platform) &&
				value(conflict.platform, conflict.when.field) === conflict.when.value &&
				isSet(value(conflict.platform, conflict.field)),
		)
		.map((conflict) => ({
			platform: conflict.platform,
			target: platforms.get(conflict.platform),
			field: `platformOptions.${conflict.platform}.${conflict.field}`,
			message: conflict.message,
			fix: conflict.fix,
			skipped: conflict.skipped,
		}));
}

/** What the API refuses every post for: checked before any request, whatever the options say. */
export function requiredFindings(rules: PlatformRules, input: RuleInput): RuleFinding[] {
	const platforms = platformsOf(input.targets);
	const findings = conflictFindings(rules.conflicts, input, platforms);
	if (input.draft) return findings;
	for (const setting of rules.required) {
		if (!platforms.has(setting.platform)) continue;
		const value = settingValue(input.settings, input.vocabulary, setting.platform, setting.field);
		if (isSet(value)) continue;
		findings.push({
			platform: setting.platform,
			target: platforms.get(setting.platform),
			field: `platformOptions.${setting.platform}.${setting.field}`,
			message: `${nameOf(rules, setting.platform)} needs ${setting.what}`,
			fix: setting.fix,
			toolArgument: setting.toolArgument,
			userOnly: setting.toolArgument === undefined,
		});
	}
	for (const platform of rules.videoRequired) {
		if (!platforms.has(platform)) continue;
		// A binary file's type is known only from the file: the API decides for those.
		if (input.media.some((item) => item.type === 'video' || item.type === 'auto')) continue;
		findings.push({
			platform,
			target: platforms.get(platform),
			field: 'media',
			message: `${nameOf(rules, platform)} needs a video`,
			fix: 'Add a media item of type Video, or remove the target.',
			toolArgument: 'mediaUrls',
		});
	}
	return findings;
}

/** The text a target publishes: its settings' override, its own override, or the post's. */
function textOf(rules: PlatformRules, input: RuleInput, target: PostTarget): string {
	const settingsText = rules.settingsContentOverride
		? input.settings[target.platform]?.content
		: undefined;
	if (typeof settingsText === 'string' && settingsText !== '') return settingsText;
	return target.content !== '' ? target.content : input.content;
}

/**
 * The platforms' documented content rules the post breaks: text limits, media rules, first
 * comments and setting lengths. Drafts are not checked: they are not published.
 */
export function contentFindings(rules: PlatformRules, input: RuleInput): RuleFinding[] {
	if (input.draft) return [];
	const findings: RuleFinding[] = [];
	const platforms = platformsOf(input.targets);
	const images = input.media.filter((item) => item.type === 'image' || item.type === 'gif').length;
	const videos = input.media.filter((item) => item.type === 'video').length;

	input.targets.forEach((target, index) => {
		const name = nameOf(rules, target.platform);
		const limit = rules.textLimits[target.platform];
		const text = textOf(rules, input, target);
		const length = measure(text, 'characters');
		if (limit !== undefined && length > limit) {
			findings.push({
				platform: target.platform,
				target: index,
				field: target.content !== '' ? 'platforms' : 'content',
				message: `The text for ${name} (target ${index + 1}) is ${length} characters; ${name} takes ${limit}`,
				fix: `Shorten it, or give target ${index + 1} a shorter Text Override.`,
			});
		}
	});

	for (const [platform, index] of platforms) {
		const name = nameOf(rules, platform);
		const at = { platform, target: index };
		if (rules.mediaRequired.includes(platform) && input.media.length === 0) {
			findings.push({
				...at,
				field: 'media',
				message: `${name} does not take text-only posts`,
				fix: `Add an image or a video, or remove the ${name} target.`,
				toolArgument: 'mediaUrls',
			});
		}
		const maxImages = rules.maxImages[platform];
		if (maxImages !== undefined && images > maxImages) {
			findings.push({
				...at,
				field: 'media',
				message: `${name} takes at most ${maxImages} images; the post has ${images}`,
				fix: `Remove images, or post them to ${name} separately.`,
			});
		}
		if (rules.singleImageOnly.includes(platform) && (images !== 1 || videos > 0)) {
			findings.push({
				...at,
				field: 'media',
				message: `${name} takes exactly one image and no video; the post has ${images} image(s) and ${videos} video(s)`,
				fix: `Give the ${name} post one image, or post it separately.`,
			});
		}
		for (const limit of rules.settingLimits) {
			if (limit.platform !== platform) continue;
			const value = settingValue(input.settings, input.vocabulary, platform, limit.field);
			if (typeof value !== 'string') continue;
			const size = measure(value, limit.unit);
			if (size <= limit.max) continue;
			findings.push({
				...at,
				field: `platformOptions.${platform}.${limit.field}`,
				message: `${name}'s ${limit.label} is ${size} ${limit.unit}; ${name} takes ${limit.max}`,
				fix: `Shorten Platform Settings → ${name} → ${limit.label}.`,
			});
		}
	}
	findings.push(...conflictFindings(rules.contentConflicts, input, platforms));

	const comments = rules.firstComments;
	if (comments && input.firstComment !== '') {
		const noneTakeIt = [...platforms.keys()].every((platform) =>
			comments.unsupported.includes(platform),
		);
		for (const [platform, index] of platforms) {
			const name = nameOf(rules, platform);
			if (comments.unsupported.includes(platform)) {
				findings.push({
					platform,
					target: index,
					field: 'options.firstComment',
					message: noneTakeIt
						? `${name} takes no first comment, and no other target does`
						: `${name} takes no first comment`,
					fix: noneTakeIt
						? 'Remove the first comment, or add a target that takes one.'
						: `Remove it, or post to ${name} separately.`,
					skipped: !noneTakeIt,
				});
				continue;
			}
			const skippedBy = comments.skippedWhen?.find(
				(rule) =>
					rule.platform === platform &&
					settingValue(input.settings, input.vocabulary, platform, rule.field) === rule.value,
			);
			if (skippedBy) {
				findings.push({
					platform,
					target: index,
					field: 'options.firstComment',
					message: `${name} ${skippedBy.label} take no first comment`,
					fix: `Remove the first comment, or post the ${name} ${skippedBy.label} separately.`,
					skipped: true,
				});
				continue;
			}
			const bytes = comments.byteLimits?.[platform];
			const max = bytes ?? comments.limits[platform];
			const unit = bytes !== undefined ? 'bytes' : 'characters';
			const size = measure(input.firstComment, unit);
			if (max !== undefined && size > max) {
				findings.push({
					platform,
					target: index,
					field: 'options.firstComment',
					message: `The first comment is ${size} ${unit}; ${name} takes ${max}`,
					fix: 'Shorten the first comment.',
				});
			}
		}
	}
	return findings;
}
