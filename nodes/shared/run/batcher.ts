import type { BatchEntry } from '../types/operation';

/** Sends one batch; settles every entry (resolve or reject), never throws. */
export type SendBatch<E, R> = (batch: Array<BatchEntry<E, R>>) => Promise<void>;

/**
 * Groups consecutive items of a run into batches of up to `size`, in input order.
 * Every item either joins (`submit`) or leaves (`withdraw`: it failed its checks,
 * or does not go in bulk); a batch goes out once the items before its end have all
 * decided, so an invalid item never holds the others back and never enters a batch.
 * Batches go out in input order; several may be in flight at once.
 */
export class Batcher<E, R> {
	private readonly decided = new Map<number, BatchEntry<E, R> | null>();

	/** The first item not in a batch yet. */
	private next = 0;

	constructor(
		private readonly itemCount: number,
		private readonly size: number,
		private readonly send: SendBatch<E, R>,
	) {}

	private stopped?: Error;

	async submit(itemIndex: number, entry: E): Promise<R> {
		return await new Promise<R>((resolve, reject) => {
			if (this.stopped) return reject(this.stopped);
			this.decided.set(itemIndex, { itemIndex, entry, resolve, reject });
			this.flush();
		});
	}

	/** The run stops (a failure without On Error: Continue): entries not sent yet never are. */
	stop(reason: Error): void {
		this.stopped = reason;
		for (const decided of this.decided.values()) decided?.reject(reason);
		this.decided.clear();
	}

	/** The item sends nothing in bulk (idempotent: a second call changes nothing). */
	withdraw(itemIndex: number): void {
		if (this.decided.has(itemIndex) || itemIndex < this.next) return;
		this.decided.set(itemIndex, null);
		this.flush();
	}

	private flush(): void {
		while (!this.stopped) {
			const batch: Array<BatchEntry<E, R>> = [];
			let end = this.next;
			while (end < this.itemCount && batch.length < this.size && this.decided.has(end)) {
				const decided = this.decided.get(end);
				if (decided) batch.push(decided);
				end += 1;
			}
			const complete = batch.length === this.size || end === this.itemCount;
			if (!complete) return;
			for (let index = this.next; index < end; index++) this.decided.delete(index);
			this.next = end;
			if (batch.length === 0) {
				if (end === this.itemCount) return;
				continue;
			}
			// The sender settles its entries; should it throw anyway, none is left hanging.
			this.send(batch).catch((error: unknown) => {
				for (const entry of batch) entry.reject(error);
			});
		}
	}
}
