import type { INode, NodeOperationError } from 'n8n-workflow';

import { operationError } from '../errors/errors';
import { outageWords } from '../errors/retryWords';
import type { ApiFailure } from '../errors/failure';
import type { ApiDialect } from '../types/dialect';

/** After this many items in a row failed on server or network errors, the API is taken to be down. */
export const OUTAGE_ITEMS = 3;

/** Whether an attempt may go: yes, no (the API is taken to be down), or the execution was cancelled. */
export type Admission = 'go' | 'down' | 'cancelled';

function isOutage(failure: ApiFailure): boolean {
	return failure.retryable && (failure.kind === 'server' || failure.kind === 'network');
}

/**
 * Stops a run from hammering an API that is down: every item would spend all
 * its retries (minutes each). Once a server or network error is seen, items
 * try the API one at a time, as with Concurrency 1, until it answers again: the
 * item that met the error goes on with its retries while the others wait their
 * turn (in input order). Once a few items in a row failed that way, the API is
 * taken to be down: waiting retries stop, and the rest of the run fails fast
 * without sending; each item still gets its error.
 */
export class OutageBreaker {
	private readonly failedItems = new Set<number>();

	private lastFailure?: ApiFailure;

	private open = false;

	/** The run stopped at an item's error (no On Error: Continue): items waiting to try do not. */
	private halted = false;

	/** Without On Error: Continue, an item that fails for good stops the run. */
	haltOnFailure = false;

	/**
	 * The item trying the API failed for good without On Error: Continue: its failure is
	 * about to stop the run, so it keeps its turn until the router says it is done (halt or done).
	 */
	private keptBy?: number;

	/** A server or network error since the API last answered: one item at a time tries it. */
	private suspect = false;

	/** The item trying the API while it is suspect. */
	private holder?: number;

	private readonly waiting = new Map<number, (admission: Admission) => void>();

	/**
	 * Whether an item's next attempt may go now. While the API is suspect it waits
	 * until no other item is trying it; once the API is taken to be down, it is 'down'.
	 */
	async admit(itemIndex: number, signal?: AbortSignal): Promise<Admission> {
		if (this.open) return 'down';
		if (!this.suspect || this.holder === itemIndex) return 'go';
		if (this.halted) return 'down';
		if (this.holder === undefined) {
			this.holder = itemIndex;
			return 'go';
		}
		if (signal?.aborted) return 'cancelled';
		return await new Promise<Admission>((resolve) => {
			const onAbort = () => this.wake(itemIndex, 'cancelled');
			signal?.addEventListener('abort', onAbort, { once: true });
			this.waiting.set(itemIndex, (admission) => {
				signal?.removeEventListener('abort', onAbort);
				resolve(admission);
			});
		});
	}

	/** One attempt failed: a server or network error makes the API suspect, an answer clears it. */
	attemptFailed(itemIndex: number, failure: ApiFailure): void {
		if (isOutage(failure)) {
			this.suspect = true;
			// The item that met the error keeps trying; items already in flight wait after theirs.
			this.holder ??= itemIndex;
		} else if (failure.httpCode !== undefined && failure.kind !== 'server') {
			this.answered();
		}
	}

	/** The API answered (anything but a server error): it is up, every item may go. */
	answered(): void {
		if (this.open) return;
		this.failedItems.clear();
		this.suspect = false;
		this.holder = undefined;
		this.keptBy = undefined;
		for (const itemIndex of [...this.waiting.keys()]) this.wake(itemIndex, 'go');
	}

	/** An item's request failed for good. */
	failed(itemIndex: number, failure: ApiFailure): void {
		if (this.haltOnFailure && this.holder === itemIndex) this.keptBy = itemIndex;
		if (this.open) return;
		if (!isOutage(failure)) return this.answered();
		this.failedItems.add(itemIndex);
		this.lastFailure = failure;
		if (this.failedItems.size < OUTAGE_ITEMS) return;
		this.open = true;
		for (const waiting of [...this.waiting.keys()]) this.wake(waiting, 'down');
	}

	/**
	 * The run stopped at an item's error: items held back at a suspect API send
	 * nothing more (their output would be discarded anyway); the item trying it goes on.
	 */
	halt(): void {
		this.halted = true;
		for (const waiting of [...this.waiting.keys()]) this.wake(waiting, 'down');
	}

	/** The item's request is over (answered, failed or cancelled): the next waiting item may try. */
	leave(itemIndex: number): void {
		this.waiting.delete(itemIndex);
		if (this.holder !== itemIndex || this.keptBy === itemIndex) return;
		this.holder = undefined;
		// One at a time, in input order, like a run with Concurrency 1.
		const next = Math.min(...this.waiting.keys());
		if (Number.isFinite(next)) {
			this.holder = next;
			this.wake(next, 'go');
		}
	}

	/** The item is done and the run goes on (it recovered, or On Error: Continue kept it). */
	done(itemIndex: number): void {
		if (this.keptBy !== itemIndex) return;
		this.keptBy = undefined;
		this.leave(itemIndex);
	}

	private wake(itemIndex: number, admission: Admission): void {
		const resolve = this.waiting.get(itemIndex);
		this.waiting.delete(itemIndex);
		resolve?.(admission);
	}

	/** Why an item's retries stopped once the API was taken to be down. */
	stopReason(dialect: ApiDialect): string {
		return outageWords(dialect, this.downFor());
	}

	/** The items whose failures in a row took the API to be down; undefined once the run stopped. */
	downFor(): number[] | undefined {
		return this.open ? [...this.failedItems] : undefined;
	}

	private itemsInARow(): string {
		return `items ${[...this.failedItems].map((index) => index + 1).join(', ')}`;
	}

	/** The error for an item that is not sent because the API looks down; undefined while it does not. */
	refusal(node: INode, itemIndex: number, dialect: ApiDialect): NodeOperationError | undefined {
		if (!this.open || this.failedItems.has(itemIndex)) return undefined;
		return this.refuse(node, itemIndex, dialect);
	}

	/** The error for an item not sent because the API is taken to be down. */
	refuse(node: INode, itemIndex: number, dialect: ApiDialect): NodeOperationError {
		if (!this.open) {
			// Halted: the run's own error is what the user sees; this one is discarded with the item.
			return operationError(
				node,
				itemIndex,
				'API_UNAVAILABLE',
				`${dialect.serviceName} answered with server or network errors and the run stopped: this item was not sent`,
				'Nothing was created for this item.',
				undefined,
				true,
			);
		}
		return operationError(
			node,
			itemIndex,
			'API_UNAVAILABLE',
			`${dialect.serviceName} looks down: this item was not sent`,
			`${this.itemsInARow().replace(/^i/, 'I')} in a row failed after all retries (last: ${this.lastFailure?.message ?? 'no answer'}), so the rest of this run is not sent, to spare you hours of retries. Nothing was created for this item. Run the workflow again once ${dialect.serviceName} answers.`,
			{ failedItems: [...this.failedItems] },
			true,
		);
	}
}
