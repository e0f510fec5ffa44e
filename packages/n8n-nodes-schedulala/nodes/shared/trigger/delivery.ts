import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { asWebhookEvent, eventItem } from './event';
import { deliveryId, deliveryTime, isStale, recentDeliveries } from './replay';
import { signatureMatches } from './signature';

/** What differs between the APIs' deliveries. */
export interface DeliveryRules {
	/** Signature headers, in the order they are looked for (lower case). */
	signatureHeaders: string[];
	/** The signing secret, or '' when none is known (every delivery is then refused). */
	secret(this: IWebhookFunctions): Promise<string>;
}

/** Answers the API directly; n8n sends nothing more and starts no execution. */
function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

function headerValue(context: IWebhookFunctions, names: string[]): string | undefined {
	const headers = context.getHeaderData();
	for (const name of names) {
		const value = headers[name];
		if (typeof value === 'string') return value;
		if (Array.isArray(value) && value.length > 0) return value[0];
	}
	return undefined;
}

/** The events the user picked, plus any listed by name. */
export function selectedEvents(context: IWebhookFunctions | IHookFunctions): string[] {
	const events = context.getNodeParameter('events', []) as string[];
	const other = String(context.getNodeParameter('otherEvents', '') ?? '');
	const named = other
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	return [...new Set([...events, ...named])];
}

/**
 * One delivery: the signature is checked on the raw body before anything else
 * (missing or wrong: 401), then the body must be an event (else 400). Replays
 * start nothing: a payload time more than 5 minutes off n8n's clock, or a
 * delivery already received lately (same event id, else same signed bytes),
 * is answered 200 so the API stops re-sending what can never be accepted.
 * An event the user did not pick is acknowledged and starts nothing. Never
 * throws: a throw would make n8n start a failed execution.
 */
export async function receiveDelivery(
	this: IWebhookFunctions,
	rules: DeliveryRules,
): Promise<IWebhookResponseData> {
	let secret: string;
	try {
		secret = await rules.secret.call(this);
	} catch {
		// A credential that cannot be read verifies nothing: refuse rather than run unchecked.
		return answer(this, 500, { error: 'The trigger could not read its credential' });
	}
	const rawBody = this.getRequestObject().rawBody as Buffer | undefined;
	if (!Buffer.isBuffer(rawBody)) return answer(this, 400, { error: 'The request has no body' });
	const signature = headerValue(this, rules.signatureHeaders);
	if (!signatureMatches(rawBody, secret, signature))
		return answer(this, 401, {
			error: signature === undefined ? 'Missing signature' : 'Invalid signature',
		});

	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return answer(this, 400, { error: 'The body is not JSON' });
	}
	const event = asWebhookEvent(body);
	if (event === undefined)
		return answer(this, 400, { error: 'The body is not an event ({ event, timestamp, data })' });
	if (isStale(deliveryTime(event))) {
		this.logger.warn(
			`${this.getNode().name}: refused a delivery stamped ${String(event.timestamp)}, more than 5 minutes from this server's time (a replay, or a clock that is off)`,
		);
		return answer(this, 200, { received: true, ignored: 'stale' });
	}
	const trigger = `${this.getWorkflow().id ?? ''}:${this.getNode().id}:${this.getMode()}`;
	if (!recentDeliveries.firstTime(trigger, deliveryId(event, rawBody)))
		return answer(this, 200, { received: true, ignored: 'duplicate' });
	if (!selectedEvents(this).includes(event.event))
		return answer(this, 200, { received: true, ignored: event.event });
	return { workflowData: [this.helpers.returnJsonArray([eventItem(event)])] };
}
