/**
 * The hints n8n's AI workflow builder reads (builderHint): every node and trigger has a
 * searchHint, no hint holds an expression, and every operation, event or node a hint names
 * exists, so a renamed or removed operation fails here instead of misleading the builder.
 */
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { Schedulala } from '../../nodes/Schedulala/Schedulala.node';
import { SchedulalaTrigger } from '../../nodes/Schedulala/SchedulalaTrigger.node';
import { platformOptionsHint } from '../../nodes/shared/descriptions/builderHints';
import { SocialSyncer } from '../../nodes/SocialSyncer/SocialSyncer.node';
import { SocialSyncerTrigger } from '../../nodes/SocialSyncer/SocialSyncerTrigger.node';
import { readRepoFile } from '../support/gitFiles';

const PACKAGE = (JSON.parse(readRepoFile('package.json')) as { name: string }).name;

const actions: INodeType[] = [new SocialSyncer(), new Schedulala()];
/** Each trigger with the action node its hints send the builder to. */
const triggers: Array<[INodeType, INodeType]> = [
	[new SocialSyncerTrigger(), actions[0]],
	[new SchedulalaTrigger(), actions[1]],
];
const all = [...actions, ...triggers.map(([trigger]) => trigger)];

type Choice = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every field of a node, nested ones (collections, fixed collections) included. */
function fields(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const nested = ((property.options ?? []) as Choice[]).flatMap((choice) => {
			if ('values' in choice && Array.isArray(choice.values)) return fields(choice.values);
			if ('type' in choice && 'default' in choice) return fields([choice]);
			return [];
		});
		return [property, ...nested];
	});
}

/** The field-level hints of a node. */
function propertyHints(description: INodeTypeDescription): string[] {
	return fields(description.properties).flatMap((field) =>
		field.builderHint ? [field.builderHint.propertyHint] : [],
	);
}

/** Every hint text of a node: its searchHint, its related nodes' reasons, its fields' hints. */
function hintTexts(description: INodeTypeDescription): string[] {
	const hint = description.builderHint;
	return [
		hint?.searchHint ?? '',
		...(hint?.relatedNodes ?? []).map((related) => related.relationHint),
		...propertyHints(description),
	].filter((text) => text !== '');
}

/** `resource/operation` for every operation the node offers. */
function operationsOf(description: INodeTypeDescription): Set<string> {
	const pairs = description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((selector) =>
			(selector.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				(selector.options as INodePropertyOptions[]).map(
					(option) => `${String(resource)}/${String(option.value)}`,
				),
			),
		);
	return new Set(pairs);
}

const resourcesOf = (description: INodeTypeDescription): string[] =>
	(
		description.properties.find((property) => property.name === 'resource')
			?.options as INodePropertyOptions[]
	).map((option) => String(option.value));

/** The `resource/operation` names a text uses that the node does not offer. */
function unknownOperations(text: string, offered: Set<string>): string[] {
	return [...text.matchAll(/\b[a-z]+\/[a-zA-Z]+\b/g)]
		.map((match) => match[0])
		.filter((name) => !offered.has(name));
}

const EXPRESSION = /\{\{|\$json|\$fromAI|\$\(|\$parameter|\$node/i;

describe('builder hints', () => {
	it.each(all.map((node) => [node.description.name, node] as const))(
		'%s has a short searchHint and no expression in any hint',
		(_name, node) => {
			const searchHint = node.description.builderHint?.searchHint ?? '';
			expect(searchHint.length).toBeGreaterThan(80);
			expect(searchHint.length).toBeLessThan(1500);
			expect(hintTexts(node.description).filter((text) => EXPRESSION.test(text))).toEqual([]);
		},
	);

	it.each(actions.map((node) => [node.description.name, node] as const))(
		'%s: the operations its hints name exist, and every resource has its jobs',
		(_name, node) => {
			const offered = operationsOf(node.description);
			expect(offered.has('post/create')).toBe(true);
			for (const text of hintTexts(node.description))
				expect(unknownOperations(text, offered)).toEqual([]);
			const searchHint = node.description.builderHint?.searchHint ?? '';
			for (const resource of resourcesOf(node.description))
				expect(searchHint).toContain(`${resource}/`);
		},
	);

	it('the operation check catches an operation a node does not offer', () => {
		const offered = operationsOf(new Schedulala().description);
		expect(unknownOperations('post/create, then post/publish or account/delete', offered)).toEqual([
			'post/publish',
			'account/delete',
		]);
	});

	it.each(
		triggers.map(([trigger, action]) => [trigger.description.name, trigger, action] as const),
	)('%s names only its own events and its action node operations', (_name, trigger, action) => {
		const events = (
			trigger.description.properties.find((property) => property.name === 'events')
				?.options as INodePropertyOptions[]
		).map((option) => String(option.value));
		const searchHint = trigger.description.builderHint?.searchHint ?? '';
		const named = [...searchHint.matchAll(/\b(?:post|account)\.[a-z]+\b/g)].map((m) => m[0]);
		expect([...new Set(named)].sort()).toEqual([...events].sort());
		for (const text of hintTexts(trigger.description))
			expect(unknownOperations(text, operationsOf(action.description))).toEqual([]);
	});

	it("each node's hint names its pair by display name, and no node type ID", () => {
		// Type IDs carry the package name, which differs between the combined package and the
		// per-service ones built from the same dist/: relatedNodes would be wrong in two of three.
		for (const [trigger, action] of triggers) {
			expect(action.description.builderHint?.searchHint).toContain(
				`The ${trigger.description.displayName} node`,
			);
			expect(trigger.description.builderHint?.searchHint).toContain(
				`the ${action.description.displayName} node`,
			);
		}
		for (const node of all) {
			expect(node.description.builderHint?.relatedNodes).toBeUndefined();
			expect(hintTexts(node.description).join(' ')).not.toContain(`${PACKAGE}.`);
		}
	});

	it.each(actions.map((node) => [node.description.name, node] as const))(
		"%s: Create Post's main fields tell the builder how to fill them",
		(_name, node) => {
			const hinted = fields(node.description.properties)
				.filter((field) => field.builderHint)
				.map((field) => field.name);
			expect(hinted).toEqual(
				expect.arrayContaining(['content', 'platforms', 'scheduledFor', 'idempotencyKey']),
			);
			// The per-platform settings, where the node has them, carry their hint too.
			for (const field of fields(node.description.properties).filter(
				(property) => property.name === 'platformOptions',
			))
				expect(field.builderHint).toEqual(platformOptionsHint);
		},
	);
});
