import type { INode, NodeOperationError } from 'n8n-workflow';

import { operationError } from '../errors/errors';
import type { ApiFailure } from '../transport/failure';
import type { ApiDialect } from '../core/types';

/** After this many items in a row failed on server or network errors, the API is taken to be down. */
export const OUTAGE_ITEMS = 3;

function isOutage(failure: ApiFailure): boolean {
	return failure.retryable && (failure.kind === 'server' || failure.kind === 'network');
}

/**
 * Stops a run from hammering an API that is down: every item would spend all
 * its retries (minutes each). Once a few items in a row failed that way, the
 * rest of the run fails fast without sending; each still gets its error.
 */
export class OutageBreaker {
	private readonly failedItems = new Set<number>();

	private lastFailure?: ApiFailure;

	private open = false;

	/** The API answered (anything but a server error): it is up. */
	answered(): void {
		if (!this.open) this.failedItems.clear();
	}

	/** An item's request failed for good. */
	failed(itemIndex: number, failure: ApiFailure): void {
		if (!isOutage(failure)) return this.answered();
		this.failedItems.add(itemIndex);
		this.lastFailure = failure;
		if (this.failedItems.size >= OUTAGE_ITEMS) this.open = true;
	}

	/** The error for an item that is not sent because the API looks down; undefined while it does not. */
	refusal(node: INode, itemIndex: number, dialect: ApiDialect): NodeOperationError | undefined {
		if (!this.open || this.failedItems.has(itemIndex)) return undefined;
		const items = [...this.failedItems].map((index) => index + 1).join(', ');
		return operationError(
			node,
			itemIndex,
			'API_UNAVAILABLE',
			`${dialect.serviceName} looks down: this item was not sent`,
			`Items ${items} in a row failed after all retries (last: ${this.lastFailure?.message ?? 'no answer'}), so the rest of this run is not sent, to spare you hours of retries. Nothing was created for this item. Run the workflow again once ${dialect.serviceName} answers.`,
			{ failedItems: [...this.failedItems] },
			true,
		);
	}
}
