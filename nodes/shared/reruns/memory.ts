import type { SentItem } from '../types/reruns';
import type { ChainRecord, ItemRange } from './record';

/**
 * What this n8n process remembers of the items its node runs sent, so that a
 * re-run here (Retry On Fail, a Retry of the execution) outputs them without a
 * request. Bounded in bytes and in time, whatever the size of the posts: an
 * answer is kept only while small (a large one keeps its ID and is read back),
 * and the oldest runs are forgotten first.
 */

/** Answers larger than this keep only their ID (a re-run reads the post back). */
export const ANSWER_BYTES = 16 * 1024;
/** All runs together, per n8n process. */
export const MEMORY_BYTES = 32 * 1024 * 1024;
/** A run not touched for this long is forgotten (a Retry after that reads posts back). */
export const MEMORY_TTL_MS = 6 * 60 * 60_000;
/** Failed executions kept per input (the same rows failing again and again). */
const CHAINS_PER_INPUT = 20;
/** Failed runs whose chain is kept for a Retry without custom data (a few KB each). */
const CHAINS = 200;
/** Run start times kept (about 100 bytes each). */
const STARTS = 50_000;
/** Map entry, key and bookkeeping, roughly, in bytes. */
const ENTRY_OVERHEAD = 160;

interface Scope {
	items: Map<string, SentItem>;
	bytes: number;
	touchedAt: number;
}

/** Bytes in the heap, at most: V8 keeps a string in two bytes a character when it must. */
function sizeOf(value: unknown): number {
	try {
		return 2 * (JSON.stringify(value)?.length ?? 0);
	} catch {
		return Infinity;
	}
}

export class RunMemory {
	private readonly scopes = new Map<string, Scope>();

	private total = 0;

	private readonly starts = new Map<string, number>();

	private readonly sentRuns = new Map<string, { ranges: ItemRange[]; at: number }>();

	private readonly chains = new Map<string, { chains: ChainRecord[]; at: number }>();

	constructor(
		private readonly budget = MEMORY_BYTES,
		private readonly ttlMs = MEMORY_TTL_MS,
		private readonly now: () => number = Date.now,
	) {}

	get bytes(): number {
		return this.total;
	}

	get(scope: string, key: string): SentItem | undefined {
		const found = this.scopes.get(scope);
		if (!found || this.now() - found.touchedAt > this.ttlMs) return undefined;
		return found.items.get(key);
	}

	set(scope: string, key: string, sent: SentItem): void {
		let found = this.scopes.get(scope);
		if (!found) {
			found = { items: new Map(), bytes: 0, touchedAt: this.now() };
			this.scopes.set(scope, found);
		}
		// Refreshed as the most recently used scope: the oldest are forgotten first.
		this.scopes.delete(scope);
		this.scopes.set(scope, found);
		found.touchedAt = this.now();
		const kept: SentItem =
			sent.result !== undefined && sizeOf(sent.result) <= ANSWER_BYTES
				? sent
				: { resourceId: sent.resourceId };
		const bytes =
			ENTRY_OVERHEAD + key.length + (kept.resourceId?.length ?? 0) + sizeOf(kept.result ?? null);
		const previous = found.items.get(key);
		if (previous) {
			const before =
				ENTRY_OVERHEAD +
				key.length +
				(previous.resourceId?.length ?? 0) +
				sizeOf(previous.result ?? null);
			found.bytes -= before;
			this.total -= before;
		}
		found.items.set(key, kept);
		found.bytes += bytes;
		this.total += bytes;
		this.evict(scope);
	}

	/** Forgets expired runs, then the least recently used, until within budget. */
	private evict(keep: string): void {
		const now = this.now();
		for (const [name, scope] of this.scopes) {
			if (name === keep) continue;
			if (this.total <= this.budget && now - scope.touchedAt <= this.ttlMs) continue;
			this.scopes.delete(name);
			this.total -= scope.bytes;
		}
		// One run larger than the budget keeps its IDs only, its answers dropped oldest first.
		const current = this.scopes.get(keep);
		if (!current || this.total <= this.budget) return;
		for (const [key, item] of current.items) {
			if (this.total <= this.budget) return;
			if (item.result === undefined) continue;
			const saved = sizeOf(item.result);
			current.items.set(key, { resourceId: item.resourceId });
			current.bytes -= saved;
			this.total -= saved;
		}
		// Still over: its oldest items are forgotten (the execution's record still has them).
		for (const [key, item] of current.items) {
			if (this.total <= this.budget) return;
			const bytes = ENTRY_OVERHEAD + key.length + (item.resourceId?.length ?? 0);
			current.items.delete(key);
			current.bytes -= bytes;
			this.total -= bytes;
		}
	}

	/** The exact items a failed run sent (the custom-data record may hold them only in outline). */
	rememberSent(scope: string, runIndex: number, ranges: ItemRange[]): void {
		const key = `${scope}|${runIndex}`;
		this.sentRuns.delete(key);
		this.sentRuns.set(key, { ranges, at: this.now() });
		if (this.sentRuns.size > STARTS) this.sentRuns.delete(this.sentRuns.keys().next().value!);
	}

	sentOf(scope: string, runIndex: number): ItemRange[] | undefined {
		const entry = this.sentRuns.get(`${scope}|${runIndex}`);
		return entry && this.now() - entry.at <= this.ttlMs ? entry.ranges : undefined;
	}

	/** When the first attempt of a run began (set now, the first time it is asked). */
	runStart(scope: string, runIndex: number): number {
		const key = `${scope}|${runIndex}`;
		const known = this.starts.get(key);
		if (known !== undefined && this.now() - known <= this.ttlMs) return known;
		this.starts.set(key, this.now());
		if (this.starts.size > STARTS) this.starts.delete(this.starts.keys().next().value!);
		return this.now();
	}

	/** A failed run's chain, found again by a Retry that n8n gave no room to carry it (see ledger.ts). */
	rememberChain(fingerprint: string, chain: ChainRecord): void {
		const known = (this.chains.get(fingerprint)?.chains ?? []).filter(
			(earlier) => earlier.root !== chain.root,
		);
		this.chains.delete(fingerprint);
		this.chains.set(fingerprint, {
			chains: [...known, chain].slice(-CHAINS_PER_INPUT),
			at: this.now(),
		});
		for (const [name, entry] of this.chains) {
			if (this.chains.size <= CHAINS && this.now() - entry.at <= this.ttlMs) continue;
			this.chains.delete(name);
		}
	}

	/**
	 * The chain of the failed run a Retry re-runs. Several failed executions may share the
	 * input: the one whose run began first after `failedRunStart` (the end of the Retry's
	 * carried run data) is it; without that time, none is claimed.
	 */
	chainOf(fingerprint: string, failedRunStart: number | undefined): ChainRecord | undefined {
		const entry = this.chains.get(fingerprint);
		if (!entry || this.now() - entry.at > this.ttlMs) return undefined;
		if (entry.chains.length === 1) return entry.chains[0];
		if (failedRunStart === undefined) return undefined;
		const after = entry.chains
			.filter((chain) => chain.startedAt >= failedRunStart)
			.sort((a, b) => a.startedAt - b.startedAt);
		return after[0];
	}
}

/** One per n8n process (module state): every run of every node shares the budget. */
export const runMemory = new RunMemory();
