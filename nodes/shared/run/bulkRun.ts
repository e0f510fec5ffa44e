import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readRequestSettings } from '../transport/settings';
import { send } from '../transport/send';
import type { RequestSession } from '../transport/session';
import { Batcher } from './batcher';
import type { ApiDialect } from '../types/dialect';
import type { BulkEntry, Operation, ResourceMap } from '../types/operation';

/** A run whose items go in bulk: the operation that batches them, and its batcher. */
export interface BulkRun {
	size: number;
	operation: Operation;
	batcher: Batcher<BulkEntry, IDataObject>;
}

/**
 * The run's batch size: the first item's, or the first valid one after it when the
 * first item's is out of range. The router refuses each such item in its turn
 * (INVALID_PARAMETER, before any request), so it must see a bulk run even when
 * no item has a valid size: it never goes on its own instead.
 */
function runBulkSize(context: IExecuteFunctions, operation: Operation): number | undefined {
	const items = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < items; itemIndex++) {
		try {
			return operation.bulkSize?.call(context, itemIndex);
		} catch {
			// Refused in its turn.
		}
	}
	return items > 0 ? 1 : undefined;
}

/**
 * Bulk is on when the first item's operation offers it and its options ask for it.
 * Each batch is sent through the session (rate limit, retries, waits) for its first item.
 */
export function startBulkRun(
	context: IExecuteFunctions,
	resources: ResourceMap,
	session: RequestSession,
	dialect: ApiDialect,
): BulkRun | undefined {
	const resource = context.getNodeParameter('resource', 0, 'post') as string;
	const operationName = context.getNodeParameter('operation', 0, '') as string;
	const operation = resources[resource]?.[operationName];
	const sendBatch = operation?.sendBatch;
	const size = operation && runBulkSize(context, operation);
	if (operation === undefined || sendBatch === undefined || size === undefined) return undefined;
	const batcher = new Batcher<BulkEntry, IDataObject>(
		context.getInputData().length,
		size,
		async (batch) => {
			const first = batch[0].itemIndex;
			const settings = readRequestSettings(context, first);
			await sendBatch(
				context,
				async (spec) => await send(session, spec, settings, first),
				dialect,
				batch,
				session.ledger,
			);
		},
	);
	return { size, operation, batcher };
}
