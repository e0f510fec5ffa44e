/**
 * Items run concurrently, but their first requests start in input order, so that
 * Publish Now posts go out in the order of the rows. An item's turn comes once
 * every earlier item has sent its first request, or finished without one.
 */
export class StartOrder {
	private next = 0;

	private readonly released = new Set<number>();

	private readonly waiting = new Map<number, () => void>();

	async turn(itemIndex: number): Promise<void> {
		if (itemIndex <= this.next) return;
		await new Promise<void>((resolve) => this.waiting.set(itemIndex, resolve));
	}

	/** The item has started its first request (or will send none): later items may start. */
	release(itemIndex: number): void {
		if (itemIndex < this.next) return;
		this.released.add(itemIndex);
		while (this.released.has(this.next)) {
			this.released.delete(this.next);
			this.next += 1;
		}
		// Every item whose turn has come: one released before its turn (a shared look-up) is past it.
		for (const [waiting, wake] of this.waiting) {
			if (waiting > this.next) continue;
			this.waiting.delete(waiting);
			wake();
		}
	}
}
