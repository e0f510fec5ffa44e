// End-to-end: the packed package installed in real n8n (2.41.1 on Node 24 with
// SSRF protection on, and 1.123.81 on Node 20), credentials encrypted by n8n,
// workflows imported and executed by n8n's CLI, against the simulators.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
	N8nInstance,
	packPackage,
	readExample,
	repoDir,
	simulatorCredentials,
} from '../support/n8n/n8n.mjs';
import { ensureRuntime, RUNTIMES } from '../support/n8n/runtime.mjs';
import { jsonOf, KEYS, majors, require, simulators, startSimulators } from '../support/n8n/common.mjs';
import { linear, mediaWorkflow, node, SCHEDULALA, SOCIAL, workflows } from '../support/n8n/workflows.mjs';

const { MediaHost } = require('../support/simulators/mediaHost.js');

const packageDir = packPackage();

/**
 * 12 rows, then Get Post on each API at the defaults (Concurrency 5, Max Retries 3), On Error:
 * Continue (regular output), as a user would set it up against an API that is down.
 */
const outageWorkflow = () => {
	const get = (name, type, credentials) =>
		node(
			name,
			`n8n-nodes-social-posting.${type}`,
			{ resource: 'post', operation: 'get', postId: 'post_down' },
			{ credentials, onError: 'continueRegularOutput' },
		);
	return linear('E2eOutageConc001', 'E2E: 12 items against an API that is down', [
		node('Start', 'n8n-nodes-base.manualTrigger', {}),
		node(
			'Rows',
			'n8n-nodes-base.code',
			{ jsCode: 'return Array.from({ length: 12 }, (_, i) => ({ json: { row: i } }));' },
			{ typeVersion: 2 },
		),
		get('Get on SocialSyncerAPI', 'socialSyncer', SOCIAL),
		get('Get on Schedulala', 'schedulala', SCHEDULALA),
	]);
};

const runData = (run, name) => run?.data?.resultData?.runData?.[name]?.[0];
const output = (run, name, index = 0) => runData(run, name)?.data?.main?.[index] ?? [];

for (const major of majors) {
	describe(`n8n ${RUNTIMES[major].n8n}`, { timeout: 900_000 }, () => {
		const sims = simulators();
		const { socialSyncer: social, schedulala } = sims;
		const mediaHost = new MediaHost();
		// 1 MB: on 1.123 (in-memory binary mode) the file is in the run data the CLI prints.
		const video = randomBytes(1024 * 1024 + 3);
		let n8n;
		let urls;

		before(async () => {
			await ensureRuntime(major);
			urls = await startSimulators(sims);
			n8n = new N8nInstance({ major, packageDir });
			// Read/Write Files from Disk may read only here (2.x restricts it by default).
			const files = mkdtempSync(join(tmpdir(), 'n8n-e2e-files-'));
			n8n.env.N8N_RESTRICT_FILE_ACCESS_TO = files;
			writeFileSync(join(files, 'launch.mp4'), video);
			social.mediaHost = mediaHost;
			schedulala.allowPrivateMediaUrls = true;
			const host = await mediaHost.start();
			await n8n.importCredentials([
				...simulatorCredentials(urls, KEYS),
				{
					id: 'SocialSyncerBadK',
					name: 'Wrong key',
					type: 'socialSyncerApi',
					data: { apiKey: 'sk_wrong_e2e_key', baseUrl: urls.socialSyncer },
				},
				{
					id: 'SocialSyncerHtml',
					name: 'Website, not the API',
					type: 'socialSyncerApi',
					data: { apiKey: KEYS.socialSyncer, baseUrl: `${urls.socialSyncer}/html-page` },
				},
				{
					id: 'SchedulalaBadKey',
					name: 'Wrong key',
					type: 'schedulalaApi',
					data: { apiKey: 'sk_live_wrong_e2e_key', baseUrl: urls.schedulala },
				},
				{
					id: 'SchedulalaHtml01',
					name: 'Website, not the API',
					type: 'schedulalaApi',
					data: { apiKey: KEYS.schedulala, baseUrl: `${urls.schedulala}/html-page` },
				},
			]);
			for (const name of [
				'post-now-and-retry-failed.json',
				'scheduled-rows-no-duplicates.json',
				'error-output-branch.json',
				'reschedule-next-hour.json',
			]) {
				await n8n.importWorkflow(readExample(name));
			}
			for (const workflow of Object.values(workflows))
				if (typeof workflow === 'object') await n8n.importWorkflow(workflow);
			await n8n.importWorkflow(mediaWorkflow(join(files, 'launch.mp4'), `${host}/file/d/abc/view`));
			// The example reads a fixed path: point it at this run's file.
			const fileExample = readExample('post-file-from-previous-node.json');
			fileExample.nodes.find((node) => node.name === 'Read the video').parameters.fileSelector =
				join(files, 'launch.mp4');
			await n8n.importWorkflow(fileExample);
		});

		after(async () => {
			await n8n?.stop();
			n8n?.cleanup();
			await Promise.all([social.stop(), schedulala.stop(), mediaHost.stop()]);
		});

		it('example: posts a file from a previous node, and its uploaded URL with Schedulala', async () => {
			social.clear();
			schedulala.clear();
			mediaHost.clear();
			const { code, stdout, stderr } = await n8n.execute('PostFileBinary01');
			assert.equal(code, 0, `${stdout}\n${stderr}`.slice(-3000));
			// Checked at the simulators: they saw what the workflow did, whatever the CLI printed.
			const [tiktok] = [...social.posts.values()];
			assert.equal(tiktok.status, 'published');
			assert.equal(tiktok.mediaItems[0].type, 'video');
			const [linkedIn] = [...schedulala.posts.values()];
			assert.equal(linkedIn.mediaItems.length, 1);
			assert.equal(linkedIn.mediaItems[0].type, 'video');
			const uploadedKeys = [...mediaHost.files.keys()].map(
				(key) => `${mediaHost.baseUrl}/files/${key}`,
			);
			assert.ok(
				uploadedKeys.includes(linkedIn.mediaItems[0].url),
				'Schedulala posted the uploaded URL',
			);
			assert.ok(uploadedKeys.includes(tiktok.mediaItems[0].url), 'TikTok posted its uploaded URL');
			// The Schedulala post's URL check found the uploaded file: a HEAD to it, answered 200.
			assert.ok(
				mediaHost.requests.some((request) => request.method === 'HEAD' && request.status === 200),
			);
			assert.equal(mediaHost.files.size, 2);
		});

		it('a file read from disk is uploaded (streamed, without the key) and posted; Schedulala and a share link are refused before sending', async () => {
			social.clear();
			schedulala.clear();
			mediaHost.clear();
			mediaHost.page('/file/d/abc/view', 200, { 'Content-Type': 'text/html' }, '<html></html>');
			const { code, run } = await n8n.execute('E2eMediaFile0001');
			assert.equal(code, 0);
			const digest = createHash('sha256').update(video).digest('hex');
			const stored = [...mediaHost.files.entries()];
			assert.equal(stored.length, 2);
			for (const [, file] of stored) {
				assert.deepEqual(file, { size: video.length, sha256: digest, contentType: 'video/mp4' });
			}
			for (const put of mediaHost.requests.filter((request) => request.method === 'PUT')) {
				assert.equal(put.headers.authorization, undefined);
				assert.equal(put.headers['content-length'], String(video.length));
			}
			const [post] = jsonOf(run, 'Create with file');
			assert.equal(post.mediaItems.length, 1);
			assert.equal(post.mediaItems[0].type, 'video');
			assert.match(post.mediaItems[0].url, /\/files\/.+launch\.mp4$/);
			const [uploaded] = jsonOf(run, 'Upload');
			assert.deepEqual(
				{ ...uploaded, publicUrl: undefined },
				{
					publicUrl: undefined,
					type: 'video',
					mimeType: 'video/mp4',
					fileName: 'launch.mp4',
					size: video.length,
				},
			);
			const [refused] = jsonOf(run, 'Schedulala with file');
			assert.equal(refused.error.code, 'INVALID_PARAMETER');
			assert.match(refused.error.message, /binary file, which Schedulala does not take/);
			const [shareLink] = jsonOf(run, 'Share link');
			assert.equal(shareLink.error.message, 'Media item 1 is a web page, not a media file');
			assert.equal(schedulala.requests.filter((request) => request.method === 'POST').length, 0);
		});

		it('example: posts now, finds the failed platform and retries it', async () => {
			social.clear();
			social.failPlatform('tiktok', 'Video processing failed: unsupported codec');
			const { code, run } = await n8n.execute('PostRetryFailed1');
			assert.equal(code, 0);
			const [created] = jsonOf(run, 'Create post');
			assert.equal(created.status, 'partial');
			assert.deepEqual(created.failedPlatforms, [
				{ platform: 'tiktok', error: 'Video processing failed: unsupported codec' },
			]);
			const [retried] = jsonOf(run, 'Retry failed platforms');
			assert.equal(retried.id, created.id);
			assert.equal(retried.status, 'published');
			assert.deepEqual(retried.failedPlatforms, []);
			assert.equal(output(run, 'All published').length, 0);
		});

		it('example: scheduled rows with the row ID as key never double-post', async () => {
			schedulala.clear();
			const first = await n8n.execute('ScheduledRows001');
			const second = await n8n.execute('ScheduledRows001');
			assert.equal(first.code, 0);
			const ids = jsonOf(first.run, 'Schedule post').map((post) => post.id);
			assert.equal(ids.length, 3);
			assert.deepEqual(
				jsonOf(second.run, 'Schedule post').map((post) => post.id),
				ids,
			);
			assert.equal(schedulala.posts.size, 3);
			const keys = schedulala.requests.map((request) => request.headers['idempotency-key']);
			assert.deepEqual(keys, ['row-101', 'row-102', 'row-103', 'row-101', 'row-102', 'row-103']);
			for (const post of jsonOf(first.run, 'Schedule post')) assert.equal(post.status, 'scheduled');
		});

		it('example: failed items go to the error branch with their code and message', async () => {
			schedulala.clear();
			const { code, run } = await n8n.execute('ErrorOutputDemo1');
			assert.equal(code, 0);
			assert.equal(output(run, 'Posted').length, 2);
			const failedItems = jsonOf(run, 'Failed: notify the team');
			assert.equal(failedItems.length, 1);
			assert.equal(failedItems[0].code, 'validation_error');
			assert.equal(failedItems[0].message, 'Content too long for twitter');
			assert.match(failedItems[0].whatToDo, /error code validation_error \(HTTP 400\)/);
			assert.match(failedItems[0].post, /far too long for X/);
		});

		it('every operation of the SocialSyncerAPI node', async () => {
			social.clear();
			social.failPlatform('tiktok', 'Video processing failed: unsupported codec');
			const { code, run } = await n8n.execute('E2eSocialOps0001');
			assert.equal(code, 0);
			const [created] = jsonOf(run, 'Create');
			assert.equal(created.status, 'partial');
			assert.equal(jsonOf(run, 'Get')[0].id, created.id);
			assert.equal(jsonOf(run, 'Retry')[0].status, 'published');
			assert.equal(social.requests[0].headers.authorization, `Bearer ${KEYS.socialSyncer}`);
		});

		it('every operation of the Schedulala node', async () => {
			schedulala.clear();
			schedulala.failPlatform('tiktok', 'TikTok is unavailable');
			const { code, run } = await n8n.execute('E2eSchedOps00001');
			assert.equal(code, 0);
			assert.equal(jsonOf(run, 'Validate')[0].valid, true);
			const [created] = jsonOf(run, 'Create');
			assert.equal(created.id, created._id);
			assert.deepEqual(created.failedPlatforms, [
				{ platform: 'tiktok', error: 'TikTok is unavailable' },
			]);
			assert.equal(jsonOf(run, 'Get')[0].id, created.id);
			assert.equal(jsonOf(run, 'Retry')[0].status, 'posted');
			const createRequest = schedulala.requests.find(
				(request) => request.method === 'POST' && request.path === '/posts',
			);
			assert.match(createRequest.headers['idempotency-key'], /^n8n-[0-9a-f]{40}$/);
		});

		it('Account → Get Many and Get Health: one item per account', async () => {
			social.clear();
			schedulala.clear();
			const { code, run } = await n8n.execute('E2eAccounts00001');
			assert.equal(code, 0);
			assert.deepEqual(
				jsonOf(run, 'Accounts').map((account) => account.accountId),
				['ig_123', 'ig_999'],
			);
			const health = jsonOf(run, 'Health');
			assert.equal(health.length, 6);
			assert.equal(health.find((account) => account.accountId === 'ig_999').tokenValid, false);
			assert.equal(health.find((account) => account.platform === 'tiktok').health, 'warning');
			const accounts = jsonOf(run, 'Schedulala accounts');
			assert.deepEqual(
				accounts.map((account) => account.accountId),
				['acc_tw_1', 'acc_li_1', 'acc_ig_1'],
			);
			assert.equal(accounts[2].needsReconnect, true);
		});

		it('Post → Delete cancels a scheduled post on both services, and a lost answer counts as deleted', async () => {
			social.clear();
			schedulala.clear();
			social.posts.set('e2e_social_sched', {
				id: 'e2e_social_sched',
				content: 'x',
				status: 'scheduled',
				platforms: [],
			});
			schedulala.posts.set('e2e_sched_sched', {
				_id: 'e2e_sched_sched',
				content: 'x',
				status: 'scheduled',
				platforms: [],
			});
			// The Schedulala answer is lost: the re-send finds the post gone, which means deleted.
			schedulala.script({ kind: 'dropAfter', method: 'DELETE' });
			const { code, run } = await n8n.execute('E2eDeletes000001');
			assert.equal(code, 0);
			assert.deepEqual(jsonOf(run, 'Delete'), [{ id: 'e2e_social_sched', deleted: true }]);
			assert.deepEqual(jsonOf(run, 'Delete on Schedulala'), [
				{ id: 'e2e_sched_sched', deleted: true },
			]);
			assert.equal(social.posts.size + schedulala.posts.size, 0);
			assert.deepEqual(
				schedulala.requests.map((request) => request.status),
				[0, 404],
			);
		});

		it('example: reschedules the posts of the next hour to tomorrow', async () => {
			schedulala.clear();
			const at = (minutes) => new Date(Date.now() + minutes * 60_000).toISOString();
			const seed = (id, status, minutes) =>
				schedulala.posts.set(id, {
					_id: id,
					content: id,
					status,
					scheduledFor: at(minutes),
					platforms: [],
				});
			seed('soon', 'scheduled', 20);
			seed('later', 'scheduled', 180);
			seed('draft', 'draft', 30);
			const soonAt = schedulala.posts.get('soon').scheduledFor;
			const laterAt = schedulala.posts.get('later').scheduledFor;
			const { code, run } = await n8n.execute('RescheduleHour01');
			assert.equal(code, 0);
			assert.deepEqual(
				jsonOf(run, 'Rescheduled').map((post) => post.id),
				['soon'],
			);
			assert.equal(
				schedulala.posts.get('soon').scheduledFor,
				new Date(Date.parse(soonAt) + 24 * 3_600_000).toISOString(),
			);
			assert.equal(schedulala.posts.get('later').scheduledFor, laterAt);
			const patches = schedulala.requests.filter((request) => request.method === 'PATCH');
			assert.deepEqual(
				patches.map((request) => Object.keys(request.body)),
				[['scheduledFor']],
			);
		});

		it('Post → Update changes only the fields given; a published post gives the API error', async () => {
			social.clear();
			schedulala.clear();
			const scheduled = { content: 'Old', status: 'scheduled', platforms: [] };
			social.posts.set('e2e_social_upd', { id: 'e2e_social_upd', ...scheduled });
			social.posts.set('e2e_social_live', {
				id: 'e2e_social_live',
				...scheduled,
				status: 'published',
			});
			schedulala.posts.set('e2e_sched_upd', { _id: 'e2e_sched_upd', ...scheduled });
			const { code, run } = await n8n.execute('E2eUpdates000001');
			assert.equal(code, 0);
			const [updated] = jsonOf(run, 'Update');
			assert.equal(updated.content, 'Moved by n8n');
			assert.deepEqual(
				updated.platforms.map(({ platform, accountId }) => ({ platform, accountId })),
				[{ platform: 'twitter', accountId: 'tw_789' }],
			);
			const put = social.requests.find((request) => request.method === 'PUT');
			assert.deepEqual(Object.keys(put.body).sort(), ['content', 'platforms', 'scheduledFor']);
			assert.ok(Date.parse(put.body.scheduledFor) > Date.now() + 3_600_000);
			const [patched] = jsonOf(run, 'Update on Schedulala');
			assert.equal(patched.content, 'Moved by n8n');
			const patch = schedulala.requests.find((request) => request.method === 'PATCH');
			assert.deepEqual(Object.keys(patch.body).sort(), ['content', 'scheduledFor']);
			const [refused] = jsonOf(run, 'Update published');
			assert.equal(refused.error.code, 'VALIDATION_ERROR');
			assert.match(refused.error.message, /Cannot edit a published post/);
			assert.equal(social.posts.get('e2e_social_live').content, 'Old');
		});

		it('Wait for Publish: Create and Retry output the post once it is live', async () => {
			social.clear();
			schedulala.clear();
			social.publishDelayMs = 2_500;
			schedulala.publishDelayMs = 2_500;
			social.posts.set('e2e_social_failed', {
				id: 'e2e_social_failed',
				content: 'x',
				mediaItems: [{ type: 'video', url: 'https://cdn.example.com/clip.mp4' }],
				status: 'failed',
				platforms: [{ platform: 'tiktok', accountId: 'tt_321', status: 'failed', error: 'boom' }],
			});
			const { code, run } = await n8n.execute('E2eWaitPublish01');
			assert.equal(code, 0);
			assert.equal(jsonOf(run, 'Create and wait')[0].status, 'published');
			assert.equal(jsonOf(run, 'Create and wait on Schedulala')[0].status, 'posted');
			assert.equal(jsonOf(run, 'Retry and wait')[0].status, 'published');
			for (const sim of [social, schedulala]) {
				const creates = sim.requests.filter((r) => r.method === 'POST' && r.path === '/posts');
				assert.equal(creates.length, 1);
				assert.ok(sim.requests.filter((request) => request.method === 'GET').length >= 2);
			}
		});

		it('Wait for Publish: a timeout is WAIT_TIMEOUT with the post ID; Retry On Fail waits again, posting once', async () => {
			social.clear();
			schedulala.clear();
			social.publishDelayMs = 3_500;
			schedulala.publishDelayMs = 600_000;
			const { code, run } = await n8n.execute('E2eWaitTimeout01');
			assert.equal(code, 0);
			assert.equal(jsonOf(run, 'Create, retried on fail')[0].status, 'published');
			assert.equal(social.requests.filter((request) => request.method === 'POST').length, 1);
			assert.equal(social.posts.size, 1);
			assert.equal(output(run, 'Create with a short wait', 0).length, 0);
			const [timedOut] = jsonOf(run, 'Create with a short wait', 1);
			const [postId] = [...schedulala.posts.keys()];
			assert.equal(timedOut.error.code, 'WAIT_TIMEOUT');
			assert.equal(timedOut.error.details.postId, postId);
			assert.match(timedOut.error.description, /do not create it again/);
		});

		it('many items go concurrently within the rate limit, in input order', async () => {
			social.clear();
			schedulala.clear();
			social.latencyMs = 150;
			schedulala.latencyMs = 150;
			schedulala.rateLimit(4, 1_000);
			const { code, run } = await n8n.execute('E2eConcurrent001');
			assert.equal(code, 0);
			const rows = Array.from({ length: 12 }, (_, index) => `Row ${index}`);
			for (const [name, sim] of [
				['Post rows', social],
				['Post rows on Schedulala', schedulala],
			]) {
				assert.deepEqual(
					jsonOf(run, name).map((post) => post.content),
					rows,
				);
				const creates = sim.requests.filter((request) => request.method === 'POST');
				// Started in input order.
				assert.deepEqual(
					creates
						.filter((request) => request.status !== 429)
						.map((request) => request.body.content),
					rows,
				);
			}
			// Without a rate limit, SocialSyncerAPI's requests overlap (Schedulala's 4 a second
			// at 150 ms latency need not).
			const creates = social.requests.filter((request) => request.method === 'POST');
			const overlapping = creates.some((request, index) =>
				creates.slice(index + 1).some((later) => later.at < request.answeredAt),
			);
			assert.ok(overlapping, 'SocialSyncerAPI: requests overlapped');
			assert.equal(
				schedulala.requests.filter((request) => request.status === 429).length,
				0,
				'Schedulala: stayed within X-RateLimit-Remaining',
			);
		});

		it('Requests per Minute paces SocialSyncerAPI (no rate headers) to the plan: 120 a minute, no 429', async () => {
			social.clear();
			social.latencyMs = 20;
			// A window of a second that admits 3: unpaced (Concurrency 5) the 6 rows run into it at
			// once; paced every ~490 ms, at most 3 starts fall in any second. (2 a second would
			// 429 whenever a start lands just after a window opens: t, t+490 and t+980 share it.)
			social.rateLimit(3, 1_000);
			await n8n.importWorkflow(workflows.paced);
			const { code, run } = await n8n.execute('E2ePacedRpm00001');
			social.limiter = undefined;
			assert.equal(code, 0);
			const rows = Array.from({ length: 6 }, (_, index) => `Paced row ${index}`);
			assert.deepEqual(
				jsonOf(run, 'Post rows').map((post) => post.content),
				rows,
			);
			const creates = social.requests.filter((request) => request.method === 'POST');
			assert.deepEqual(
				creates.map((request) => request.status),
				rows.map(() => 201),
				'no request ran into the limit',
			);
			// 120 a minute is one every 500 ms (the node keeps 2 % under it). Each start is held to its
			// place in that schedule less 100 ms of arrival jitter (a loaded machine delays the first
			// request's connection more than the next): unpaced, the six would arrive together.
			const gaps = creates.slice(1).map((request, index) => request.at - creates[index].at);
			assert.ok(
				creates.every((request, index) => request.at - creates[0].at >= index * 490 - 100),
				`request starts ${gaps.join(', ')} ms apart`,
			);
		});

		it('a failure among concurrent items names the items done; Retry On Fail posts none twice', async () => {
			social.clear();
			social.latencyMs = 100;
			const { code, run, stdout } = await n8n.execute('E2eConcurrStop01');
			assert.notEqual(code, 0);
			const error = run?.data?.resultData?.error ?? {};
			assert.match(
				`${error.description ?? ''} ${stdout}`,
				/The node stopped at item 3; items 1-2(, 4(-\d)?)? had been done by then/,
			);
			const contents = [...social.posts.values()].map((post) => post.content);
			assert.equal(new Set(contents).size, contents.length, 'no post twice');
		});

		it('an API answering 503 to everything, 12 items at the default Concurrency: no more requests than one at a time', async () => {
			social.clear();
			schedulala.clear();
			social.latencyMs = 30;
			schedulala.latencyMs = 30;
			for (const sim of [social, schedulala])
				sim.script({ kind: 'status', status: 503, body: '', times: 1000 });
			await n8n.importWorkflow(outageWorkflow());
			const { code, run, stdout, stderr } = await n8n.execute('E2eOutageConc001');
			assert.equal(code, 0, `${stdout}\n${stderr}`.slice(-3000));
			for (const [name, sim] of [
				['Get on SocialSyncerAPI', social],
				['Get on Schedulala', schedulala],
			]) {
				const codes = output(run, name).map((item) => item.json.error?.code);
				assert.deepEqual(codes, [
					...Array(3).fill('HTTP_503'),
					...Array(9).fill('API_UNAVAILABLE'),
				]);
				// One at a time: 3 items × (1 + Max Retries 3); before the fix, 28.
				assert.ok(sim.requests.length <= 12, `${name}: ${sim.requests.length} requests`);
			}
			social.clear();
			schedulala.clear();
		});

		it('Post → Get Many: Return All across pages with a filter, and Limit', async () => {
			social.clear();
			schedulala.clear();
			for (let index = 0; index < 120; index++) {
				const status = index % 2 === 0 ? 'scheduled' : 'draft';
				social.posts.set(`s${index}`, {
					id: `s${index}`,
					content: `s${index}`,
					status,
					platforms: [],
				});
				schedulala.posts.set(`c${index}`, {
					_id: `c${index}`,
					content: `c${index}`,
					status,
					platforms: [],
				});
			}
			const { code, run } = await n8n.execute('E2eListPosts0001');
			assert.equal(code, 0);
			const scheduled = jsonOf(run, 'Scheduled');
			assert.equal(scheduled.length, 60);
			assert.ok(
				scheduled.every(
					(post) => post.status === 'scheduled' && Array.isArray(post.failedPlatforms),
				),
			);
			assert.equal(social.requestsTo('GET', '/posts').length, 1);
			assert.deepEqual(
				jsonOf(run, 'Scheduled on Schedulala').map((post) => post.id),
				['c0', 'c1', 'c2'],
			);
		});

		it('a thrown API error carries the API message, HTTP code and description', async () => {
			const { code, run, stdout } = await n8n.execute('E2eThrownError01');
			assert.notEqual(code, 0);
			const error = run?.data?.resultData?.error ?? runData(run, 'Get')?.error;
			assert.ok(error, `no error in the run:\n${stdout.slice(-1500)}`);
			assert.equal(error.message, 'Post not found');
			assert.equal(String(error.httpCode), '404');
			assert.match(error.description, /SocialSyncerAPI error code NOT_FOUND \(HTTP 404\)/);
			assert.ok(
				!JSON.stringify(run).includes(KEYS.socialSyncer),
				'the API key leaked into the run data',
			);
		});

		it('"Continue (regular output)" keeps the failed item in the main output', async () => {
			social.clear();
			const { code, run } = await n8n.execute('E2eContinueReg01');
			assert.equal(code, 0);
			const out = output(run, 'Create');
			assert.equal(out.length, 3);
			assert.deepEqual(
				out.map((item) => item.pairedItem.item),
				[0, 1, 2],
			);
			assert.deepEqual(Object.keys(out[1].json), ['error']);
			assert.equal(out[1].json.error.code, 'VALIDATION_ERROR');
			assert.equal(out[1].json.error.httpCode, 400);
			assert.equal(out[0].json.status, 'published');
		});

		it('"Continue (using error output)" routes the failed item to the error output, as n8n does', async () => {
			social.clear();
			const { code, run } = await n8n.execute('E2eErrorOutput01');
			assert.equal(code, 0);
			assert.equal(output(run, 'Create', 0).length, 2);
			assert.equal(output(run, 'Create', 1).length, 1);
			assert.equal(output(run, 'Succeeded').length, 2);
			const [failedItem] = output(run, 'Failed');
			assert.equal(failedItem.json.error.code, 'VALIDATION_ERROR');
			assert.equal(failedItem.json.error.message, 'Unknown account for instagram: ig_unknown');
		});

		it('a 429 is waited out as the API asks', async () => {
			social.clear();
			social.posts.set('post_e2e_429', { id: 'post_e2e_429', status: 'published', platforms: [] });
			await n8n.importWorkflow(workflows.rateLimited('post_e2e_429'));
			social.script({
				kind: 'error',
				code: 'RATE_LIMIT_EXCEEDED',
				message: 'Rate limit exceeded',
				method: 'GET',
				headers: { 'Retry-After': '1' },
			});
			const { code, run } = await n8n.execute('E2eRateLimited01');
			assert.equal(code, 0);
			assert.equal(jsonOf(run, 'Get')[0].id, 'post_e2e_429');
			const [limited, retried] = social.requests;
			assert.equal(limited.status, 429);
			assert.equal(retried.status, 200);
			assert.ok(retried.at - limited.at >= 1000, `waited only ${retried.at - limited.at} ms`);
		});

		it('five 429s in a row (more than Max Retries: other executions took the windows) are waited out, and the post is made once', async () => {
			social.clear();
			await n8n.importWorkflow(workflows.rateLimitedCreate);
			social.script({
				kind: 'error',
				code: 'RATE_LIMIT_EXCEEDED',
				message: 'Rate limit exceeded',
				method: 'POST',
				headers: { 'Retry-After': '0' },
				times: 5,
			});
			const { code, run } = await n8n.execute('E2eRateLimCrea01');
			assert.equal(code, 0);
			assert.ok(jsonOf(run, 'Create')[0].id, 'the post came out');
			assert.deepEqual(
				social.requests.map((request) => request.status),
				[429, 429, 429, 429, 429, 201],
			);
			const made = [...social.posts.values()].filter(
				(post) => post.content === 'Posted after five 429s',
			);
			assert.equal(made.length, 1);
		});

		it('the credential test: a good key passes, a bad key and an HTML page fail', async () => {
			social.clear();
			schedulala.clear();
			social.script({ kind: 'html', path: /^\/html-page/, times: 5 });
			schedulala.script({ kind: 'html', path: /^\/html-page/, times: 5 });
			await n8n.start();
			await n8n.setupOwner();
			const test = async (type, id, name, data) => {
				const response = await n8n.rest('POST', '/credentials/test', {
					credentials: { id, name, type, data },
				});
				// Anything but n8n's answer shows up in the assertion message.
				return (
					response.json?.data ?? { httpStatus: response.status, text: response.text.slice(0, 300) }
				);
			};
			const cases = [
				[
					'socialSyncerApi',
					'SocialSyncerDemo',
					'SocialSyncerAPI account',
					{ apiKey: KEYS.socialSyncer, baseUrl: urls.socialSyncer },
					'OK',
				],
				[
					'socialSyncerApi',
					'SocialSyncerBadK',
					'Wrong key',
					{ apiKey: 'sk_wrong_e2e_key', baseUrl: urls.socialSyncer },
					'Error',
				],
				[
					'socialSyncerApi',
					'SocialSyncerHtml',
					'Website, not the API',
					{ apiKey: KEYS.socialSyncer, baseUrl: `${urls.socialSyncer}/html-page` },
					'Error',
					/not like SocialSyncerAPI/,
				],
				[
					'schedulalaApi',
					'SchedulalaDemo01',
					'Schedulala account',
					{ apiKey: KEYS.schedulala, baseUrl: urls.schedulala },
					'OK',
				],
				[
					'schedulalaApi',
					'SchedulalaBadKey',
					'Wrong key',
					{ apiKey: 'sk_live_wrong_e2e_key', baseUrl: urls.schedulala },
					'Error',
				],
				[
					'schedulalaApi',
					'SchedulalaHtml01',
					'Website, not the API',
					{ apiKey: KEYS.schedulala, baseUrl: `${urls.schedulala}/html-page` },
					'Error',
					/not like the Schedulala API/,
				],
			];
			for (const [type, id, name, data, status, message] of cases) {
				const result = await test(type, id, name, data);
				assert.equal(result?.status, status, `${type} "${name}": ${JSON.stringify(result)}`);
				if (message) assert.match(result.message, message);
			}
		});

		if (major === 2) {
			it('with SSRF protection on and loopback not allowed, the node explains the block', async () => {
				social.clear();
				const guarded = new N8nInstance({ major, packageDir, allowLoopback: false });
				try {
					await guarded.importCredentials(simulatorCredentials(urls, KEYS));
					await guarded.importWorkflow(workflows.thrownError);
					const { code, run } = await guarded.execute('E2eThrownError01');
					assert.notEqual(code, 0);
					const error = run.data.resultData.error;
					assert.match(error.message, /^n8n blocked the request to SocialSyncerAPI/);
					assert.match(error.description, /REQUEST_BLOCKED.*N8N_SSRF_ALLOWED_IP_RANGES/s);
					assert.equal(social.requests.length, 0);
				} finally {
					guarded.cleanup();
				}
			});
		}
	});
}

describe('the published package', () => {
	it('can be required programmatically by a project that has n8n-workflow', () => {
		// A consumer project: our packed package and its peer dependency in node_modules.
		const consumer = mkdtempSync(join(tmpdir(), 'social-posting-consumer-'));
		try {
			mkdirSync(join(consumer, 'node_modules'));
			cpSync(packageDir, join(consumer, 'node_modules', 'n8n-nodes-social-posting'), {
				recursive: true,
			});
			symlinkSync(
				join(repoDir, 'node_modules', 'n8n-workflow'),
				join(consumer, 'node_modules', 'n8n-workflow'),
				'dir',
			);
			const main = createRequire(join(consumer, 'index.js'))('n8n-nodes-social-posting');
			assert.deepEqual(Object.keys(main).sort(), [
				'Schedulala',
				'SchedulalaApi',
				'SchedulalaTrigger',
				'SocialSyncer',
				'SocialSyncerApi',
				'SocialSyncerTrigger',
			]);
			assert.equal(new main.SchedulalaTrigger().description.name, 'schedulalaTrigger');
			assert.equal(new main.SocialSyncer().description.name, 'socialSyncer');
			assert.equal(new main.SchedulalaApi().name, 'schedulalaApi');
		} finally {
			rmSync(consumer, { recursive: true, force: true });
		}
	});
});
