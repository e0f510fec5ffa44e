'use strict';
// Webhook deliveries as the APIs send them: a JSON POST of { event, timestamp, data },
// signed with HMAC-SHA256 of the exact body bytes (hex), to every registered URL that
// subscribed to the event. Tests can also send badly signed or malformed deliveries.
const crypto = require('node:crypto');
const http = require('node:http');

/**
 * @typedef {{ url: string, events: string[], secret: string }} Subscription
 * @typedef {{ url: string, event: string, status: number, body: string, signature: string }} Delivery
 * @typedef {'valid' | 'wrong' | 'missing'} SignatureMode
 */

function sign(secret, body) {
	return crypto.createHmac('sha256', secret).update(body).digest('hex');
}

/** POSTs one body; resolves to n8n's status and answer (0 when nothing answered). */
function post(url, body, headers) {
	return new Promise((resolve) => {
		const request = http.request(
			url,
			{ method: 'POST', headers: { 'content-length': Buffer.byteLength(body), ...headers } },
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
			},
		);
		request.on('error', (error) => resolve({ status: 0, body: String(error.message) }));
		request.end(body);
	});
}

class WebhookSender {
	/**
	 * @param {{ header: string, prefix: string, subscriptions: () => Subscription[] }} options
	 *   header: the signature header; prefix: put before the hex digest ("sha256=" or "")
	 */
	constructor(options) {
		this.header = options.header;
		this.prefix = options.prefix;
		this.subscriptions = options.subscriptions;
		/** @type {Delivery[]} */
		this.deliveries = [];
	}

	/**
	 * Sends an event to every subscription that wants it.
	 * @param {string} event
	 * @param {Record<string, unknown>} data
	 * @param {{ signature?: SignatureMode, header?: string, rawBody?: string, contentType?: string }} [options]
	 * @returns {Promise<Delivery[]>}
	 */
	async deliver(event, data, options = {}) {
		const payload = { event, timestamp: new Date().toISOString(), data };
		const body = options.rawBody ?? JSON.stringify(payload);
		const sent = [];
		for (const subscription of this.subscriptions()) {
			if (!subscription.url || !subscription.events.includes(event)) continue;
			sent.push(await this.deliverTo(subscription, event, body, options));
		}
		return sent;
	}

	/** @param {Subscription} subscription @param {string} event @param {string} body */
	async deliverTo(subscription, event, body, options = {}) {
		const mode = options.signature ?? 'valid';
		const digest = sign(
			mode === 'wrong' ? `${subscription.secret}-not` : subscription.secret,
			body,
		);
		const signature = `${this.prefix}${digest}`;
		const headers = { 'content-type': options.contentType ?? 'application/json' };
		if (mode !== 'missing') headers[options.header ?? this.header] = signature;
		const answer = await post(subscription.url, body, headers);
		const delivery = { url: subscription.url, event, signature, ...answer };
		this.deliveries.push(delivery);
		return delivery;
	}

	clear() {
		this.deliveries = [];
	}
}

/** The event of a post target that reached a final state, or undefined while it is pending. */
function postEvent(target) {
	if (target.status === 'failed') return 'post.failed';
	if (target.status === 'published' || target.status === 'posted') return 'post.published';
	return undefined;
}

module.exports = { WebhookSender, sign, postEvent };
