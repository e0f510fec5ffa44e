import { createHmac } from 'crypto';

import { asWebhookEvent, eventItem } from '../../nodes/shared/trigger/event';
import { signatureMatches } from '../../nodes/shared/trigger/signature';

const body = Buffer.from('{"event":"post.published","data":{"postId":"post_1"}}');
const hex = createHmac('sha256', 'whsec_1').update(body).digest('hex');

describe('webhook signatures', () => {
	it('accepts the hex HMAC-SHA256 of the raw body, with or without "sha256="', () => {
		expect(signatureMatches(body, 'whsec_1', hex)).toBe(true);
		expect(signatureMatches(body, 'whsec_1', `sha256=${hex}`)).toBe(true);
		expect(signatureMatches(body, 'whsec_1', hex.toUpperCase())).toBe(true);
	});

	it('refuses another secret, another body, a missing or malformed signature, an empty secret', () => {
		expect(signatureMatches(body, 'whsec_2', hex)).toBe(false);
		expect(signatureMatches(Buffer.from(`${body.toString()} `), 'whsec_1', hex)).toBe(false);
		expect(signatureMatches(body, 'whsec_1', undefined)).toBe(false);
		expect(signatureMatches(body, 'whsec_1', hex.slice(0, 40))).toBe(false);
		expect(signatureMatches(body, 'whsec_1', 'not hex at all')).toBe(false);
		expect(signatureMatches(body, '', createHmac('sha256', '').update(body).digest('hex'))).toBe(
			false,
		);
	});
});

describe('webhook events', () => {
	it('takes { event, timestamp, data } and nothing else', () => {
		expect(asWebhookEvent({ event: 'post.failed', data: {} })).toBeDefined();
		expect(asWebhookEvent({ event: '' })).toBeUndefined();
		expect(asWebhookEvent({ data: {} })).toBeUndefined();
		expect(asWebhookEvent(['post.failed'])).toBeUndefined();
		expect(asWebhookEvent({ event: 'post.failed', data: 'x' })).toBeUndefined();
		expect(asWebhookEvent(null)).toBeUndefined();
	});

	it('keeps the event as sent and adds the fields a workflow needs, flattened', () => {
		const event = {
			event: 'post.failed',
			timestamp: '2026-01-15T10:00:00Z',
			data: {
				postId: 'post_1',
				platform: 'instagram',
				status: 'failed',
				platformPostUrl: 'https://instagram.com/p/1',
				error: { code: 'platform_error', message: 'Token expired' },
			},
		};
		expect(eventItem(event)).toEqual({
			...event,
			postId: 'post_1',
			platform: 'instagram',
			status: 'failed',
			url: 'https://instagram.com/p/1',
			error: 'Token expired (platform_error)',
		});
		expect(eventItem({ event: 'account.disconnected', data: { accountId: 'ig_1' } })).toEqual({
			event: 'account.disconnected',
			data: { accountId: 'ig_1' },
			accountId: 'ig_1',
		});
		// A field the event itself carries at the top stays as sent.
		expect(eventItem({ event: 'x', status: 'sent', data: { status: 'other' } }).status).toBe(
			'sent',
		);
	});
});
