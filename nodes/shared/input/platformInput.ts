import type { IExecuteFunctions } from 'n8n-workflow';

import type { PlatformGroup } from '../descriptions/platformOptions';
import { invalidParameter } from '../errors/errors';
import { checkPlatformRules, platformRuleNotices } from './platformCheck';
import type { PlatformRules, RuleInput } from './platformRules';
import {
	fillInSetting,
	mergeSettings,
	readTypedSettings,
	choiceOf,
	choicesOf,
	type SettingKeys,
	type SettingsByPlatform,
	toApiSettings,
} from './platformSettings';
import type { PostInput, ToolPost, ToolSetting } from './postInput';

/** A service's per-platform settings: its editor groups, its keys, its JSON fields and rules. */
export interface PlatformSettingsFacts {
	groups: PlatformGroup[];
	vocabulary: SettingKeys;
	rules: PlatformRules;
	/** The item's JSON settings (the fields that predate the typed ones), keyed by platform. */
	readJson(context: IExecuteFunctions, input: PostInput, itemIndex: number): SettingsByPlatform;
	/** Where an AI agent's first comment goes: a platform's setting, else the post's option. */
	toolFirstComment?: { platform: string; field: string };
}

/** An agent's value for a choice, as the API spells it; not one of the choices: refused, naming the argument. */
function checkToolValue(
	facts: PlatformSettingsFacts,
	setting: ToolSetting,
	fail: (message: string, description: string, field: string) => Error,
): string {
	const field = facts.groups
		.find((group) => group.platform === setting.platform)
		?.fields.find((candidate) => candidate.name === setting.field);
	if (field?.type !== 'options') return setting.value;
	const choice = choiceOf(field, setting.value);
	if (choice !== undefined) return choice;
	throw fail(
		`${setting.argument} has an unknown value "${setting.value.slice(0, 60)}"`,
		`Call again with ${setting.argument} set to one of: ${choicesOf(field).join(', ')}.`,
		setting.argument,
	);
}

/** The item's settings as the API names them: JSON, typed over it, tool arguments filling in. */
function readPlatformSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	facts: PlatformSettingsFacts,
	input: PostInput,
	toolSettings: ToolSetting[] = [],
): SettingsByPlatform {
	const fail = (message: string, description: string, field: string) =>
		invalidParameter(context.getNode(), itemIndex, message, description, field);
	const typed = readTypedSettings(
		context.getNodeParameter('platformOptions', itemIndex, {}),
		facts.groups,
		fail,
	);
	const settings = mergeSettings(
		facts.readJson(context, input, itemIndex),
		toApiSettings(typed.explicit, facts.vocabulary),
		toApiSettings(typed.defaults, facts.vocabulary),
	);
	for (const setting of toolSettings) {
		const value = checkToolValue(facts, setting, fail);
		fillInSetting(settings, facts.vocabulary, setting.platform, setting.field, value);
	}
	return settings;
}

/** What the rules look at: the post, its settings and the post-wide first comment. */
function ruleInput(
	post: PostInput,
	settings: SettingsByPlatform,
	facts: PlatformSettingsFacts,
): RuleInput {
	return {
		content: post.content,
		targets: post.targets,
		media: post.media,
		settings,
		vocabulary: facts.vocabulary,
		firstComment: String(post.options.firstComment ?? '').trim(),
		draft: post.publishMode === 'draft',
	};
}

/**
 * Reads the settings and checks the post against its platforms' rules, before any request.
 * Returns the post with its settings, and what the API is expected to refuse (as notices).
 */
export function withPlatformSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	facts: PlatformSettingsFacts,
	post: PostInput,
	tool?: ToolPost,
): { input: PostInput; notices: string[] } {
	const toolSettings = [...(tool?.settings ?? [])];
	let options = post.options;
	const toolComment = tool?.firstComment ?? '';
	if (toolComment !== '' && facts.toolFirstComment)
		toolSettings.push({
			...facts.toolFirstComment,
			value: toolComment,
			argument: 'firstCommentText',
		});
	else if (toolComment !== '' && String(options.firstComment ?? '').trim() === '')
		options = { ...options, firstComment: toolComment };
	const input = { ...post, options };
	const settings = readPlatformSettings(context, itemIndex, facts, input, toolSettings);
	const asTool = tool !== undefined;
	const notices = checkPlatformRules(
		context,
		itemIndex,
		facts.rules,
		ruleInput(input, settings, facts),
		{ strict: options.checkPlatformRules === true, asTool },
	);
	const home = facts.toolFirstComment;
	if (toolComment !== '' && home && !input.targets.some((t) => t.platform === home.platform)) {
		const name = facts.rules.names[home.platform] ?? home.platform;
		notices.push(
			`The first comment (firstCommentText) was not sent: here only ${name} targets take one (item ${itemIndex + 1}).`,
		);
	}
	return { input: { ...input, settings }, notices };
}

/** For Validate Post: the post with its settings, and every rule it breaks as a notice. */
export function validateWithSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	facts: PlatformSettingsFacts,
	post: PostInput,
): { input: PostInput; notices: string[] } {
	const settings = readPlatformSettings(context, itemIndex, facts, post);
	const notices = platformRuleNotices(itemIndex, facts.rules, ruleInput(post, settings, facts));
	return { input: { ...post, settings }, notices };
}

/** Settings of an update: only what the user set, checked for contradictions. */
export function readUpdateSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	facts: PlatformSettingsFacts,
): SettingsByPlatform {
	const fail = (message: string, description: string, field: string) =>
		invalidParameter(context.getNode(), itemIndex, message, description, field);
	const typed = readTypedSettings(
		context.getNodeParameter('platformOptions', itemIndex, {}),
		facts.groups,
		fail,
	);
	// Only what the user changed: a switch at its default would reset the post's own value.
	const settings = toApiSettings(typed.explicit, facts.vocabulary);
	// Every platform with settings counts as targeted: an update may keep the post's targets.
	const targets = Object.keys(settings).map((platform) => ({
		platform,
		accountId: '',
		content: '',
	}));
	checkPlatformRules(
		context,
		itemIndex,
		facts.rules,
		{
			content: '',
			targets,
			media: [],
			settings,
			vocabulary: facts.vocabulary,
			firstComment: '',
			draft: true,
		},
		{ strict: false, asTool: false, namesTargets: false },
	);
	return settings;
}
