import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readRequestSettings } from '../transport/settings';
import { type RequestSession, send } from '../transport/transport';
import { Batcher } from './batcher';
import type { ApiDialect, BulkEntry, Operation, ResourceMap } from './types';

/** A run whose items go in bulk: the operation that batches them, and its batcher. */
export interface BulkRun {
	size: number;
	operation: Operation;
	batcher: Batcher<BulkEntry, IDataObject>;
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
	const size = operation?.bulkSize?.call(context, 0);
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
