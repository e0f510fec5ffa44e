import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from '../errors/errors';
import {
	contentFindings,
	type PlatformRules,
	requiredFindings,
	type RuleFinding,
	type RuleInput,
} from './platformRules';

function where(itemIndex: number, finding: RuleFinding): string {
	const target = finding.target === undefined ? '' : `, target ${finding.target + 1}`;
	return `item ${itemIndex + 1}${target}`;
}

/** How to fix a finding: the node's field, or for an AI agent the argument to add. */
function fixFor(finding: RuleFinding, asTool: boolean): string {
	if (!asTool) return finding.fix;
	if (finding.toolArgument)
		return `Call again with the argument "${finding.toolArgument}" set. ${finding.fix}`;
	if (finding.userOnly)
		return `Only the user can set this in the node (${finding.fix}): ask them to, and do not retry until they have.`;
	return finding.fix;
}

function refusal(
	context: IExecuteFunctions,
	itemIndex: number,
	findings: RuleFinding[],
	asTool: boolean,
	closing: string,
): Error {
	const [first] = findings;
	const all = findings.map(
		(finding) => `${finding.message} (${where(itemIndex, finding)}): ${fixFor(finding, asTool)}`,
	);
	return invalidParameter(
		context.getNode(),
		itemIndex,
		`${first.message} (${where(itemIndex, first)})`,
		`${all.join(' ')} ${closing}`,
		first.field,
	);
}

/**
 * Checks a post against its platforms' rules before anything is sent. What the API refuses
 * every post for always fails the item; content rules fail it only with Check Platform Rules
 * on, and are otherwise returned as notices (the post is sent, as before this check existed).
 */
export function checkPlatformRules(
	context: IExecuteFunctions,
	itemIndex: number,
	rules: PlatformRules,
	input: RuleInput,
	options: { strict: boolean; asTool: boolean; namesTargets?: boolean },
): string[] {
	// An update's settings stand for the post's own targets, which the node does not know.
	const untargeted = (findings: RuleFinding[]) =>
		options.namesTargets === false
			? findings.map((finding) => ({ ...finding, target: undefined }))
			: findings;
	const required = untargeted(requiredFindings(rules, input));
	if (required.length > 0)
		throw refusal(context, itemIndex, required, options.asTool, 'Nothing was sent.');
	const content = untargeted(contentFindings(rules, input));
	if (content.length === 0) return [];
	if (options.strict) {
		throw refusal(
			context,
			itemIndex,
			content,
			options.asTool,
			'Nothing was sent (Options → Check Platform Rules is on).',
		);
	}
	return content.map(
		(finding) =>
			`${finding.message} (${where(itemIndex, finding)}): the API is expected to ${finding.skipped ? 'skip it and publish the rest' : 'refuse it'}. ${fixFor(finding, options.asTool)}`,
	);
}

const HINTED_ITEMS = 10;
/** Items of a run that got hints so far: a run is one node execution context. */
const hintedItems = new WeakMap<object, number>();

/**
 * Shows an item's notices as execution hints: the first items' in full, then one line saying
 * more items have some; every item keeps its own list (platformNotices). 1,000 rows with the
 * same long text would otherwise stack 1,000 hints in the output pane.
 */
export function hintPlatformNotices(context: IExecuteFunctions, notices: string[]): void {
	if (notices.length === 0) return;
	const hinted = hintedItems.get(context) ?? 0;
	hintedItems.set(context, hinted + 1);
	if (hinted < HINTED_ITEMS) {
		context.addExecutionHints(
			...notices.map((message) => ({ message, location: 'outputPane' as const })),
		);
	} else if (hinted === HINTED_ITEMS) {
		context.addExecutionHints({
			message: `More items break platform rules than the ${HINTED_ITEMS} shown: each item lists its own in platformNotices.`,
			location: 'outputPane',
		});
	}
}

/** Every finding as a notice, nothing refused: for Validate Post, whose job is to report. */
export function platformRuleNotices(
	itemIndex: number,
	rules: PlatformRules,
	input: RuleInput,
): string[] {
	return [...requiredFindings(rules, input), ...contentFindings(rules, input)].map(
		(finding) => `${finding.message} (${where(itemIndex, finding)}): ${finding.fix}`,
	);
}
