/**
 * One home per operation: every operation a node offers is the file
 * nodes/<Service>/actions/<resource>/<op>.operation.ts, exporting the description and execute
 * its resource (actions/<resource>/<Resource>.resource.ts) hands to the router, and nothing else
 * there is an operation.
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { Schedulala } from '../../nodes/Schedulala/Schedulala.node';
import { SocialSyncer } from '../../nodes/SocialSyncer/SocialSyncer.node';
import type { ResourceDefinition } from '../../nodes/shared/operations/resource';
import { trackedFiles } from '../support/gitFiles';

const NODES: Array<[string, INodeType]> = [
	['SocialSyncer', new SocialSyncer()],
	['Schedulala', new Schedulala()],
];

/** [resource, operation] of every entry of the node's Resource and Operation selectors. */
function offered(properties: INodeProperties[]): Array<[string, string]> {
	const resources = properties.find((property) => property.name === 'resource')
		?.options as INodePropertyOptions[];
	return resources.flatMap((resource) => {
		const selector = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		);
		const operations = (selector?.options ?? []) as INodePropertyOptions[];
		return operations.map((operation): [string, string] => [
			String(resource.value),
			String(operation.value),
		]);
	});
}

const capitalized = (name: string) => name[0].toUpperCase() + name.slice(1);

describe.each(NODES)('%s', (folder, node) => {
	const operations = offered(node.description.properties);
	const files = trackedFiles().filter((file) => file.startsWith(`nodes/${folder}/actions/`));

	it('offers operations on every resource', () => {
		expect(operations.length).toBeGreaterThan(5);
	});

	it.each(operations)('%s → %s has its own file, wired into its resource', async (resource, op) => {
		const path = `nodes/${folder}/actions/${resource}/${op}.operation.ts`;
		expect(files).toContain(path);
		const operation = (await import(`../../${path}`)) as Record<string, unknown>;
		expect(Array.isArray(operation.description)).toBe(true);
		expect(typeof operation.execute).toBe('function');

		const resourceFile = `nodes/${folder}/actions/${resource}/${capitalized(resource)}.resource.ts`;
		expect(files).toContain(resourceFile);
		const definitions = Object.values(
			(await import(`../../${resourceFile}`)) as Record<string, ResourceDefinition>,
		);
		const definition = definitions.find((candidate) => candidate.option?.value === resource);
		expect(definition?.operations[op]?.execute).toBe(operation.execute);
		expect(definition?.operations[op]?.description).toBe(operation.description);
	});

	it('has no operation file the node does not offer', () => {
		const homes = operations.map(
			([resource, op]) => `nodes/${folder}/actions/${resource}/${op}.operation.ts`,
		);
		const operationFiles = files.filter((file) => file.endsWith('.operation.ts'));
		expect(operationFiles.filter((file) => !homes.includes(file))).toEqual([]);
	});
});
