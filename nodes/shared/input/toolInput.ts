import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext } from '../types/operation';
import { TOOL_SETTINGS } from '../descriptions/toolFields';
import { invalidParameter } from '../errors/errors';
import { accountIdOf, accountLabel, listAccounts } from '../output/account';
import {
	type PostInput,
	type PostRules,
	type PostTarget,
	readPostInput,
	type ToolPost,
	textField,
} from './postInput';

/** Whether the node runs as an AI agent's tool (n8n gives the tool variant a type ending in Tool). */
export function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

function list(value: string): string[] {
	return value
		.split(/[\n,]+/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** "instagram, twitter", "instagram:ig_123", or a JSON array of names or { platform, accountId }. */
export function parseToolTargets(raw: string, fail: (message: string) => Error): PostTarget[] {
	const target = (platform: unknown, accountId?: unknown): PostTarget => ({
		platform: textField(platform, fail, "A target's platform", 'targets').toLowerCase(),
		accountId: textField(accountId, fail, "A target's accountId", 'targets'),
		content: '',
	});
	if (raw.startsWith('[') || raw.startsWith('{')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(raw);
		} catch {
			throw fail(`Targets is not valid JSON: ${raw.slice(0, 80)}`);
		}
		const entries = Array.isArray(parsed) ? parsed : [parsed];
		return entries.map((entry) => {
			if (typeof entry === 'string') return target(entry);
			if (typeof entry === 'object' && entry !== null) {
				const { platform, accountId } = entry as IDataObject;
				if (typeof platform === 'string') return target(platform, accountId);
			}
			throw fail(`Each target needs a "platform": ${JSON.stringify(entry).slice(0, 80)}`);
		});
	}
	return list(raw).map((entry) => {
		const [platform, accountId] = entry.split(':');
		return target(platform, accountId);
	});
}

/**
 * Targets without an account ID get the only connected account of their
 * platform; with none or several connected, the caller is told which to pass.
 */
async function withAccounts(
	ctx: OperationContext,
	targets: PostTarget[],
	fail: (message: string, description: string) => Error,
): Promise<PostTarget[]> {
	if (targets.every((target) => target.accountId !== '')) return targets;
	const accounts = await listAccounts(ctx.call, ctx.dialect, '');
	return targets.map((target) => {
		if (target.accountId !== '') return target;
		const matching = accounts.filter((account) => account.platform === target.platform);
		if (matching.length === 1) return { ...target, accountId: accountIdOf(matching[0]) };
		if (matching.length === 0)
			throw fail(
				`No ${target.platform} account is connected`,
				`Connected platforms: ${[...new Set(accounts.map((account) => String(account.platform)))].join(', ') || 'none'}. Connect a ${target.platform} account in the ${ctx.dialect.serviceName} dashboard, or post elsewhere.`,
			);
		throw fail(
			`Several ${target.platform} accounts are connected: say which one`,
			`Give the target as {"platform":"${target.platform}","accountId":"…"} with one of: ${matching.map((account) => `${accountIdOf(account)} (${accountLabel(account)})`).join(', ')}.`,
		);
	});
}

/** The tool-only fields of Create Post; undefined when the node does not run as a tool. */
export async function readToolPost(
	context: IExecuteFunctions,
	ctx: OperationContext,
	rules: PostRules,
	checkFirst?: (input: PostInput, tool: ToolPost) => void,
): Promise<ToolPost | undefined> {
	if (!runsAsTool(context)) return undefined;
	const { itemIndex } = ctx;
	const fail = (message: string, description: string, field = 'targets') =>
		invalidParameter(context.getNode(), itemIndex, message, description, field);
	// A hidden tool-only field (the user's own $fromAI in Content or Scheduled For) reads as ''.
	const read = (name: string, label: string, field: string) =>
		textField(context.getNodeParameter(name, itemIndex, ''), fail, label, field);
	const tool: ToolPost = {
		media: list(read('toolMediaUrls', 'Media URLs', 'mediaUrls')).map((url) => ({
			source: 'url',
			type: /\.(mp4|mov|m4v|webm)(\?|$)/i.test(url) ? 'video' : 'image',
			url,
			binaryPropertyName: 'data',
		})),
		settings: [],
	};
	for (const spec of TOOL_SETTINGS) {
		const value = read(spec.name, spec.argument, spec.argument);
		if (value !== '')
			tool.settings.push({
				platform: spec.platform,
				field: spec.field,
				argument: spec.argument,
				value,
			});
	}
	const firstComment = read('toolFirstComment', 'First comment', 'firstCommentText');
	if (firstComment !== '') tool.firstComment = firstComment;
	const content = read('toolContent', 'Content', 'content');
	if (content !== '') tool.content = content;
	const scheduledFor = read('toolScheduledFor', 'Scheduled For', 'scheduledFor');
	if (scheduledFor !== '') tool.scheduledFor = scheduledFor;
	const rawTargets = read('toolTargets', 'Targets', 'targets');
	if (rawTargets === '') return tool;
	const targets = parseToolTargets(rawTargets, (message) =>
		fail(
			message,
			'Give platform names separated by commas (e.g. instagram, twitter) or a JSON array of {"platform","accountId"}.',
		),
	);
	if (!rules.accountIdRequired || targets.every((target) => target.accountId !== '')) {
		tool.targets = targets;
		return tool;
	}
	// Finding the accounts is a request: the rest of the call is checked before it.
	const draft = { ...tool, targets };
	checkFirst?.(
		readPostInput(context, itemIndex, { ...rules, accountIdRequired: false }, draft),
		draft,
	);
	tool.targets = await withAccounts(ctx, targets, fail);
	return tool;
}
