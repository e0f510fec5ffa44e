import type { IHookFunctions } from 'n8n-workflow';

import type { ApiCall } from '../types/request';
import type { ApiDialect, ErrorKind } from '../types/dialect';
import { lookupCall } from '../transport/lookup';

/**
 * What to do about a failed registration request. The generic words speak of
 * posts and of a node run's input, which a trigger has neither of.
 */
function registrationAdvice(service: string): Partial<Record<ErrorKind, string>> {
	const again = 'then activate the workflow (or listen for a test event) again';
	return {
		notFound: `${service} has no webhook endpoint at this address: check the Base URL in the ${service} credential (the API's address, e.g. its default), ${again}.`,
		input: `${service} refused the webhook registration: check the trigger's events (a name under Other Events must be one ${service} knows), ${again}.`,
		conflict: `${service} refused the webhook registration because of another one: check the webhooks in your ${service} dashboard, ${again}.`,
		rateLimit: `Too many requests to ${service} right now: wait a minute, ${again}.`,
	};
}

/** The requests of a trigger's registration (activation, listening, deactivation). */
export function registrationCall(context: IHookFunctions, dialect: ApiDialect): ApiCall {
	const call = lookupCall(context, dialect);
	const adviceByKind = registrationAdvice(dialect.serviceName);
	return async (spec) => await call({ adviceByKind, ...spec });
}
