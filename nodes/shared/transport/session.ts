import type { ICredentialsDecrypted } from 'n8n-workflow';

import { operationError } from '../errors/errors';
import type { ApiDialect } from '../types/dialect';
import type { RequestContext, RequestSettings } from '../types/request';
import type { RerunLedger } from '../types/reruns';
import { isCleartextRemote } from './baseUrl';
import { type RateLimit, RateLimiter } from './limiter';
import { type Admission, OutageBreaker } from './outage';
import type { PostFinder } from './postFinder';
import { StartOrder } from './startOrder';
import { waitUnlessCancelled } from './waits';

/** The limiter is asked again this often while an item waits for it. */
const PACE_SLICE_MS = 250;

/** State shared by all items of one node run: credentials, rate-limit window, outage, ledger. */
export class RequestSession {
	readonly limiter: RateLimiter;

	/** First requests start in input order, whatever the concurrency. */
	readonly order = new StartOrder();

	private readonly startedItems = new Set<number>();

	readonly outage = new OutageBreaker();

	baseUrl = '';

	secrets: string[] = [];

	/** Read once per run: n8n would otherwise load and decrypt them for every request. */
	credentials?: ICredentialsDecrypted;

	private loaded = false;

	/** The run's look-up of the posts earlier attempts may have created (send.ts). */
	finder?: PostFinder;

	constructor(
		readonly context: RequestContext,
		readonly dialect: ApiDialect,
		readonly ledger: RerunLedger,
		/** The run's limit when the API sends no rate headers (undefined: none known). */
		rateLimit: RateLimit | undefined,
	) {
		this.limiter = new RateLimiter(rateLimit, !dialect.sendsRateHeaders);
	}

	/**
	 * Waits for this item's turn (its first request only), for the API while it
	 * looks down (one item at a time, outage.ts), and for the rate limit.
	 * A wait for the API's window longer than Max Wait is not made: that request is
	 * left to the API's own 429. The run's own pace (Requests per Minute) is kept.
	 */
	async paced(
		itemIndex: number,
		settings: RequestSettings,
		signal: AbortSignal | undefined,
		ordered = true,
	): Promise<Admission> {
		const first = ordered && !this.startedItems.has(itemIndex);
		if (first) await this.order.turn(itemIndex);
		for (;;) {
			const admission = await this.outage.admit(itemIndex, signal);
			if (admission !== 'go') return admission;
			const delay = this.limiter.take();
			const kept = this.limiter.ownPace || this.limiter.awaitingFirstAnswer;
			if (delay === 0 || (delay > settings.maxWaitMs && !kept)) break;
			if (!(await waitUnlessCancelled(Math.min(delay, PACE_SLICE_MS), signal))) return 'cancelled';
		}
		if (first) {
			this.startedItems.add(itemIndex);
			this.order.release(itemIndex);
		}
		return 'go';
	}

	async load(itemIndex: number): Promise<void> {
		if (this.loaded) return;
		const credentials = await this.context.getCredentials(this.dialect.credentialType, itemIndex);
		const reference = this.context.getNode().credentials?.[this.dialect.credentialType];
		this.credentials = {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: this.dialect.credentialType,
			data: credentials,
		};
		this.baseUrl = String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
		// A key pasted with spaces reaches the API trimmed (HTTP trims header values): the API
		// echoes that one.
		const key = String(credentials.apiKey ?? '');
		this.secrets = [...new Set([key, key.trim()])];
		if (!/^https?:\/\//i.test(this.baseUrl)) {
			throw operationError(
				this.context.getNode(),
				itemIndex,
				'INVALID_CREDENTIAL',
				'The Base URL in the credential is not an http(s) URL',
				`Open the ${this.dialect.serviceName} credential and set Base URL to the API address, e.g. its default.`,
			);
		}
		if (isCleartextRemote(this.baseUrl)) {
			// Refused before any request: over plain http the key could be read on the way.
			throw operationError(
				this.context.getNode(),
				itemIndex,
				'INVALID_CREDENTIAL',
				'The Base URL in the credential is not HTTPS: the API key would be sent in clear text',
				`Open the ${this.dialect.serviceName} credential and use an https:// Base URL. Plain http:// is allowed only for this machine (localhost, 127.0.0.1), e.g. a local proxy or test server.`,
			);
		}
		this.loaded = true;
	}
}
