// Rules the platforms themselves set, the same whichever service posts for them.
import type { SettingConflict, SettingLimit } from './platformRules';

export const TIKTOK_BRANDED_NOT_PRIVATE: SettingConflict = {
	platform: 'tiktok',
	when: { field: 'privacy', value: 'SELF_ONLY' },
	field: 'brandedContent',
	message: 'TikTok does not allow branded content to be private',
	fix: 'Choose a Privacy other than Only Me, or switch off Branded Content.',
};

export const INSTAGRAM_STORY_NO_FIRST_COMMENT: SettingConflict = {
	platform: 'instagram',
	when: { field: 'postType', value: 'story' },
	field: 'firstComment',
	message: 'Instagram Stories take no first comment',
	fix: 'Remove the Instagram first comment, or choose Feed or Reel.',
	skipped: true,
};

export const INSTAGRAM_FIRST_COMMENT_LIMIT: SettingLimit = {
	platform: 'instagram',
	field: 'firstComment',
	label: 'First Comment',
	max: 1000,
	unit: 'bytes',
};
