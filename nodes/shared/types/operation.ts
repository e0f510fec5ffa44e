import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiDialect } from './dialect';
import type { ApiCall, RequestSettings } from './request';
import type { RerunLedger } from './reruns';

export interface OperationContext {
	itemIndex: number;
	call: ApiCall;
	dialect: ApiDialect;
	/** The first execution of a retry chain: derived keys built on it survive n8n's Retry. */
	rootExecutionId: string;
	/** Which run of the node this is within the execution (loops run a node many times). */
	runIndex: number;
	/** The item's Automatic Retries and Timeout, for requests outside the API (uploads). */
	settings: RequestSettings;
	/** Whether an earlier run of this node already sent this item's request that acts once. */
	sentBefore(): boolean;
	/**
	 * Sends this item's create body in the run's current batch (Bulk); resolves to its
	 * post, or rejects with this item's own error. Only while the node runs in bulk.
	 */
	joinBatch?: (entry: BulkEntry) => Promise<IDataObject>;
}

/** One item's part of a bulk create: its request body and its own idempotency key. */
export interface BulkEntry {
	body: IDataObject;
	key: string;
}

export interface Operation {
	description: INodeProperties[];
	/** Items per batch when this item goes in bulk (its options say so); else undefined. */
	bulkSize?(this: IExecuteFunctions, itemIndex: number): number | undefined;
	/** Sends one batch of items (see run/batcher.ts); needed with bulkSize. */
	sendBatch?: BatchSender;
	/**
	 * Whether an AI agent's tool call gets the items as they are: their fields are the
	 * answer (a report's rows), not a post or account to compact (output/toolOutput.ts).
	 */
	toolOutputAsIs?: boolean;
	/** One output item, or many (Get Many): each is paired to the input item. */
	execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject | IDataObject[]>;
}

/** Sends a batch of items in one request and settles each item with its post or its error. */
export type BatchSender = (
	context: IExecuteFunctions,
	call: ApiCall,
	dialect: ApiDialect,
	batch: Array<BatchEntry<BulkEntry, IDataObject>>,
	ledger: RerunLedger,
) => Promise<void>;

export type OperationMap = Record<string, Operation>;

/** Operations by resource, then by operation: an Account getAll and a Post getAll do not collide. */
export type ResourceMap = Record<string, OperationMap>;

/** One item's share of a batch: what it sends, and where its outcome goes. */
export interface BatchEntry<E, R> {
	itemIndex: number;
	entry: E;
	resolve(result: R): void;
	reject(error: unknown): void;
}
