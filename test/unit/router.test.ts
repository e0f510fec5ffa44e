/**
 * The router (nodes/shared/run/router.ts) on its own: a fake node context and a fake
 * operation with scripted outcomes, no API and no simulator.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { operationError } from '../../nodes/shared/errors/errors';
import { route } from '../../nodes/shared/run/router';
import type { Operation, OperationContext } from '../../nodes/shared/types/operation';
import { socialSyncerDialect } from '../../nodes/SocialSyncer/dialect';

const NODE: INode = {
	id: 'router-test',
	name: 'Post',
	type: 'n8n-nodes-social-posting.socialSyncer',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

interface Run {
	items: number;
	concurrency?: number;
	continueOnFail?: boolean;
	operation?: string;
}

/** A node run over `items` input items, with Request Options → Concurrency. */
function fakeContext(run: Run): IExecuteFunctions {
	const parameters: IDataObject = {
		resource: 'post',
		operation: run.operation ?? 'scripted',
		requestOptions: run.concurrency === undefined ? {} : { concurrency: run.concurrency },
	};
	const context = {
		getInputData: () => Array.from({ length: run.items }, (_, index) => ({ json: { row: index } })),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			parameters[name] ?? fallback,
		continueOnFail: () => run.continueOnFail === true,
		getNode: () => NODE,
		getExecutionId: () => 'execution-1',
		getInstanceId: () => 'instance-1',
		getWorkflow: () => ({ id: 'workflow-1' }),
		getWorkflowDataProxy: () => ({ $runIndex: 0 }),
		addExecutionHints: () => undefined,
	};
	return context as unknown as IExecuteFunctions;
}

/** What each item's operation does: wait this long, then answer or fail. */
interface Script {
	waitMs?: number;
	fail?: string;
	many?: number;
}

/** An operation that follows the script per item and notes when each item started and ended. */
function scriptedOperation(script: Record<number, Script>, log: string[]): Operation {
	return {
		description: [],
		async execute(this: IExecuteFunctions, ctx: OperationContext) {
			const { itemIndex } = ctx;
			const step = script[itemIndex] ?? {};
			log.push(`start ${itemIndex}`);
			await sleep(step.waitMs ?? 0);
			log.push(`end ${itemIndex}`);
			if (step.fail !== undefined)
				throw operationError(this.getNode(), itemIndex, 'BAD_ROW', step.fail, 'Fix the row.');
			if (step.many !== undefined)
				return Array.from({ length: step.many }, (_, n) => ({ item: itemIndex, n }));
			return { item: itemIndex };
		},
	};
}

async function runRouter(
	run: Run,
	script: Record<number, Script> = {},
): Promise<{ output: INodeExecutionData[]; log: string[] }> {
	const log: string[] = [];
	const resources = { post: { scripted: scriptedOperation(script, log) } };
	const [output] = await route.call(fakeContext(run), socialSyncerDialect, resources);
	return { output, log };
}

/** How many items ran at once at the most, from the start/end log. */
function mostAtOnce(log: string[]): number {
	let running = 0;
	let most = 0;
	for (const entry of log) {
		running += entry.startsWith('start') ? 1 : -1;
		most = Math.max(most, running);
	}
	return most;
}

describe('the router runs every item', () => {
	it('outputs one item per input item, paired to it, in input order', async () => {
		const { output } = await runRouter({ items: 3 });
		expect(output).toEqual([0, 1, 2].map((item) => ({ json: { item }, pairedItem: { item } })));
	});

	it('pairs every item of a many-item answer (Get Many) to its input item', async () => {
		const { output } = await runRouter({ items: 2 }, { 0: { many: 2 }, 1: { many: 1 } });
		expect(output.map((entry) => [entry.json.n, entry.pairedItem])).toEqual([
			[0, { item: 0 }],
			[1, { item: 0 }],
			[0, { item: 1 }],
		]);
	});

	it('keeps input order when later items finish first', async () => {
		const { output, log } = await runRouter(
			{ items: 3, concurrency: 3 },
			{ 0: { waitMs: 60 }, 1: { waitMs: 30 } },
		);
		expect(log.filter((entry) => entry.startsWith('end'))).toEqual(['end 2', 'end 1', 'end 0']);
		expect(output.map((entry) => entry.json.item)).toEqual([0, 1, 2]);
	});

	it('runs at most Concurrency items at once, starting them in input order', async () => {
		const script = Object.fromEntries([0, 1, 2, 3, 4, 5].map((item) => [item, { waitMs: 10 }]));
		const { log } = await runRouter({ items: 6, concurrency: 2 }, script);
		expect(mostAtOnce(log)).toBe(2);
		expect(log.filter((entry) => entry.startsWith('start'))).toEqual(
			[0, 1, 2, 3, 4, 5].map((item) => `start ${item}`),
		);
		const { log: single } = await runRouter({ items: 3, concurrency: 1 }, script);
		expect(single).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	});
});

describe('a failing item', () => {
	it('under On Error: Continue becomes an error item paired to it, and later items still run', async () => {
		const { output, log } = await runRouter(
			{ items: 3, concurrency: 1, continueOnFail: true },
			{ 1: { fail: 'Row 2 is bad' } },
		);
		expect(log).toContain('start 2');
		expect(output).toHaveLength(3);
		expect(output[0]).toEqual({ json: { item: 0 }, pairedItem: { item: 0 } });
		expect(output[1]).toEqual({
			json: {
				error: expect.objectContaining({
					message: 'Row 2 is bad',
					description: 'Fix the row.',
					code: 'BAD_ROW',
				}),
			},
			pairedItem: { item: 1 },
		});
		expect(Object.keys(output[1].json)).toEqual(['error']);
		expect(output[2]).toEqual({ json: { item: 2 }, pairedItem: { item: 2 } });
	});

	it('without it stops new items: the error says which item and which items were done', async () => {
		const log: string[] = [];
		const resources = {
			post: { scripted: scriptedOperation({ 1: { fail: 'Row 2 is bad' } }, log) },
		};
		const context = fakeContext({ items: 4, concurrency: 1 });
		const error = await route.call(context, socialSyncerDialect, resources).then(
			() => undefined,
			(thrown: unknown) => thrown as { message: string; description?: string },
		);
		expect(error?.message).toBe('Row 2 is bad');
		expect(error?.description).toMatch(/The node stopped at item 2; items 1 had been done by then/);
		expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1']);
	});

	it('without it lets the items already in flight finish, and starts none after', async () => {
		const seen: string[] = [];
		const resources = {
			post: {
				scripted: scriptedOperation({ 0: { fail: 'Row 1 is bad' }, 1: { waitMs: 30 } }, seen),
			},
		};
		await expect(
			route.call(fakeContext({ items: 5, concurrency: 2 }), socialSyncerDialect, resources),
		).rejects.toThrow('Row 1 is bad');
		expect(seen).toEqual(['start 0', 'start 1', 'end 0', 'end 1']);
	});

	it('names an unknown operation, item by item under Continue', async () => {
		const { output } = await runRouter({ items: 2, continueOnFail: true, operation: 'nope' });
		expect(output.map((entry) => (entry.json.error as IDataObject).code)).toEqual([
			'INVALID_PARAMETER',
			'INVALID_PARAMETER',
		]);
		expect(output.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
