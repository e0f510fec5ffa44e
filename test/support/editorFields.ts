/**
 * A node's or credential's editor fields as plain text, one line per field, nested
 * collections indented: committed next to editorFields.test.ts, so that a change to
 * what the n8n editor shows reads as a small diff in review.
 */
import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

type Choice = INodeProperties | INodePropertyOptions | INodePropertyCollection;

const json = (value: unknown) => JSON.stringify(value);

/** `name=a,b` per condition; values that are not plain (n8n's `_cnd` rules) as JSON. */
function conditions(rules: Record<string, unknown[] | undefined> | undefined): string {
	return Object.entries(rules ?? {})
		.map(
			([name, values]) =>
				`${name}=${(values ?? []).map((value) => (typeof value === 'object' ? json(value) : String(value))).join(',')}`,
		)
		.join('; ');
}

function isProperty(choice: Choice): choice is INodeProperties {
	return 'type' in choice && 'default' in choice;
}

function isCollection(choice: Choice): choice is INodePropertyCollection {
	return 'values' in choice && Array.isArray(choice.values);
}

/** What the editor shows around a field (under it, inside it, next to it), one text a line. */
function helpLines(property: INodeProperties, depth: number): string[] {
	const texts: Array<[string, unknown]> = [
		['description', property.description],
		['hint', property.hint],
		['placeholder', property.placeholder],
	];
	return texts
		.filter(([, text]) => text !== undefined && text !== '')
		.map(([label, text]) => `${'  '.repeat(depth)}${label} ${json(text)}`);
}

function propertyLines(property: INodeProperties, parent: string, depth: number): string[] {
	const path = parent ? `${parent}.${property.name}` : property.name;
	const parts = [
		path,
		json(property.displayName),
		property.type,
		`default ${json(property.default)}`,
	];
	if (property.required) parts.push('required');
	if (property.noDataExpression) parts.push('noDataExpression');
	if (property.typeOptions) parts.push(`typeOptions ${json(property.typeOptions)}`);
	if (property.displayOptions?.show) parts.push(`show ${conditions(property.displayOptions.show)}`);
	if (property.displayOptions?.hide) parts.push(`hide ${conditions(property.displayOptions.hide)}`);
	const choices = (property.options ?? []) as Choice[];
	const values = choices.filter(
		(choice): choice is INodePropertyOptions => !isProperty(choice) && !isCollection(choice),
	);
	if (values.length > 0)
		parts.push(
			`options ${values.map((option) => `${String(option.value)} (${option.name})`).join(', ')}`,
		);
	if (property.modes) parts.push(`modes ${property.modes.map((mode) => mode.name).join(', ')}`);
	const lines = [`${'  '.repeat(depth)}${parts.join(' | ')}`, ...helpLines(property, depth + 2)];
	for (const option of values) {
		const help = [
			option.description !== undefined ? `description ${json(option.description)}` : '',
			option.action !== undefined ? `action ${json(option.action)}` : '',
		].filter(Boolean);
		if (help.length > 0)
			lines.push(`${'  '.repeat(depth + 2)}option ${String(option.value)}: ${help.join(' | ')}`);
	}
	for (const choice of choices) {
		if (isProperty(choice)) lines.push(...propertyLines(choice, path, depth + 1));
		else if (isCollection(choice)) {
			const group = `${path}.${choice.name}`;
			lines.push(`${'  '.repeat(depth + 1)}${group} | ${json(choice.displayName)} | group`);
			for (const value of choice.values) lines.push(...propertyLines(value, group, depth + 2));
		}
	}
	return lines;
}

export function propertiesText(properties: INodeProperties[]): string[] {
	return properties.flatMap((property) => propertyLines(property, '', 0));
}

/** The paths of the top-level fields an AI agent's tool variant shows, or hides, by '@tool'. */
function toolLines(description: INodeTypeDescription): string[] {
	const shown = description.properties.filter((p) => p.displayOptions?.show?.['@tool']);
	const hidden = description.properties.filter((p) => p.displayOptions?.hide?.['@tool']);
	return [
		`tool variant: ${description.name}Tool (usableAsTool)`,
		`  tool-only fields: ${shown.map((p) => p.name).join(', ') || '(none)'}`,
		`  hidden in the tool: ${hidden.map((p) => p.name).join(', ') || '(none)'}`,
	];
}

export function nodeText(description: INodeTypeDescription): string {
	const header = [
		`node ${description.name} | ${json(description.displayName)} | version ${json(description.version)}`,
		`group ${json(description.group)} | inputs ${json(description.inputs)} | outputs ${json(description.outputs)}`,
		`credentials ${json(description.credentials ?? [])}`,
		`subtitle ${json(description.subtitle)}`,
		`description ${json(description.description)}`,
	];
	if (description.webhooks) header.push(`webhooks ${json(description.webhooks)}`);
	if (description.polling) header.push('polling');
	if (description.usableAsTool) header.push(...toolLines(description));
	return [...header, '', 'fields:', ...propertiesText(description.properties), ''].join('\n');
}

export function credentialText(credential: ICredentialType): string {
	const lines = [`credential ${credential.name} | ${json(credential.displayName)}`];
	if (credential.documentationUrl) lines.push(`documentation ${json(credential.documentationUrl)}`);
	if (credential.authenticate) lines.push(`authenticate ${json(credential.authenticate)}`);
	if (credential.test) lines.push(`test ${json(credential.test)}`);
	return [...lines, '', 'fields:', ...propertiesText(credential.properties), ''].join('\n');
}
