/**
 * The re-run record kept in one custom-data value of n8n's execution, for a
 * Retry of that execution in any n8n process (pure: read and written here).
 *
 * n8n keeps at most 10 custom-data keys of up to 255 characters per execution,
 * shared with the user's own Execution Data. The record takes one key, and only
 * when a posting node fails: a Retry of an execution re-runs the node that
 * failed, so that one run is all a Retry can ask about. It holds:
 * - the retry chain: its first execution (derived idempotency keys are built on
 *   it) and when it started;
 * - the failed run: which node, which run index (loops), when it failed, and
 *   which items were sent (may have acted), as run lengths over the item indexes.
 *
 * Items the record does not mark as sent were not sent. When the run lengths do
 * not fit, the shortest gaps between sent items are filled (those items then
 * read as "may have been sent"): the loss of precision stays inside the gaps,
 * which `coarsened` names so that the node can say so in an execution hint.
 */

export const RECORD_KEY = 'socialPosting';
/** n8n's documented limit (it logs an error above it and cuts values at 512). */
export const VALUE_LIMIT = 255;
const VERSION = 's2';

export interface FailedRun {
	/** A short hash of the node's id. */
	node: string;
	runIndex: number;
	/** When the run ended (epoch ms, second precision). */
	endedAt: number;
	/** Sorted item indexes that were sent (or, where coarsened, may have been). */
	sent: number[];
}

export interface ChainRecord {
	/** The first execution of the retry chain. */
	root: string;
	/** When the recorded run's first attempt started (epoch ms). */
	startedAt: number;
	run?: FailedRun;
}

/** Item ranges, first to last, both included. */
export type ItemRange = [number, number];

const b36 = (value: number) => Math.max(0, Math.floor(value)).toString(36);
const fromB36 = (text: string) => (/^[0-9a-z]+$/.test(text) ? parseInt(text, 36) : NaN);

/** Sorted distinct indexes → ranges of consecutive ones. */
export function toRanges(sorted: number[]): ItemRange[] {
	const ranges: ItemRange[] = [];
	for (const index of sorted) {
		const last = ranges[ranges.length - 1];
		if (last && index === last[1] + 1) last[1] = index;
		else if (!last || index > last[1]) ranges.push([index, index]);
	}
	return ranges;
}

/** Alternating lengths from item 0: not sent, sent, not sent, sent … */
function encodeSpans(ranges: ItemRange[]): string {
	const lengths: number[] = [];
	let next = 0;
	for (const [from, to] of ranges) {
		lengths.push(from - next, to - from + 1);
		next = to + 1;
	}
	return lengths.map(b36).join('.');
}

function decodeSpans(text: string): number[] | undefined {
	if (text === '') return [];
	const lengths = text.split('.').map(fromB36);
	if (lengths.some((length) => !Number.isFinite(length))) return undefined;
	const sent: number[] = [];
	let next = 0;
	for (let position = 0; position < lengths.length; position += 2) {
		next += lengths[position];
		const count = lengths[position + 1] ?? 0;
		// No node run has this many items: a damaged record, read as no record at all.
		if (next + count > 10_000_000) return undefined;
		for (let item = next; item < next + count; item++) sent.push(item);
		next += count;
	}
	return sent;
}

function format(record: ChainRecord, ranges: ItemRange[]): string {
	// In milliseconds: a post created in the same second, before the run began, is another run's.
	const head = [VERSION, encodeURIComponent(record.root), b36(record.startedAt)];
	const run = record.run;
	if (!run) return head.join('|');
	// Rounded up: a post created in the run's last second is still inside it.
	return [
		...head,
		run.node,
		b36(run.runIndex),
		b36(Math.ceil(run.endedAt / 1000)),
		encodeSpans(ranges),
	].join('|');
}

/**
 * The record as one custom-data value of at most VALUE_LIMIT characters, and the
 * item ranges that had to be merged to fit (items inside them were not all sent).
 */
export function formatRecord(record: ChainRecord): { value: string; coarsened: ItemRange[] } {
	const ranges = toRanges([...new Set(record.run?.sent ?? [])].sort((a, b) => a - b));
	const exact = format(record, ranges);
	if (exact.length <= VALUE_LIMIT) return { value: exact, coarsened: [] };
	// Fill the shortest gaps first: the fewest unsent items start to read as "may have been sent".
	const gapsBySize = ranges
		.slice(1)
		.map((range, position) => ({ position, size: range[0] - ranges[position][1] - 1 }))
		.sort((a, b) => a.size - b.size || a.position - b.position);
	const merged = (filled: number) => {
		const fill = new Set(gapsBySize.slice(0, filled).map((gap) => gap.position));
		const kept: ItemRange[] = [];
		const gaps: ItemRange[] = [];
		ranges.forEach((range, position) => {
			const last = kept[kept.length - 1];
			if (position > 0 && fill.has(position - 1)) {
				gaps.push([last[1] + 1, range[0] - 1]);
				last[1] = range[1];
			} else kept.push([range[0], range[1]]);
		});
		return { value: format(record, kept), coarsened: gaps };
	};
	// The fewest gaps filled that make it fit (one range always fits).
	let low = 1;
	let high = gapsBySize.length;
	while (low < high) {
		const middle = Math.floor((low + high) / 2);
		if (merged(middle).value.length <= VALUE_LIMIT) high = middle;
		else low = middle + 1;
	}
	return merged(high);
}

/** Reads a value written by formatRecord; anything else (another version, damage) is no record. */
export function parseRecord(value: unknown): ChainRecord | undefined {
	if (typeof value !== 'string') return undefined;
	const parts = value.split('|');
	if (parts[0] !== VERSION || (parts.length !== 3 && parts.length !== 7)) return undefined;
	let root: string;
	try {
		root = decodeURIComponent(parts[1]);
	} catch {
		return undefined;
	}
	const startedAt = fromB36(parts[2]);
	if (root === '' || !Number.isFinite(startedAt)) return undefined;
	if (parts.length === 3) return { root, startedAt };
	const [node, runText, endedText, spans] = parts.slice(3);
	const runIndex = fromB36(runText);
	const endedAt = fromB36(endedText) * 1000;
	const sent = decodeSpans(spans);
	if (!/^[0-9a-f]{1,16}$/.test(node) || !Number.isFinite(runIndex) || !Number.isFinite(endedAt))
		return { root, startedAt };
	if (!sent) return { root, startedAt };
	return { root, startedAt, run: { node, runIndex, endedAt, sent } };
}

/** "1-3, 5" for item indexes 0-2 and 4: how n8n users count items. */
export function describeRanges(ranges: ItemRange[]): string {
	return ranges
		.map(([from, to]) => (from === to ? `${from + 1}` : `${from + 1}-${to + 1}`))
		.join(', ');
}
