import type { IDataObject } from 'n8n-workflow';

import { failureToNodeApiError, operationError } from '../errors/errors';
import { type ApiFailure, mayHaveTakenEffect } from '../errors/failure';
import { acceptedWithoutPostAdvice, stopWords } from '../errors/retryWords';
import type { RetryDecision } from '../types/retry';
import type { RequestSettings, RequestSpec } from '../types/request';
import { readAnswer, sendAttempt } from './attempt';
import { decideRetry, mayResend } from './retryPolicy';
import { actsOnce, keepsItemRecord } from './sendOnce';
import type { RequestSession } from './session';
import { waitUnlessCancelled } from './waits';

/** A finished request: the answer, or the error that ends it. */
export type Attempts = { ok: true; data: IDataObject } | { ok: false; error: Error };

/**
 * Sends one request, retrying what the API calls retryable, as the seeds say: each
 * attempt waits for the run's pace and for an API that looks down (session.ts).
 */
export async function sendWithRetries(
	session: RequestSession,
	spec: RequestSpec,
	settings: RequestSettings,
	itemIndex: number,
	/** Whether an earlier run may already have sent it. */
	sentBefore = false,
	ordered = true,
): Promise<Attempts> {
	try {
		return await attempts(session, spec, settings, itemIndex, sentBefore, ordered);
	} finally {
		// While the API looks down, the next item may try it now (outage.ts).
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

		const outcome = await sendAttempt(session, spec, settings);
		if (outcome.ok) session.outage.answered();
		else session.outage.attemptFailed(itemIndex, outcome.failure);
		const reading = readAnswer(session, spec, outcome, mayHaveActed);
		if (reading.ok) return reading;
		let failure: ApiFailure = reading.failure;
		mayHaveActed ||= mayHaveTakenEffect(failure);
		// Any 2xx to a request that acts once may have acted, whatever its body says.
		const accepted = outcome.ok || (failure.httpCode !== undefined && failure.httpCode < 300);
		if (actsOnce(spec) && accepted) {
			mayHaveActed = true;
			failure = {
				...failure,
				retryable: failure.retryable && mayResend(failure, spec, dialect),
				advice: acceptedWithoutPostAdvice(dialect, failure.httpCode),
			};
		}

		if (failure.kind === 'rateLimit') rateLimited += 1;
		let decision: RetryDecision = decideRetry(
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
					reason: { why: 'outage', failedItems: session.outage.downFor() },
				};
			}
		}
		if (!decision.retry) {
			const words = stopWords(decision.reason, attempt, settings, dialect, spec.resourceId);
			session.outage.failed(itemIndex, failure);
			if (keepsItemRecord(spec) && mayHaveActed) session.ledger.note(itemIndex, {});
			return {
				ok: false,
				error: failureToNodeApiError(context.getNode(), failure, {
					serviceName: dialect.serviceName,
					itemIndex,
					attempts: attempt,
					stopReason: words.stopReason,
					advice: words.advice,
					mayExist: actsOnce(spec) && mayHaveActed,
					secrets: session.secrets,
				}),
			};
		}
	}
}
