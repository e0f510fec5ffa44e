import type { ApiCall, RequestContext, RequestSettings } from '../types/request';
import type { ApiDialect } from '../types/dialect';
import { NO_RERUNS } from '../reruns/ledger';
import { send } from './send';
import { RequestSession } from './session';

/** Someone is waiting (the editor's list, an activation): one quick retry, never a long wait. */
export const LOOKUP_SETTINGS: RequestSettings = {
	timeoutMs: 15_000,
	maxRetries: 1,
	maxWaitMs: 5_000,
	initialBackoffMs: 1_000,
	rateLimitWaits: 1,
	fromOptions: false,
};

/** Requests made outside a node run (list search, webhook registration): no re-run ledger. */
export function lookupCall(context: RequestContext, dialect: ApiDialect): ApiCall {
	const session = new RequestSession(context, dialect, NO_RERUNS, dialect.documentedRateLimit);
	return async (spec) => await send(session, spec, LOOKUP_SETTINGS, 0);
}
