// End-to-end, issue 22 items 3, 4, 8 and 15b in real n8n (both majors): n8n's own
// expression error passes through as n8n made it; a SocialSyncerAPI create answered 500
// keeps the API's message, the "not sent again" guidance in the description and the
// error item; the credential test follows no redirect and refuses plain http:// to
// another machine.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { packPackage } from '../support/n8n/n8n.mjs';
import { RUNTIMES } from '../support/n8n/runtime.mjs';
import { jsonOf, KEYS, majors, n8nWithSimulators, simulators } from '../support/n8n/common.mjs';
import { linear, node, SOCIAL } from '../support/n8n/workflows.mjs';

const packageDir = packPackage();
const IDS = {
	socialSyncerApi: { id: 'SocialSyncerDemo', name: 'SocialSyncerAPI account' },
	schedulalaApi: { id: 'SchedulalaDemo01', name: 'Schedulala account' },
};

const create = (name, content, extra = {}) =>
	node(
		name,
		'n8n-nodes-social-posting.socialSyncer',
		{
			resource: 'post',
			operation: 'create',
			content,
			platforms: { target: [{ platform: 'instagram', accountId: 'ig_123' }] },
			requestOptions: { maxRetries: 1, initialBackoff: 10 },
		},
		{ credentials: SOCIAL, ...extra },
	);
const start = () => node('Start', 'n8n-nodes-base.manualTrigger', {});

const WORKFLOWS = {
	renamed: linear('E2eErrRenamed001', 'E2E: $() of a renamed node in Content', [
		start(),
		create('Create', "={{ $('Renamed Node').item.json.text }}"),
	]),
	api500: linear('E2eErrApi500Thr1', 'E2E: create answered 500, thrown', [
		start(),
		create('Create', 'Answered 500'),
	]),
	api500Continue: linear('E2eErrApi500Con1', 'E2E: create answered 500, Continue', [
		start(),
		create('Create', 'Answered 500', { onError: 'continueRegularOutput' }),
	]),
};

for (const major of majors) {
	describe(`n8n ${RUNTIMES[major].n8n}: error paths`, { timeout: 600_000 }, () => {
		const sims = simulators();
		const { socialSyncer: social, schedulala } = sims;
		let n8n;
		let urls;

		before(async () => {
			({ n8n, urls } = await n8nWithSimulators({ major, packageDir, sims }));
			for (const workflow of Object.values(WORKFLOWS)) await n8n.importWorkflow(workflow);
		});

		after(async () => {
			await n8n?.stop();
			n8n?.cleanup();
			await Promise.all([social.stop(), schedulala.stop()]);
		});

		it("$('Renamed Node') in Content: n8n's own expression error, nothing sent", async () => {
			social.clear();
			const { code, run } = await n8n.execute('E2eErrRenamed001');
			assert.notEqual(code, 0);
			const error = run.data.resultData.error;
			assert.doesNotMatch(error.message, /Unexpected problem/);
			assert.doesNotMatch(String(error.description ?? ''), /bug in the node/);
			assert.match(error.message, /Renamed Node|doesn't exist|Referenced node/i);
			assert.equal(error.name, 'ExpressionError', JSON.stringify(error).slice(0, 500));
			assert.equal(social.requests.length, 0);
		});

		it("a create answered 500: the API's message unchanged, the guidance in the description", async () => {
			social.clear();
			social.script({
				kind: 'error',
				method: 'POST',
				path: '/posts',
				status: 500,
				code: 'INTERNAL_ERROR',
				message: 'Internal server error',
			});
			const { code, run } = await n8n.execute('E2eErrApi500Thr1');
			assert.notEqual(code, 0);
			const error = run.data.resultData.error;
			assert.equal(error.message, 'Internal server error');
			assert.match(error.description, /INTERNAL_ERROR.*Not sent again/s);
			assert.equal(social.requestsTo('POST', '/posts').length, 1);
		});

		it('the same under Continue: the error item says it may exist and what to check', async () => {
			social.clear();
			social.script({
				kind: 'error',
				method: 'POST',
				path: '/posts',
				status: 500,
				code: 'INTERNAL_ERROR',
				message: 'Internal server error',
			});
			const { code, run } = await n8n.execute('E2eErrApi500Con1');
			assert.equal(code, 0);
			const [item] = jsonOf(run, 'Create');
			assert.deepEqual(Object.keys(item), ['error']);
			assert.equal(item.error.message, 'Internal server error');
			assert.equal(item.error.code, 'INTERNAL_ERROR');
			assert.equal(item.error.mayExist, true);
			assert.match(item.error.advice, /^Not sent again: the post may already exist/);
			assert.match(item.error.description, /Not sent again/);
		});

		it('the credential test: no redirect followed, plain http:// to another machine refused', async () => {
			social.clear();
			schedulala.clear();
			await n8n.start();
			await n8n.setupOwner();
			const test = async (type, data) => {
				const response = await n8n.rest('POST', '/credentials/test', {
					// Credentials n8n knows (imported), tested with the data as the form holds it.
					credentials: { ...IDS[type], type, data },
				});
				return (
					response.json?.data ?? { httpStatus: response.status, text: response.text.slice(0, 300) }
				);
			};
			// Each API redirects its test request to the other simulator (another origin).
			social.script({
				kind: 'status',
				method: 'GET',
				path: '/accounts',
				status: 301,
				headers: { Location: `${urls.schedulala}/posts` },
			});
			schedulala.script({
				kind: 'status',
				method: 'GET',
				path: '/posts',
				status: 302,
				headers: { Location: `${urls.socialSyncer}/accounts` },
			});
			const socialResult = await test('socialSyncerApi', {
				apiKey: KEYS.socialSyncer,
				baseUrl: urls.socialSyncer,
			});
			const schedulalaResult = await test('schedulalaApi', {
				apiKey: KEYS.schedulala,
				baseUrl: urls.schedulala,
			});
			assert.equal(socialResult.status, 'Error', JSON.stringify(socialResult));
			// n8n 2.x applies the credential's rule for the status; 1.x reports the status itself.
			const redirected = (status) =>
				major === 2
					? new RegExp(`redirected the test.*HTTP ${status}`)
					: new RegExp(`status code ${status}`);
			assert.match(socialResult.message, redirected(301));
			assert.equal(schedulalaResult.status, 'Error', JSON.stringify(schedulalaResult));
			assert.match(schedulalaResult.message, redirected(302));
			// One request each, to its own Base URL: neither key went to the other host.
			assert.equal(social.requests.length, 1);
			assert.equal(schedulala.requests.length, 1);
			assert.equal(social.requests[0].headers.authorization, `Bearer ${KEYS.socialSyncer}`);
			assert.equal(schedulala.requests[0].headers.authorization, `Bearer ${KEYS.schedulala}`);

			for (const type of ['socialSyncerApi', 'schedulalaApi']) {
				const result = await test(type, {
					apiKey: 'sk_live_never_in_clear_text',
					baseUrl: 'http://api.example.invalid/v1',
				});
				assert.equal(result.status, 'Error', JSON.stringify(result));
				// Swapped for an address no client can send to: nothing leaves n8n (the form's notice says why).
				assert.match(result.message, /^(ERR_INVALID_URL|Invalid URL)$/, JSON.stringify(result));
			}
			// The simulators on 127.0.0.1 over http:// still pass.
			const local = await test('socialSyncerApi', {
				apiKey: KEYS.socialSyncer,
				baseUrl: urls.socialSyncer,
			});
			assert.equal(local.status, 'OK', JSON.stringify(local));
		});
	});
}
