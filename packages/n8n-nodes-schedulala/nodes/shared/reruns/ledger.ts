import { createHash, randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, IWorkflowExecutionCustomData } from 'n8n-workflow';

/**
 * What earlier runs of a node already sent, so that a re-run acts once per item.
 *
 * n8n runs a node again in two ways: Retry On Fail (same execution, same
 * process) and Retry of a failed execution (a new execution that inherits the
 * failed one's custom data, in this process or, after a restart or in queue
 * mode, another one). Both re-run the node with all its input items.
 *
 * Two stores, both keyed by the *first* execution of a retry chain:
 * - memory (this process): the full answer of every item, so a re-run outputs
 *   the same post again without a request;
 * - execution custom data (survives into a retried execution anywhere): which
 *   items were sent, and their post IDs while they fit. n8n keeps 10 keys of up
 *   to 255 characters per execution, so the record is compact and may degrade
 *   to "every item was sent", which is always the safe reading.
 */

/** What a re-run knows about an item that an earlier run sent. */
export interface SentItem {
	/** The answer, when this process still has it. */
	result?: IDataObject;
	/** The ID of what it created or acted on, when known. */
	resourceId?: string;
}

const ROOT_KEY = 'socialPostingRun';
const KEY_PREFIX = 'socialPosting_';
/** n8n logs an error for custom data values over 255 characters (and cuts them at 512). */
const VALUE_LIMIT = 255;
const EVERYTHING = '*';
/** Answers remembered in memory across all runs (a few MB); the oldest runs are forgotten first. */
const MEMORY_ITEMS = 20_000;
const MAX_RANGE = 1_000_000;

const memory = new Map<string, Map<string, SentItem>>();

function remembered(scope: string): Map<string, SentItem> {
	let items = memory.get(scope);
	if (items === undefined) {
		items = new Map();
		memory.set(scope, items);
	}
	return items;
}

/** Forgets the oldest runs until the memory holds at most MEMORY_ITEMS answers. */
function forgetOldest(keep: Map<string, SentItem>): void {
	let total = 0;
	for (const items of memory.values()) total += items.size;
	for (const [scope, items] of memory) {
		if (total <= MEMORY_ITEMS) return;
		if (items === keep) continue;
		total -= items.size;
		memory.delete(scope);
	}
}

function shortHash(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 12);
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

/** `0.3-7,0.9=post_1` → item keys ("run.item") and the IDs known for some of them. */
export function parseRecord(value: string): {
	all: boolean;
	sent: Map<string, string | undefined>;
} {
	const sent = new Map<string, string | undefined>();
	if (value === EVERYTHING) return { all: true, sent };
	for (const token of value.split(',')) {
		const match = /^(\d+)\.(\d+)(?:-(\d+)|=(.*))?$/.exec(token);
		if (!match) continue;
		const [, run, from, to, id] = match;
		if (id !== undefined) {
			sent.set(`${run}.${from}`, decodeURIComponent(id));
			continue;
		}
		const last = Number(to ?? from);
		// A range no node run could have: read it as the safe "everything was sent".
		if (last - Number(from) > MAX_RANGE) return { all: true, sent };
		for (let item = Number(from); item <= last; item++) sent.set(`${run}.${item}`, undefined);
	}
	return { all: false, sent };
}

/** Ranges of every sent item first (they must all fit), then IDs while they fit. */
export function formatRecord(sent: Map<string, string | undefined>): string {
	const byRun = new Map<number, number[]>();
	for (const key of sent.keys()) {
		const [run, item] = key.split('.').map(Number);
		byRun.set(run, [...(byRun.get(run) ?? []), item]);
	}
	const ranges: string[] = [];
	for (const [run, items] of [...byRun.entries()].sort((a, b) => a[0] - b[0])) {
		const sorted = [...new Set(items)].sort((a, b) => a - b);
		for (let start = 0; start < sorted.length; ) {
			let end = start;
			while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
			ranges.push(
				end === start ? `${run}.${sorted[start]}` : `${run}.${sorted[start]}-${sorted[end]}`,
			);
			start = end + 1;
		}
	}
	let value = ranges.join(',');
	if (value.length > VALUE_LIMIT) return EVERYTHING;
	for (const [key, id] of sent) {
		if (id === undefined) continue;
		const token = `,${key}=${encodeURIComponent(id)}`;
		if (value.length + token.length > VALUE_LIMIT) break;
		value += token;
	}
	return value.startsWith(',') ? value.slice(1) : value;
}

/** What the transport asks of a ledger; a lookup (list search) has none to keep. */
export interface RerunLedger {
	readonly rootExecutionId: string;
	readonly runIndex: number;
	find(itemIndex: number): SentItem | undefined;
	note(itemIndex: number, sent: SentItem): void;
	flush(): void;
}

/** For requests outside an execution (the editor's list search): nothing is re-run there. */
export const NO_RERUNS: RerunLedger = {
	rootExecutionId: '',
	runIndex: 0,
	find: () => undefined,
	note: () => undefined,
	flush: () => undefined,
};

export class SendLedger implements RerunLedger {
	/** The first execution of this retry chain: the same in a retried execution. */
	readonly rootExecutionId: string;

	readonly runIndex: number;

	private readonly customData?: IWorkflowExecutionCustomData;

	private readonly recordKey: string;

	private readonly memory: Map<string, SentItem>;

	/** The custom-data record, read once: items sent by earlier runs, with IDs where known. */
	private readonly sent: Map<string, string | undefined>;

	private readonly everythingSent: boolean;

	private changed = false;

	constructor(context: IExecuteFunctions) {
		this.customData = customDataOf(context);
		const inherited = this.customData?.get(ROOT_KEY);
		// Without an execution id, a constant would repeat across runs and suppress real posts.
		this.rootExecutionId = inherited || context.getExecutionId() || randomUUID();
		if (!inherited) this.write(ROOT_KEY, this.rootExecutionId);
		this.runIndex = runIndexOf(context);
		const node = context.getNode();
		const nodeKey = shortHash(node.id ?? node.name);
		this.recordKey = `${KEY_PREFIX}${nodeKey}`;
		this.memory = remembered(
			[
				context.getInstanceId?.() ?? '',
				context.getWorkflow().id ?? '',
				this.rootExecutionId,
				nodeKey,
			].join('|'),
		);
		const value = this.customData?.get(this.recordKey);
		const record = typeof value === 'string' ? parseRecord(value) : undefined;
		this.sent = record?.sent ?? new Map();
		this.everythingSent = record?.all ?? false;
	}

	private itemKey(itemIndex: number): string {
		return `${this.runIndex}.${itemIndex}`;
	}

	private write(key: string, value: string): void {
		try {
			this.customData?.set(key, value);
		} catch {
			// Custom data is the second line of defence; the memory record still holds.
		}
	}

	/** What an earlier run sent for this item, or undefined when it sent nothing. */
	find(itemIndex: number): SentItem | undefined {
		const key = this.itemKey(itemIndex);
		const known = this.memory.get(key);
		if (known !== undefined) return known;
		if (this.sent.has(key)) return { resourceId: this.sent.get(key) };
		return this.everythingSent ? {} : undefined;
	}

	/** Notes that this item's request was sent and may have acted. */
	note(itemIndex: number, sent: SentItem): void {
		const key = this.itemKey(itemIndex);
		// One run larger than the memory keeps only what custom data holds (IDs, read back).
		if (this.memory.size < MEMORY_ITEMS) this.memory.set(key, sent);
		this.sent.set(key, sent.resourceId);
		this.changed = true;
	}

	/** Writes the record into the execution's custom data; called once when the node run ends. */
	flush(): void {
		forgetOldest(this.memory);
		if (!this.changed || this.everythingSent) return;
		this.write(this.recordKey, formatRecord(this.sent));
		this.changed = false;
	}
}
