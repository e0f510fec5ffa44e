import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { failureToNodeApiError, operationError } from './errors';
import type { ApiFailure } from './failure';
import { networkFailure } from './network';
import { interpretResponse, type Outcome } from './response';
import { RateLimitGate } from './throttle';
import type { ApiDialect, RequestSettings, RequestSpec } from './types';
import { backoffMs, waitUnlessCancelled } from './waits';

/** State shared by all items of one node run: credentials and the rate-limit window. */
export class RequestSession {
	readonly gate = new RateLimitGate();

	baseUrl = '';

	secrets: string[] = [];

	private loaded = false;

	constructor(readonly dialect: ApiDialect) {}

	async load(context: IExecuteFunctions, itemIndex: number): Promise<void> {
		if (this.loaded) return;
		const credentials = await context.getCredentials(this.dialect.credentialType, itemIndex);
		this.baseUrl = String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
		this.secrets = [String(credentials.apiKey ?? '')];
		if (!/^https?:\/\//i.test(this.baseUrl)) {
			throw operationError(
				context.getNode(),
				itemIndex,
				'INVALID_CREDENTIAL',
				'The Base URL in the credential is not an http(s) URL',
				`Open the ${this.dialect.serviceName} credential and set Base URL to the API address, e.g. its default.`,
			);
		}
		this.loaded = true;
	}
}

export interface RetryDecision {
	retry: boolean;
	waitMs: number;
	/** Told to the user when the node stops. */
	stopReason?: string;
	messageSuffix?: string;
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/** Whether and when to send a failed request again. Pure, so it can be tested on its own. */
export function decideRetry(
	failure: ApiFailure,
	attempt: number,
	settings: RequestSettings,
	spec: RequestSpec,
	dialect: ApiDialect,
	now = Date.now(),
): RetryDecision {
	const tried = attempt > 1 ? `Tried ${attempt} times. ` : '';
	if (!failure.retryable) {
		return { retry: false, waitMs: 0, stopReason: attempt > 1 ? `${tried.trim()}` : undefined };
	}
	const deduplicated = dialect.deduplicatesCreates && spec.idempotencyKey !== undefined;
	if (spec.createsResource && !deduplicated && failure.processed !== false) {
		return {
			retry: false,
			waitMs: 0,
			stopReason: `${tried}Not sent again: ${dialect.serviceName} cannot recognise a repeated create, so the post may already exist. Check ${dialect.dashboardHint} before running this item again.`,
		};
	}
	if (attempt > settings.maxRetries) {
		return {
			retry: false,
			waitMs: 0,
			stopReason: `Gave up after ${attempt} attempts: "Max Retries" is ${settings.maxRetries}.`,
		};
	}
	const asked = failure.askedWaitMs;
	if (asked !== undefined && asked > settings.maxWaitMs) {
		const when = new Date(now + asked).toISOString();
		return {
			retry: false,
			waitMs: 0,
			stopReason: `${tried}${dialect.serviceName} asked to wait ${seconds(asked)}, longer than "Max Wait" (${seconds(settings.maxWaitMs)}). Try again after ${when}.`,
			messageSuffix: ` (try again after ${when})`,
		};
	}
	const waitMs =
		asked ?? Math.min(backoffMs(attempt, settings.initialBackoffMs), settings.maxWaitMs);
	return { retry: true, waitMs };
}

async function sendOnce(
	context: IExecuteFunctions,
	session: RequestSession,
	spec: RequestSpec,
	settings: RequestSettings,
): Promise<Outcome> {
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
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			session.dialect.credentialType,
			options,
		)) as IN8nHttpFullResponse;
		session.gate.note(response.headers ?? {}, session.dialect.rateLimitResetDeltaUnit);
		return interpretResponse(
			session.dialect,
			response.statusCode,
			response.headers ?? {},
			response.body,
		);
	} catch (error) {
		return {
			ok: false,
			failure: networkFailure(error, session.dialect.serviceName, settings.timeoutMs),
		};
	}
}

function missingPostId(dialect: ApiDialect): ApiFailure {
	return {
		code: 'INVALID_RESPONSE',
		message: `${dialect.serviceName} answered without a post ID`,
		kind: 'badResponse',
		retryable: false,
		advice: 'The answer did not look like a post. Check the Base URL in the credential.',
		processed: true,
	};
}

/** Sends one request for one item, retrying what the API calls retryable. */
export async function sendWithRetries(
	context: IExecuteFunctions,
	session: RequestSession,
	spec: RequestSpec,
	settings: RequestSettings,
	itemIndex: number,
): Promise<IDataObject> {
	await session.load(context, itemIndex);
	const signal = context.getExecutionCancelSignal?.();
	const cancelled = () =>
		operationError(
			context.getNode(),
			itemIndex,
			'EXECUTION_CANCELLED',
			'The execution was cancelled while waiting to retry',
			'Nothing more was sent for this item.',
		);

	for (let attempt = 1; ; attempt++) {
		const gateDelay = session.gate.delayMs();
		// A window that opens later than the user's limit is left to the API's own 429.
		if (gateDelay > 0 && gateDelay <= settings.maxWaitMs) {
			if (!(await waitUnlessCancelled(gateDelay, signal))) throw cancelled();
		}

		const outcome = await sendOnce(context, session, spec, settings);
		let failure: ApiFailure;
		if (outcome.ok) {
			const data = outcome.data;
			if (!spec.expectPost || data.id !== undefined || data._id !== undefined) return data;
			failure = missingPostId(session.dialect);
		} else {
			failure = outcome.failure;
		}

		const decision = decideRetry(failure, attempt, settings, spec, session.dialect);
		if (!decision.retry) {
			if (decision.messageSuffix)
				failure = { ...failure, message: failure.message + decision.messageSuffix };
			throw failureToNodeApiError(context.getNode(), failure, {
				serviceName: session.dialect.serviceName,
				itemIndex,
				attempts: attempt,
				stopReason: decision.stopReason,
				secrets: session.secrets,
			});
		}
		if (!(await waitUnlessCancelled(decision.waitMs, signal))) throw cancelled();
	}
}
