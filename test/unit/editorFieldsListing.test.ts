/**
 * What a change to the editor must change in the committed listing
 * (test/support/editorFields.ts). Each case edits one thing the n8n editor shows on a copy
 * of a node's description, help texts and the node picker's texts included, and expects the
 * listing text to differ.
 */
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { Schedulala } from '../../nodes/Schedulala/Schedulala.node';
import { nodeText } from '../support/editorFields';

const original = new Schedulala().description;

function copy(): INodeTypeDescription {
	return structuredClone(original);
}

function field(description: INodeTypeDescription, name: string): INodeProperties {
	const found = description.properties.find((property) => property.name === name);
	if (!found) throw new Error(`no field ${name}`);
	return found;
}

function option(description: INodeTypeDescription, name: string, value: string) {
	const options = (field(description, name).options ?? []) as INodePropertyOptions[];
	const found = options.find((entry) => entry.value === value);
	if (!found) throw new Error(`no option ${value} of ${name}`);
	return found;
}

const edits: Array<[string, (description: INodeTypeDescription) => void]> = [
	['a display name', (d) => (field(d, 'scheduledFor').displayName = 'Schedule For')],
	['a default', (d) => (field(d, 'publishMode').default = 'draft')],
	[
		'a display condition',
		(d) => (field(d, 'scheduledFor').displayOptions = { show: { publishMode: ['queue'] } }),
	],
	[
		'an added option',
		(d) =>
			(field(d, 'publishMode').options as INodePropertyOptions[]).push({
				name: 'Later',
				value: 'later',
			}),
	],
	['a field description', (d) => (field(d, 'publishMode').description = 'Something else')],
	['a placeholder', (d) => (field(d, 'media').placeholder = 'Add Something')],
	['an option description', (d) => (option(d, 'publishMode', 'queue').description = 'Other')],
	['an operation action', (d) => (option(d, 'operation', 'delete').action = 'Remove a post')],
	['the node subtitle', (d) => (d.subtitle = 'something else')],
	['the node description', (d) => (d.description = 'something else')],
];

describe('the editor-field listing changes when what the editor shows changes', () => {
	it.each(edits)('%s', (_what, edit) => {
		const changed = copy();
		edit(changed);
		expect(nodeText(changed)).not.toBe(nodeText(original));
	});
});
