import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** How far a delivery's own time may be from n8n's clock, either way (as Stripe does). */
export const TOLERANCE_MS = 5 * 60_000;

/** Deliveries remembered per process; the oldest are forgotten first. */
export const WINDOW_SIZE = 5_000;

/** How long a delivery is remembered: past the tolerance, a replay is refused as stale anyway. */
export const WINDOW_MS = 2 * TOLERANCE_MS;

/** The payload's time in ms, when it carries one (ISO string, or epoch seconds or ms). */
export function deliveryTime(event: IDataObject): number | undefined {
	const value = event.timestamp ?? event.createdAt ?? event.created_at;
	if (typeof value === 'number' && Number.isFinite(value))
		return value < 1e12 ? value * 1000 : value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return deliveryTime({ timestamp: Number(value) });
	const parsed = Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** Outside the tolerance: too old (a replay, or a retry that can never become fresh) or from the future. */
export function isStale(time: number | undefined, now = Date.now()): boolean {
	return time !== undefined && Math.abs(now - time) > TOLERANCE_MS;
}

/**
 * The delivery's identity: the event id when the payload has one, else a digest
 * of the exact signed bytes (the same signed delivery sent again has the same).
 */
export function deliveryId(event: IDataObject, rawBody: Buffer): string {
	for (const key of ['id', 'eventId', 'event_id', 'deliveryId'])
		if (typeof event[key] === 'string' && event[key] !== '') return `id:${event[key] as string}`;
	return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

/**
 * Deliveries seen lately, per trigger, in this process's memory: never in
 * workflow static data, which n8n saves only for active workflows, rewrites
 * whole on every change and copies into each execution. Bounded by count and
 * age. It does not survive a restart and is not shared between n8n instances
 * (queue mode with several webhook processors); the time check still refuses
 * any replay older than the tolerance there.
 */
export class ReplayWindow {
	private readonly seen = new Map<string, number>();

	constructor(
		private readonly size = WINDOW_SIZE,
		private readonly ttlMs = WINDOW_MS,
	) {}

	/** True the first time `key` is seen within the window; false for a repeat. */
	firstTime(key: string, now = Date.now()): boolean {
		this.expire(now);
		if (this.seen.has(key)) return false;
		this.seen.set(key, now);
		while (this.seen.size > this.size) {
			const oldest = this.seen.keys().next().value as string;
			this.seen.delete(oldest);
		}
		return true;
	}

	get count(): number {
		return this.seen.size;
	}

	private expire(now: number): void {
		// Insertion order is age order: stop at the first one still fresh.
		for (const [key, at] of this.seen) {
			if (now - at <= this.ttlMs) break;
			this.seen.delete(key);
		}
	}
}

/** One window for the process; keys carry the workflow and node, so triggers never collide. */
export const recentDeliveries = new ReplayWindow();
