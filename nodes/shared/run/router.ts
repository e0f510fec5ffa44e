import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorFields, invalidParameter, withContext } from '../errors/errors';
import { SendLedger } from '../reruns/ledger';
import { describeRanges, toRanges } from '../reruns/record';
import { toolErrorJson } from '../errors/toolError';
import { runsAsTool } from '../input/toolInput';
import { toolOutput } from '../output/toolOutput';
import { readConcurrency, readRateLimit, readRequestSettings } from '../transport/settings';
import { send } from '../transport/send';
import { RequestSession } from '../transport/session';
import type { RateLimit } from '../transport/limiter';
import { startBulkRun } from './bulkRun';
import type { ApiDialect } from '../types/dialect';
import type { ResourceMap } from '../types/operation';

/**
 * Runs the chosen resource's operation for every input item. Owns pairing,
 * "On Error: Continue" and concurrency: up to Concurrency items run at once (a
 * fixed pool of workers, so 10,000 items never mean 10,000 pending requests),
 * their first requests start in input order, and the output keeps input order.
 * Without On Error: Continue the first failure stops new items; items already in
 * flight finish, and the error says which items were sent.
 */
export async function route(
	this: IExecuteFunctions,
	dialect: ApiDialect,
	resources: ResourceMap,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = new Array(items.length);
	// A run-wide setting that cannot work fails every item, each with its own error under Continue.
	let rateLimit: RateLimit | undefined;
	let rateLimitInvalid = false;
	try {
		rateLimit = readRateLimit(this, dialect.documentedRateLimit);
	} catch {
		rateLimitInvalid = true;
	}
	const session = new RequestSession(this, dialect, new SendLedger(this), rateLimit);
	// As an AI agent's tool (type …Tool) errors are returned, never thrown: see toolError.ts.
	const asTool = runsAsTool(this);
	const continueOnFail = asTool || this.continueOnFail();
	// Without it, a failure stops the run: items held back by an outage are not let through.
	session.outage.haltOnFailure = !continueOnFail;
	let nextItem = 0;
	let failure: { itemIndex: number; error: ReturnType<typeof asNodeError> } | undefined;
	// Bulk: consecutive items share requests (a service's bulk create, core/batcher.ts).
	const bulk = startBulkRun(this, resources, session, dialect);

	const runItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			if (rateLimitInvalid) readRateLimit(this, dialect.documentedRateLimit, itemIndex);
			const resource = this.getNodeParameter('resource', itemIndex, 'post') as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = resources[resource]?.[operationName];
			if (operation === undefined) {
				throw invalidParameter(
					this.getNode(),
					itemIndex,
					`Unknown operation "${operationName}" for "${resource}"`,
					`Choose one of: ${Object.keys(resources[resource] ?? {}).join(', ') || Object.keys(resources).join(', ')}.`,
					'operation',
				);
			}
			const settings = readRequestSettings(this, itemIndex);
			const batcher =
				bulk !== undefined &&
				operation === bulk.operation &&
				operation.bulkSize?.call(this, itemIndex) !== undefined
					? bulk.batcher
					: undefined;
			// An item that goes on its own must not hold up the batch it would have been in.
			if (batcher === undefined) bulk?.batcher.withdraw(itemIndex);
			const json = await operation.execute.call(this, {
				itemIndex,
				dialect,
				rootExecutionId: session.ledger.rootExecutionId,
				runIndex: session.ledger.runIndex,
				settings,
				sentBefore: () => {
					const earlier = session.ledger.find(itemIndex);
					return earlier !== undefined && !earlier.unknown;
				},
				call: async (spec) => await send(session, spec, settings, itemIndex),
				joinBatch: batcher && (async (entry) => await batcher.submit(itemIndex, entry)),
			});
			return (Array.isArray(json) ? json : [json]).map((entry) => ({
				json: asTool && operation.toolOutputAsIs !== true ? toolOutput(entry) : entry,
				pairedItem: { item: itemIndex },
			}));
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, itemIndex);
			if (asTool) return [{ json: toolErrorJson(nodeError), pairedItem: { item: itemIndex } }];
			if (!continueOnFail) throw nodeError;
			// json holds only `error`, so n8n routes the item to the error output when
			// one is enabled. item.error stays unset: n8n would flatten json to the message.
			return [{ json: { error: errorFields(nodeError) }, pairedItem: { item: itemIndex } }];
		} finally {
			// An item that sent nothing must not hold up the items after it.
			session.order.release(itemIndex);
			bulk?.batcher.withdraw(itemIndex);
		}
	};

	const worker = async () => {
		while (failure === undefined && nextItem < items.length) {
			const itemIndex = nextItem++;
			try {
				outputs[itemIndex] = await runItem(itemIndex);
				session.outage.done(itemIndex);
			} catch (error) {
				failure ??= { itemIndex, error: asNodeError(this.getNode(), error, itemIndex) };
				// Entries waiting for their batch, or for their turn at an API that looks down, are not sent.
				bulk?.batcher.stop(failure.error);
				session.outage.halt();
			}
		}
	};

	try {
		// In bulk, a batch fills only if its items are in flight together: Concurrency batches.
		const workers = Math.min(readConcurrency(this) * (bulk?.size ?? 1), items.length);
		await Promise.all(Array.from({ length: workers }, worker));
	} finally {
		// What was sent is kept in the execution, for a Retry of it in any n8n process.
		session.ledger.flush(failure !== undefined);
	}
	// What the record could not keep: a hint on success; on failure n8n shows no hints, so the error says it.
	const notices = session.ledger.notices;
	if (failure !== undefined) {
		const done = outputs.flatMap((output, index) => (output ? [index] : []));
		const stopped =
			done.length === 0
				? ''
				: `The node stopped at item ${failure.itemIndex + 1}; items ${describeRanges(toRanges(done))} had been done by then. n8n discards their output, but Retry On Fail or a Retry of this execution outputs them again without sending them twice.`;
		const sentence = [stopped, ...notices].filter((text) => text !== '').join(' ');
		if (sentence === '') throw failure.error;
		throw withContext(failure.error, sentence, {});
	}
	if (notices.length > 0)
		this.addExecutionHints(
			...notices.map((message) => ({ message, location: 'outputPane' as const })),
		);
	return [outputs.flat()];
}
