import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** How far a delivery's own time may be from n8n's clock, either way (as Stripe does). */
export const TOLERANCE_MS = 5 * 60_000;

/** Deliveries remembered per trigger; its oldest are forgotten first. */
export const PER_TRIGGER = 1_000;

/** Triggers remembered per process; the one heard from least lately is forgotten first. */
export const TRIGGERS = 100;

/** How long a delivery is remembered: past the tolerance, a replay is refused as stale anyway. */
export const WINDOW_MS = 2 * TOLERANCE_MS;

/** The payload fields that may carry its time, in the order they are read. */
const TIME_FIELDS = ['timestamp', 'createdAt', 'created_at'];

/** ISO date and time without a zone: the APIs mean UTC, while Date.parse would take n8n's zone. */
const ZONELESS_ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/** One field's time in ms, or undefined when it is not a time (garbage, Infinity, an object…). */
function timeOf(value: unknown): number | undefined {
	if (typeof value === 'number')
		return Number.isFinite(value) ? (value < 1e12 ? value * 1000 : value) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return timeOf(Number(text));
	const zoneless = ZONELESS_ISO.exec(text);
	const parsed = Date.parse(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : text);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** The payload's time in ms: the first of its time fields that reads as one. */
export function deliveryTime(event: IDataObject): number | undefined {
	for (const field of TIME_FIELDS) {
		const time = timeOf(event[field]);
		if (time !== undefined) return time;
	}
	return undefined;
}

/** Outside the tolerance: too old (a replay, or a retry that can never become fresh) or from the future. */
export function isStale(time: number | undefined, now = Date.now()): boolean {
	return time !== undefined && Math.abs(now - time) > TOLERANCE_MS;
}

const digest = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The delivery's identity: the event id when the payload has one (text or a
 * number), else a digest of the exact signed bytes (the same signed delivery
 * sent again has the same). Long ids are kept as their digest.
 */
export function deliveryId(event: IDataObject, rawBody: Buffer): string {
	for (const key of ['id', 'eventId', 'event_id', 'deliveryId']) {
		const value = event[key];
		const id =
			typeof value === 'number' && Number.isFinite(value)
				? String(value)
				: typeof value === 'string'
					? value.trim()
					: '';
		if (id !== '') return `id:${id.length > 64 ? digest(id) : id}`;
	}
	return `sha256:${digest(rawBody)}`;
}

export interface WindowLimits {
	perTrigger: number;
	triggers: number;
	ttlMs: number;
}

/**
 * Deliveries seen lately, per trigger, in this process's memory: never in
 * workflow static data, which n8n saves only for active workflows, rewrites
 * whole on every change and copies into each execution. Each trigger has its
 * own bounded list, so a busy trigger forgets only its own deliveries; the
 * number of triggers is bounded too (the one heard from least lately goes
 * first), and everything is forgotten after the window's age. It does not
 * survive a restart and is not shared between n8n instances (queue mode with
 * several webhook processors); the time check still refuses any replay older
 * than the tolerance there.
 */
export class ReplayWindow {
	/** Per trigger (in order of last delivery): its deliveries, in order of arrival. */
	private readonly seen = new Map<string, { last: number; deliveries: Map<string, number> }>();

	private readonly limits: WindowLimits;

	constructor(limits: Partial<WindowLimits> = {}) {
		this.limits = { perTrigger: PER_TRIGGER, triggers: TRIGGERS, ttlMs: WINDOW_MS, ...limits };
	}

	/** True the first time `trigger` receives `id` within the window; false for a repeat. */
	firstTime(trigger: string, id: string, now = Date.now()): boolean {
		this.expireTriggers(now);
		const deliveries = this.seen.get(trigger)?.deliveries ?? new Map<string, number>();
		this.expire(deliveries, now);
		// Re-inserted: the trigger heard from last is the last to be forgotten.
		this.seen.delete(trigger);
		this.seen.set(trigger, { last: now, deliveries });
		if (deliveries.has(id)) return false;
		deliveries.set(id, now);
		while (deliveries.size > this.limits.perTrigger)
			deliveries.delete(deliveries.keys().next().value as string);
		while (this.seen.size > this.limits.triggers)
			this.seen.delete(this.seen.keys().next().value as string);
		return true;
	}

	/** Deliveries remembered, over all triggers. */
	get count(): number {
		let count = 0;
		for (const { deliveries } of this.seen.values()) count += deliveries.size;
		return count;
	}

	get triggerCount(): number {
		return this.seen.size;
	}

	private expire(deliveries: Map<string, number>, now: number): void {
		// Insertion order is age order: stop at the first one still fresh.
		for (const [id, at] of deliveries) {
			if (now - at <= this.limits.ttlMs) break;
			deliveries.delete(id);
		}
	}

	private expireTriggers(now: number): void {
		// A trigger whose newest delivery is past the window has nothing left to remember.
		for (const [trigger, { last }] of this.seen) {
			if (now - last <= this.limits.ttlMs) break;
			this.seen.delete(trigger);
		}
	}
}

/** One window for the process, holding each trigger's deliveries apart. */
export const recentDeliveries = new ReplayWindow();
