import type { IDataObject } from 'n8n-workflow';

/** What a re-run knows about an item that an earlier run sent. */
export interface SentItem {
	/** The answer, when this process still has it. */
	result?: IDataObject;
	/** The ID of what it created or acted on, when known. */
	resourceId?: string;
	/** The chain's record was lost (no room in custom data): it may or may not have been sent. */
	unknown?: boolean;
}

/** The times within which an earlier attempt of this run may have created posts. */
export interface SendWindow {
	from: number;
	to: number;
}

/** What the transport asks of a ledger; a lookup (list search) has none to keep. */
export interface RerunLedger {
	readonly rootExecutionId: string;
	readonly runIndex: number;
	/** What an earlier run sent for this item, or undefined when it sent nothing. */
	find(itemIndex: number): SentItem | undefined;
	note(itemIndex: number, sent: SentItem): void;
	/** When earlier attempts of this run may have created posts (for a look-up), if any did. */
	readonly window: SendWindow | undefined;
	/** Keeps the record for n8n's re-runs; `failed`: the run is about to throw. */
	flush(failed: boolean): void;
	/** Sentences for the user about what the record could not keep (hints, or the error's description). */
	readonly notices: string[];
}
