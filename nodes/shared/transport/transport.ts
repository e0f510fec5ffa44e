import type {
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { failureToNodeApiError, operationError } from '../errors/errors';
import { redactValue } from '../errors/redact';
import { type ApiFailure, mayHaveTakenEffect } from '../errors/failure';
import type { RerunLedger } from '../types/reruns';
import { PostFinder } from '../reruns/reconcile';
import { decideSend } from '../reruns/sendOnce';
import { networkFailure } from './network';
import { inLocalClock } from './clock';
import { isCleartextRemote } from './baseUrl';
import { type Admission, OutageBreaker } from './outage';
import { interpretResponse, type Outcome } from './response';
import { postIdOf, unwrapEnvelope } from '../output/post';
import { paginate } from './paginate';
import { decideRetry, mayResend, possibleDuplicateSuffix } from './retryPolicy';
import { type RateLimit, RateLimiter } from './limiter';
import { StartOrder } from './startOrder';
import type { ApiDialect } from '../types/dialect';
import type { RequestContext, RequestSettings, RequestSpec } from '../types/request';
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

	private finder?: PostFinder;

	/**
	 * Looks up the posts earlier attempts of this run may have created (one list
	 * of the account's posts per run), for items the record says were sent.
	 */
	postFinder(settings: RequestSettings, itemIndex: number): PostFinder | undefined {
		const window = this.ledger.window;
		if (window === undefined) return undefined;
		this.finder ??= new PostFinder(async () => {
			const posts = await paginate(
				// A request of the run, not of the item that asked first: it waits for no item's turn.
				async (spec) => await send(this, spec, settings, itemIndex, false),
				this.dialect.postListing.paging,
				{
					path: '/posts',
					qs: {},
					listKeys: this.dialect.postListing.listKeys,
					returnAll: true,
					limit: 0,
				},
			);
			return posts.map((post) => unwrapEnvelope(post, ['post']));
		}, window);
		return this.finder;
	}

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
	 * looks down (one item at a time, retries/outage.ts), and for the rate limit.
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

async function sendOnce(
	session: RequestSession,
	spec: RequestSpec,
	settings: RequestSettings,
): Promise<Outcome> {
	const { context, dialect } = session;
	const headers: IDataObject = { Accept: 'application/json' };
	if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
	if (spec.idempotencyKey !== undefined) headers['Idempotency-Key'] = spec.idempotencyKey;
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: `${session.baseUrl}${spec.path}`,
		headers,
		qs: spec.qs,
		// Sent as text and read as text: the node parses it, so HTML or cut-off
		// answers become clear errors instead of parser crashes.
		body: spec.body !== undefined ? JSON.stringify(spec.body) : undefined,
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Never carry the API key to another host.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: settings.timeoutMs,
	};
	const sentAt = Date.now();
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			dialect.credentialType,
			options,
			session.credentials ? { credentialsDecrypted: session.credentials } : undefined,
		)) as IN8nHttpFullResponse;
		// Reset epochs and Retry-After dates in n8n's clock, whatever the API's clock says.
		const headers = inLocalClock(response.headers ?? {});
		session.limiter.observe(headers, dialect.rateLimitResetDeltaUnit, Date.now(), sentAt);
		return interpretResponse(dialect, response.statusCode, headers, response.body);
	} catch (error) {
		session.limiter.observe({}, dialect.rateLimitResetDeltaUnit);
		return { ok: false, failure: networkFailure(error, dialect.serviceName, settings.timeoutMs) };
	}
}

/** The list in an answer: `{ items }` (a bare array), or under one of the keys, one level deep. */
function listIn(data: IDataObject, keys: string[]): IDataObject[] | undefined {
	for (const key of ['items', ...keys]) {
		const value = data[key];
		if (Array.isArray(value)) {
			return value.filter(
				(entry): entry is IDataObject => entry !== null && typeof entry === 'object',
			);
		}
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
			const nested = listIn(
				value as IDataObject,
				keys.filter((candidate) => candidate !== key),
			);
			if (nested) return nested;
		}
	}
	return undefined;
}

/** A 2xx answer that is not what the request expects: a post (with an ID) or a list. */
function unexpectedAnswer(dialect: ApiDialect, expected: 'list' | 'post'): ApiFailure {
	return {
		code: 'INVALID_RESPONSE',
		message: `${dialect.serviceName} answered without ${expected === 'post' ? 'a post ID' : 'the expected list'}`,
		kind: 'badResponse',
		retryable: false,
		advice: `The answer did not look like a ${expected}. Check the Base URL in the credential.`,
		processed: true,
	};
}

/**
 * Whether the transport keeps this request's record per item, for n8n's re-runs: what
 * acts once or is done once gone; a batch's items keep their own (operations/bulkCreate.ts).
 */
function keepsItemRecord(spec: RequestSpec): boolean {
	return (spec.actsOnce === true || spec.goneMeansDone === true) && !spec.batch;
}

/** A finished attempt: the answer, or the failure and how many attempts it took. */
type Attempts = { ok: true; data: IDataObject } | { ok: false; error: Error };

/** Sends one request, retrying what the API calls retryable, as the seeds say. */
async function sendWithRetries(
	session: RequestSession,
	spec: RequestSpec,
	settings: RequestSettings,
	itemIndex: number,
	sentBefore = false,
	ordered = true,
): Promise<Attempts> {
	try {
		return await attempts(session, spec, settings, itemIndex, sentBefore, ordered);
	} finally {
		// While the API looks down, the next item may try it now (retries/outage.ts).
		session.outage.leave(itemIndex);
	}
}

async function attempts(
	session: RequestSession,
	spec: RequestSpec,
	settings: RequestSettings,
	itemIndex: number,
	sentBefore: boolean,
	ordered: boolean,
): Promise<Attempts> {
	const { context, dialect } = session;
	// The editor's list search has no execution to cancel.
	const signal =
		'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	const cancelled = () =>
		operationError(
			context.getNode(),
			itemIndex,
			'EXECUTION_CANCELLED',
			'The execution was cancelled while waiting to retry',
			'Nothing more was sent for this item.',
		);

	// Whether an attempt (this run's or an earlier run's) may already have acted.
	let mayHaveActed = sentBefore;
	let rateLimited = 0;
	let admission = await session.paced(itemIndex, settings, signal, ordered);
	for (let attempt = 1; ; attempt++) {
		if (admission === 'cancelled') throw cancelled();
		if (admission === 'down') throw session.outage.refuse(context.getNode(), itemIndex, dialect);

		const outcome = await sendOnce(session, spec, settings);
		let failure: ApiFailure;
		if (outcome.ok) {
			session.outage.answered();
			// An answer that echoes the key (a bulk entry's error, a debug field) must not carry it
			// into an item or an error: whatever the API says is masked before anyone reads it.
			const data = redactValue(outcome.data, session.secrets);
			if (spec.listKeys) {
				const items = listIn(data, spec.listKeys);
				if (items)
					return { ok: true, data: spec.keepEnvelope ? { items, envelope: data } : { items } };
				failure = unexpectedAnswer(dialect, 'list');
			} else if (!spec.expectPost || data.id !== undefined || data._id !== undefined) {
				return { ok: true, data };
			} else if (spec.readBackPath && spec.resourceId !== undefined) {
				// An accepted request whose answer is not the post (e.g. `{queued: true}`): read it back.
				return { ok: true, data: {} };
			} else {
				failure = unexpectedAnswer(dialect, 'post');
			}
		} else {
			failure = outcome.failure;
			session.outage.attemptFailed(itemIndex, failure);
			if (failure.emptySuccess && spec.readBackPath && spec.resourceId !== undefined) {
				return { ok: true, data: {} };
			}
			if (failure.httpCode === 404 && spec.goneMeansDone && mayHaveActed) {
				return { ok: true, data: {} };
			}
			if (failure.httpCode === 404 && spec.notFoundAdvice)
				failure = { ...failure, advice: spec.notFoundAdvice };
			const ownAdvice = spec.adviceByKind?.[failure.kind];
			if (ownAdvice !== undefined) failure = { ...failure, advice: ownAdvice };
		}
		mayHaveActed ||= mayHaveTakenEffect(failure);
		// Any 2xx to a request that acts once may have acted, whatever its body says.
		const accepted = outcome.ok || (failure.httpCode !== undefined && failure.httpCode < 300);
		if (spec.actsOnce && accepted) {
			mayHaveActed = true;
			failure = {
				...failure,
				retryable: failure.retryable && mayResend(failure, spec, dialect),
				advice: `${dialect.serviceName} accepted the request${failure.httpCode !== undefined ? ` (HTTP ${failure.httpCode})` : ''}, so the post may have been created, but its answer does not say which post. It is not sent again: check ${dialect.dashboardHint} or Get Many Posts before creating it again.`,
			};
		}

		if (failure.kind === 'rateLimit') rateLimited += 1;
		let decision = decideRetry(
			failure,
			{ attempts: attempt, rateLimited },
			settings,
			spec,
			dialect,
		);
		if (decision.retry) {
			// A 429 slows the whole run, not just this item.
			if (failure.kind === 'rateLimit') session.limiter.limited(decision.waitMs);
			if (!(await waitUnlessCancelled(decision.waitMs, signal))) throw cancelled();
			admission = await session.paced(itemIndex, settings, signal, ordered);
			// Taken to be down while this item waited to retry: it stops too.
			if (admission === 'down') {
				decision = {
					retry: false,
					waitMs: 0,
					stopReason: `${attempt > 1 ? `Tried ${attempt} times. ` : ''}${session.outage.stopReason(dialect)}`,
				};
			}
		}
		if (!decision.retry) {
			session.outage.failed(itemIndex, failure);
			if (keepsItemRecord(spec) && mayHaveActed) session.ledger.note(itemIndex, {});
			return {
				ok: false,
				error: failureToNodeApiError(context.getNode(), failure, {
					serviceName: dialect.serviceName,
					itemIndex,
					attempts: attempt,
					stopReason: decision.stopReason,
					advice: decision.advice,
					mayExist: spec.actsOnce === true && mayHaveActed,
					secrets: session.secrets,
				}),
			};
		}
	}
}

function alreadySent(
	session: RequestSession,
	spec: RequestSpec,
	itemIndex: number,
	/** true: looked for among the account's posts and not found; an error: the look-up failed. */
	lookedUp: boolean | Error,
): Error {
	const { dialect } = session;
	const root = session.ledger.rootExecutionId;
	let looked = '';
	if (lookedUp instanceof Error)
		looked = ` Checking which posts exist failed (${lookedUp.message}), so the node cannot tell whether the earlier attempt created it.`;
	else if (lookedUp)
		looked = ` The node looked for it among the account's posts created since then and did not find it, but the earlier attempt may still have created it.`;
	return operationError(
		session.context.getNode(),
		itemIndex,
		'ALREADY_SENT',
		`An earlier run of this node (execution ${root}) already sent this item${possibleDuplicateSuffix(dialect, spec)}`,
		`n8n ran the node again (Retry On Fail, or Retry of a failed execution), and ${dialect.serviceName} cannot recognise a repeated request, so the node did not send it a second time.${looked} Check ${dialect.dashboardHint} to see whether it went through. To send it anyway, run the workflow anew rather than retrying the execution.`,
		{ executionId: root },
	);
}

/** What the send-once policy needs to know of a request (reruns/sendOnce.ts). */
function traitsOf(session: RequestSession, spec: RequestSpec) {
	return {
		actsOnce: spec.actsOnce === true,
		goneMeansDone: spec.goneMeansDone === true,
		resourceId: spec.resourceId,
		readsBack: spec.readBackPath !== undefined,
		deduplicated: session.dialect.deduplicates && spec.idempotencyKey !== undefined,
		// A create (no post to act on yet) the API lists among the account's posts.
		findable: spec.expectPost === true && spec.resourceId === undefined && spec.body !== undefined,
	};
}

/**
 * Sends one request for one item. What a re-run of the node may do with it is
 * the send-once policy's decision (reruns/sendOnce.ts): answer from the record,
 * read back by ID, send again with the same key, look the post up, or refuse.
 */
export async function send(
	session: RequestSession,
	spec: RequestSpec,
	settings: RequestSettings,
	itemIndex: number,
	/** false: a request of the whole run (the shared look-up), outside the items' start order. */
	ordered = true,
): Promise<IDataObject> {
	await session.load(itemIndex);
	const earlier = keepsItemRecord(spec) ? session.ledger.find(itemIndex) : undefined;
	const plan = decideSend(earlier, traitsOf(session, spec));
	// Already done by an earlier run: the answer needs no request, even while the API is down.
	if (plan.step === 'answer') return plan.result;
	const down = session.outage.refusal(session.context.getNode(), itemIndex, session.dialect);
	if (down) throw down;

	if (plan.step === 'readBack') return await readBack(session, spec, plan.id, settings, itemIndex);
	if (plan.step === 'refuse') throw alreadySent(session, spec, itemIndex, false);
	if (plan.step === 'reconcile') {
		const finder = session.postFinder(settings, itemIndex);
		let found: IDataObject | undefined;
		try {
			found = finder ? await finder.find(spec.body ?? {}) : undefined;
		} catch (error) {
			// Whether an earlier attempt made the post cannot be known: it is held back, saying why.
			throw alreadySent(session, spec, itemIndex, error as Error);
		}
		if (found !== undefined) {
			session.ledger.note(itemIndex, { resourceId: postIdOf(found), result: found });
			return found;
		}
		if (plan.ifMissing === 'refuse')
			throw alreadySent(session, spec, itemIndex, finder !== undefined);
	}

	const result = await sendWithRetries(
		session,
		spec,
		settings,
		itemIndex,
		plan.step === 'resend',
		ordered,
	);
	if (!result.ok) throw result.error;
	let data = result.data;
	if (spec.goneMeansDone)
		session.ledger.note(itemIndex, { resourceId: spec.resourceId, result: data });
	if (spec.actsOnce && keepsItemRecord(spec)) {
		const resourceId = postIdOf(data) ?? spec.resourceId;
		if (Object.keys(data).length === 0 && resourceId !== undefined && spec.readBackPath) {
			// Accepted without the post in the answer: noted first, so a failed read-back is not re-sent.
			session.ledger.note(itemIndex, { resourceId });
			data = await readBack(session, spec, resourceId, settings, itemIndex);
		}
		session.ledger.note(itemIndex, { resourceId, result: data });
	} else if (
		Object.keys(data).length === 0 &&
		spec.expectPost &&
		spec.resourceId !== undefined &&
		spec.readBackPath
	) {
		// Accepted without the post in the answer (an update): read it back.
		data = await readBack(session, spec, spec.resourceId, settings, itemIndex);
	}
	return data;
}

async function readBack(
	session: RequestSession,
	spec: RequestSpec,
	id: string,
	settings: RequestSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const path = spec.readBackPath?.(id) ?? '';
	const result = await sendWithRetries(
		session,
		{ method: 'GET', path, expectPost: true },
		settings,
		itemIndex,
	);
	if (!result.ok) throw result.error;
	return result.data;
}
