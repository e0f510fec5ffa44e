/**
 * The pure parts of issue 22's error paths: odd Retry-After values, reset epochs in the
 * API's clock, TLS handshake failures, plain-http Base URLs, redaction of keys, n8n's
 * errors from another copy of n8n-workflow, and the credential test's request.
 */
import { ExpressionError, NodeApiError } from 'n8n-workflow';

import { SCHEDULALA_KEY } from '../support/helpers';
import { SocialSyncerApi } from '../../credentials/SocialSyncerApi.credentials';
import { SchedulalaApi } from '../../credentials/SchedulalaApi.credentials';
import { asNodeError, errorFields, isN8nError } from '../../nodes/shared/errors/errors';
import { redactValue } from '../../nodes/shared/errors/redact';
import { isCleartextRemote } from '../../nodes/shared/transport/baseUrl';
import { inLocalClock } from '../../nodes/shared/transport/clock';
import { networkFailure } from '../../nodes/shared/transport/network';
import { retryAfterToMs } from '../../nodes/shared/transport/waits';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const node = {
	id: '1',
	name: 'SocialSyncerAPI',
	type: 'n8n-nodes-social-posting.socialSyncer',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

describe('Retry-After with more than one value', () => {
	it.each([
		['5, 7', 5000],
		['5,7', 5000],
		[' 3 , 60', 3000],
		['Sun, 22 Nov 2026 12:00:30 GMT, Sun, 22 Nov 2026 12:05:00 GMT', 30_000],
		['Sun, 22 Nov 2026 12:00:30 GMT', 30_000],
		// Not a number or an HTTP date: skipped, the next valid value counts (Date.parse would
		// read "abc, 2" or "0" as a date decades ago, a wait of 0).
		[', 2', 2000],
		['abc, 2', 2000],
		['-1, 2', 2000],
		['Sun, 2', 2000],
		['12 13', undefined],
		['-5', undefined],
		['', undefined],
	])('%s → %p ms', (value, expected) => {
		expect(retryAfterToMs(value, NOW)).toBe(expected);
	});
});

describe("reset epochs in the API's clock", () => {
	const apiNow = NOW - 120_000;
	const date = new Date(apiNow).toUTCString();

	it('moves an epoch-ms reset by the clock difference the Date header shows', () => {
		const moved = inLocalClock({ Date: date, 'X-RateLimit-Reset': String(apiNow + 1000) }, NOW);
		expect(Number(moved['X-RateLimit-Reset'])).toBe(NOW + 1000);
	});

	it('moves an epoch-seconds reset and a Retry-After date', () => {
		const moved = inLocalClock(
			{
				date,
				'x-ratelimit-reset': String(apiNow / 1000 + 30),
				'retry-after': new Date(apiNow + 60_000).toUTCString(),
			},
			NOW,
		);
		expect(Number(moved['x-ratelimit-reset'])).toBe(NOW / 1000 + 30);
		expect(retryAfterToMs(moved['retry-after'] as string, NOW)).toBe(60_000);
	});

	it('leaves deltas, in-step clocks and answers without a Date alone', () => {
		const delta = { date, 'x-ratelimit-reset': '750' };
		expect(inLocalClock(delta, NOW)).toEqual(delta);
		const inStep = { date: new Date(NOW).toUTCString(), 'x-ratelimit-reset': String(NOW + 5) };
		expect(inLocalClock(inStep, NOW + 400)).toEqual(inStep);
		const noDate = { 'x-ratelimit-reset': String(apiNow) };
		expect(inLocalClock(noDate, NOW)).toEqual(noDate);
	});
});

describe('TLS handshake failures are provably not sent', () => {
	const tlsError = (code: string, message: string) => Object.assign(new Error(message), { code });

	it.each([
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'],
		['CERT_HAS_EXPIRED', 'certificate has expired'],
		['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
		['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'],
		['EPROTO', 'SSL routines:ssl3_get_record:wrong version number'],
	])('%s', (code, message) => {
		const failure = networkFailure(tlsError(code, message), 'SocialSyncerAPI', 30_000);
		expect(failure.processed).toBe(false);
		expect(failure.retryable).toBe(false);
		expect(failure.message).toMatch(/TLS handshake failed.*nothing was sent/);
	});

	it("n8n 1.x's NodeSslError, whose cause carries the code", () => {
		const cause = tlsError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in chain');
		const wrapped = Object.assign(
			new Error("SSL Issue: consider using the 'Ignore SSL issues' option"),
			{ cause },
		);
		expect(networkFailure(wrapped, 'Schedulala', 30_000).processed).toBe(false);
	});

	it('a reset after the handshake stays unknown', () => {
		const failure = networkFailure(tlsError('ECONNRESET', 'socket hang up'), 'Schedulala', 1);
		expect(failure.processed).toBeUndefined();
	});
});

describe('plain http:// Base URLs', () => {
	it.each([
		['http://api.example.com/v1', true],
		['http://10.0.0.5:8080/api/v1', true],
		['http://localhost.example.com/v1', true],
		['http://localhost:3000/v1', false],
		['http://127.0.0.1:4010/api/v1', false],
		['http://[::1]:4010/v1', false],
		['http://proxy.localhost/v1', false],
		['https://api.example.com/v1', false],
	])('%s → refused: %p', (url, refused) => {
		expect(isCleartextRemote(url)).toBe(refused);
	});
});

describe('redaction', () => {
	it('masks the key in values and in object keys, at any depth', () => {
		const key = SCHEDULALA_KEY;
		const masked = redactValue(
			{ [key]: { note: `Bearer ${key}`, list: [{ [`x-${key}`]: key }] } },
			[key],
		);
		expect(JSON.stringify(masked)).not.toContain(key);
		expect(Object.keys(masked)).toEqual(['[redacted]']);
	});
});

describe("n8n's errors from another copy of n8n-workflow", () => {
	/** What n8n throws when the package loaded its own n8n-workflow: same shape, other class. */
	function foreign(error: Error): Error {
		const copy = Object.assign(new Error(error.message), { ...error });
		Object.defineProperty(copy, 'name', { value: error.name, enumerable: true });
		return copy;
	}

	it('an ExpressionError passes through unchanged, with its code', () => {
		const original = new ExpressionError("Referenced node doesn't exist", {
			description: 'The node <strong>Renamed Node</strong> does not exist',
		});
		const thrown = foreign(original);
		expect(thrown instanceof ExpressionError).toBe(false);
		expect(isN8nError(thrown)).toBe(true);
		const result = asNodeError(node, thrown, 2);
		expect(result).toBe(thrown);
		expect(result.context.itemIndex).toBe(2);
		expect(errorFields(result)).toMatchObject({
			code: 'EXPRESSION_ERROR',
			message: "Referenced node doesn't exist",
		});
	});

	it('an ExpressionError made in another realm (not even an Error here) passes through', () => {
		const thrown = {
			...new ExpressionError("Referenced node doesn't exist"),
			name: 'ExpressionError',
			message: "Referenced node doesn't exist",
		};
		expect(thrown instanceof Error).toBe(false);
		const result = asNodeError(node, thrown, 1);
		expect(result).toBe(thrown);
		expect(errorFields(result).code).toBe('EXPRESSION_ERROR');
	});

	it('a NodeApiError keeps its status', () => {
		const thrown = foreign(new NodeApiError(node, {}, { message: 'Bad', httpCode: '502' }));
		expect(errorFields(asNodeError(node, thrown, 0)).httpCode).toBe(502);
	});

	it('a plain JS error is still reported as a bug in the node', () => {
		const result = asNodeError(node, new TypeError('x is undefined'), 0);
		expect(result.message).toBe('Unexpected problem: x is undefined');
	});
});

describe.each([
	['socialSyncerApi', new SocialSyncerApi()],
	['schedulalaApi', new SchedulalaApi()],
])('the %s credential test', (_name, credential) => {
	const test = credential.test!;

	it('does not follow redirects nor send the key along one', () => {
		expect(test.request.disableFollowRedirect).toBe(true);
		expect(test.request.sendCredentialsOnCrossOriginRedirect).toBe(false);
	});

	it('fails a redirect with a sentence saying what to fix', () => {
		const codes = (test.rules ?? [])
			.filter((rule) => rule.type === 'responseCode')
			.map((rule) => rule.properties.value);
		expect(codes).toEqual([301, 302, 303, 307, 308]);
	});

	it('swaps a plain http:// Base URL to another machine for one no client can send to', () => {
		expect(test.request.baseURL).toMatch(
			/\? "http:\/\/\[plain-http-to-another-machine-refused\]" :/,
		);
		expect(() => new URL('http://[plain-http-to-another-machine-refused]/accounts')).toThrow();
	});

	it("shows its notice under Base URL by the node's own rule", () => {
		const notice = credential.properties.find((prop) => prop.name === 'cleartextNotice');
		expect(notice?.type).toBe('notice');
		const condition = (
			notice?.displayOptions?.show?.baseUrl as Array<{ _cnd: { regex: string } }>
		)[0];
		const shown = new RegExp(condition._cnd.regex);
		for (const url of [
			'http://api.example.com/v1',
			'HTTP://10.0.0.5/v1',
			'http://localhost.example.com',
			'http://localhost:3000/v1',
			'http://127.0.0.1:4010/api/v1',
			'http://[::1]:4010/v1',
			'http://proxy.localhost/v1',
			'https://api.example.com/v1',
		])
			expect([url, shown.test(url)]).toEqual([url, isCleartextRemote(url)]);
	});
});
