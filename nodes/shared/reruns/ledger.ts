import { createHash, randomUUID } from 'crypto';
import type {
	IExecuteFunctions,
	IRunExecutionData,
	IWorkflowExecutionCustomData,
} from 'n8n-workflow';

import { runMemory } from './memory';
import type { RerunLedger, SendWindow, SentItem } from '../types/reruns';
import {
	type ChainRecord,
	describeRanges,
	formatRecord,
	type ItemRange,
	parseRecord,
	RECORD_KEY,
	toRanges,
	VALUE_LIMIT,
} from './record';

/**
 * What earlier runs of a node already sent, so that a re-run acts once per item.
 *
 * n8n runs a node again in two ways: Retry On Fail (same execution, same
 * process) and Retry of a failed execution (a new execution that inherits the
 * failed one's custom data, in this process or, after a restart or in queue
 * mode, another one). Both re-run the node with all its input items.
 *
 * Two stores:
 * - this process's memory (memory.ts): answers and IDs, bounded in bytes and time;
 * - the execution's custom data (record.ts): one key, written when a run of a
 *   posting node fails, naming the items that run sent. A Retry in another
 *   process finds those posts again (read back, re-sent with the same key where
 *   the API deduplicates, or looked up among the account's posts).
 *
 * What neither store describes (another run index, an item not in the record)
 * was not sent, and is sent normally.
 */

/** For requests outside an execution (the editor's list search): nothing is re-run there. */
export const NO_RERUNS: RerunLedger = {
	rootExecutionId: '',
	runIndex: 0,
	find: () => undefined,
	note: () => undefined,
	window: undefined,
	flush: () => undefined,
	notices: [],
};

/** n8n's limit on custom-data keys per execution (n8n-core execution-metadata KV_LIMIT). */
const CUSTOM_DATA_KEYS = 10;

function hash(text: string, length: number): string {
	return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** n8n 2.x offers `this.customData`; 1.x only `$execution.customData` in the data proxy. */
function customDataOf(context: IExecuteFunctions): IWorkflowExecutionCustomData | undefined {
	try {
		const direct = (context as { customData?: IWorkflowExecutionCustomData }).customData;
		if (direct) return direct;
		const proxy = context.getWorkflowDataProxy(0) as {
			$execution?: { customData?: IWorkflowExecutionCustomData };
		};
		return proxy.$execution?.customData;
	} catch {
		return undefined;
	}
}

function runIndexOf(context: IExecuteFunctions): number {
	try {
		const runIndex = (context.getWorkflowDataProxy(0) as { $runIndex?: unknown }).$runIndex;
		return typeof runIndex === 'number' ? runIndex : 0;
	} catch {
		return 0;
	}
}

/**
 * When the failed run began, at the earliest: a Retry carries the failed execution's
 * run data over (all but the failed run), and n8n runs one node at a time, so the
 * failed run started after the last of those tasks ended. Read from the context's run
 * data (public on n8n-core's execution context); undefined where there is none.
 */
function failedRunStartOf(context: IExecuteFunctions): number | undefined {
	const data = (context as { runExecutionData?: IRunExecutionData | null }).runExecutionData;
	const ends = Object.values(data?.resultData?.runData ?? {})
		.flat()
		.map((task) =>
			typeof task?.startTime === 'number' && task.startTime > 0
				? task.startTime + (task.executionTime ?? 0)
				: undefined,
		)
		.filter((time): time is number => time !== undefined);
	return ends.length > 0 ? Math.max(...ends) : undefined;
}

/** Which executions have run a node already in this process (the first run of a Retry is the re-run one). */
const nodeRunsSeen = new Map<string, number>();

function firstRunInExecution(executionId: string, node: string, runIndex: number): boolean {
	const key = `${executionId}|${node}`;
	const first = nodeRunsSeen.get(key);
	if (first === undefined) {
		nodeRunsSeen.set(key, runIndex);
		// Bounded: executions end; the oldest are forgotten.
		if (nodeRunsSeen.size > 10_000) nodeRunsSeen.delete(nodeRunsSeen.keys().next().value!);
		return true;
	}
	return first === runIndex;
}

export class SendLedger implements RerunLedger {
	/** The first execution of this retry chain: the same in a retried execution. */
	readonly rootExecutionId: string;

	readonly runIndex: number;

	readonly notices: string[] = [];

	readonly window: SendWindow;

	private readonly customData?: IWorkflowExecutionCustomData;

	private readonly nodeKey: string;

	private readonly scope: string;

	/** When this run (its first attempt, for a re-run) started. */
	private readonly startedAt: number;

	/** Items this run sent, in this attempt or an earlier one of the chain. */
	private readonly sent = new Set<number>();

	/** Items an earlier attempt recorded as sent. */
	private readonly inherited = new Set<number>();

	/** The chain's record was lost (n8n had no room for it): every item may have been sent. */
	private readonly chainLost: boolean;

	constructor(private readonly context: IExecuteFunctions) {
		this.customData = customDataOf(context);
		const node = context.getNode();
		this.nodeKey = hash(node.id ?? node.name, 8);
		this.runIndex = runIndexOf(context);
		const executionId = context.getExecutionId() || randomUUID();
		const record = parseRecord(this.customData?.get(RECORD_KEY)) ?? this.chainWithoutRoom();
		// Without an execution id, a constant would repeat across runs and suppress real posts.
		this.rootExecutionId = record?.root ?? executionId;
		const run =
			record?.run?.node === this.nodeKey && record.run.runIndex === this.runIndex
				? record.run
				: undefined;
		this.scope = [
			context.getInstanceId?.() ?? '',
			context.getWorkflow().id ?? '',
			this.rootExecutionId,
			this.nodeKey,
		].join('|');
		const attemptStart = Date.now();
		this.startedAt =
			run && record ? record.startedAt : runMemory.runStart(this.scope, this.runIndex);
		// This process may know exactly what the record holds only in outline (coarsened).
		const exact = run ? runMemory.sentOf(this.scope, this.runIndex) : undefined;
		const inherited = exact
			? exact.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, n) => from + n))
			: (run?.sent ?? []);
		for (const item of inherited) {
			this.inherited.add(item);
			this.sent.add(item);
		}
		// Posts this attempt creates come after it started: they never answer for earlier ones.
		this.window = { from: this.startedAt, to: run ? run.endedAt : attemptStart };
		this.chainLost =
			record === undefined &&
			this.isRetry() &&
			this.full() &&
			firstRunInExecution(executionId, this.nodeKey, this.runIndex);
		if (this.chainLost) {
			// Without the failed run's start nothing is matched: the items are sent, as unknown ones are.
			this.window = { from: failedRunStartOf(context) ?? attemptStart, to: attemptStart };
		}
		if (this.full()) {
			this.notices.push(
				`This execution's custom data (Execution Data) already holds n8n's ${CUSTOM_DATA_KEYS} keys (or a "${RECORD_KEY}" key of its own), so the node cannot keep its record of what it sent there. A Retry of a failed execution in this n8n process still knows what was sent; after a restart or on another worker it looks the posts up among the account's posts created since the execution started, and sends what it does not find. Free one custom-data key to keep the exact record.`,
			);
		}
	}

	private isRetry(): boolean {
		try {
			return this.context.getMode() === 'retry';
		} catch {
			return false;
		}
	}

	/**
	 * No room for the record: n8n drops a new key silently once 10 are set, and a
	 * `socialPosting` value that is not a record is the user's own (never overwritten).
	 */
	private full(): boolean {
		try {
			const data = this.customData?.getAll() ?? {};
			if (RECORD_KEY in data) return parseRecord(data[RECORD_KEY]) === undefined;
			return Object.keys(data).length >= CUSTOM_DATA_KEYS;
		} catch {
			return false;
		}
	}

	/** Identifies a run across its Retry without custom data: the workflow, node, run and input. */
	private fingerprint(): string {
		const input = this.context.getInputData().map((item) => item.json);
		return hash(
			[
				this.context.getInstanceId?.() ?? '',
				this.context.getWorkflow().id ?? '',
				this.nodeKey,
				String(this.runIndex),
				JSON.stringify(input),
			].join('\u0000'),
			32,
		);
	}

	/** In a Retry where n8n had no room for the record: this process may still know the chain. */
	private chainWithoutRoom(): ChainRecord | undefined {
		if (!this.isRetry() || !this.full()) return undefined;
		return runMemory.chainOf(this.fingerprint(), failedRunStartOf(this.context));
	}

	private itemKey(itemIndex: number): string {
		return `${this.runIndex}.${itemIndex}`;
	}

	find(itemIndex: number): SentItem | undefined {
		const known = runMemory.get(this.scope, this.itemKey(itemIndex));
		if (known !== undefined) {
			this.sent.add(itemIndex);
			return known;
		}
		if (this.inherited.has(itemIndex)) return {};
		if (this.chainLost) return { unknown: true };
		return undefined;
	}

	/** Notes that this item's request was sent and may have acted. */
	note(itemIndex: number, sent: SentItem): void {
		this.sent.add(itemIndex);
		runMemory.set(this.scope, this.itemKey(itemIndex), sent);
	}

	flush(failed: boolean): void {
		if (!failed) {
			if (this.inherited.size > 0) this.release();
			return;
		}
		if (this.sent.size === 0) return;
		const record: ChainRecord = {
			root: this.rootExecutionId,
			startedAt: this.startedAt,
			run: {
				node: this.nodeKey,
				runIndex: this.runIndex,
				endedAt: Date.now(),
				sent: [...this.sent],
			},
		};
		if (this.full()) {
			runMemory.rememberChain(this.fingerprint(), record);
			return;
		}
		runMemory.rememberSent(
			this.scope,
			this.runIndex,
			toRanges([...this.sent].sort((a, b) => a - b)),
		);
		const { value, coarsened } = formatRecord(record);
		if (value.length > VALUE_LIMIT) return;
		try {
			this.customData?.set(RECORD_KEY, value);
		} catch {
			// Custom data is the second line of defence; the memory record still holds.
		}
		if (coarsened.length > 0) this.noteCoarsened(coarsened);
	}

	/**
	 * The failed run was re-run to the end: a Retry will not ask for it again, so its key
	 * is given back (n8n's API cannot remove a key; its run data can) for the user's own keys.
	 */
	private release(): void {
		const data = (this.context as { runExecutionData?: IRunExecutionData | null }).runExecutionData;
		const metadata = data?.resultData?.metadata;
		if (metadata && RECORD_KEY in metadata) delete metadata[RECORD_KEY];
	}

	private noteCoarsened(ranges: ItemRange[]): void {
		this.notices.push(
			`The record of what this run sent fits n8n's ${VALUE_LIMIT}-character custom-data value only in outline: for items ${describeRanges(ranges)}, which were not sent, a Retry of this execution in another n8n process cannot tell that they were not sent. It looks for their posts first, and an item it cannot find fails with "may already exist" instead of being sent.`,
		);
	}
}
