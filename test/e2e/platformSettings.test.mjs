// End-to-end, issue 24 in real n8n (both majors): typed Platform Settings reach the APIs in
// their own shapes (Schedulala platformSettings.<platform>, SocialSyncerAPI root tiktokSettings
// and the Instagram target's platformSpecificData), with alt text and a video cover; a text too
// long for X is sent with an execution hint by default and refused before sending with Check
// Platform Rules on; a workflow saved before this release (settings only in the JSON fields)
// sends the same body as before; what an API requires of every post (TikTok privacy, a YouTube
// title) is refused before any request, saying how to fix it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { packPackage } from '../support/n8n/n8n.mjs';
import { RUNTIMES } from '../support/n8n/runtime.mjs';
import { jsonOf, majors, n8nWithSimulators, simulators } from '../support/n8n/common.mjs';
import { linear, node, SCHEDULALA, SOCIAL } from '../support/n8n/workflows.mjs';

const packageDir = packPackage();

const VIDEO_URL = 'https://cdn.example.com/launch.mp4';
const COVER_URL = 'https://cdn.example.com/launch-cover.jpg';
const ALT_TEXT = 'The team unboxing the first device';
// Public-looking links that lead nowhere from here: not checked by n8n, only sent.
const NO_URL_CHECK = { checkMediaUrls: false };
const video = (extra = {}) => ({
	media: { item: [{ source: 'url', type: 'video', url: VIDEO_URL, ...extra }] },
});

const start = () => node('Start', 'n8n-nodes-base.manualTrigger', {});
const create =
	(type, credentials) =>
	(name, parameters, extra = {}) =>
		node(
			name,
			`n8n-nodes-social-posting.${type}`,
			{ resource: 'post', operation: 'create', ...parameters },
			{ credentials, ...extra },
		);
const schedulala = create('schedulala', SCHEDULALA);
const social = create('socialSyncer', SOCIAL);
const targets = (...entries) => ({
	platforms: { target: entries.map(([platform, accountId = '']) => ({ platform, accountId })) },
});
const flow = (id, name, nodes) => linear(id, name, [start(), ...nodes]);

// Over X's 280 characters, far under Facebook's limit.
const LONG_TEXT = 'Launch week, day one: '.padEnd(320, 'and more. ');

const WORKFLOWS = {
	typed: flow('E2ePlatTyped0001', 'E2E: TikTok, Instagram Reel and YouTube with typed settings', [
		schedulala('Schedulala', {
			content: 'Our launch video',
			...targets(['tiktok'], ['instagram'], ['youtube']),
			...video({ altText: ALT_TEXT, thumbnailUrl: COVER_URL }),
			platformOptions: {
				// Allow Comments and Brand Organic left out: the group's defaults are sent.
				tiktok: {
					privacy: 'FOLLOWER_OF_CREATOR',
					postMode: 'inbox',
					allowDuet: false,
					allowStitch: true,
					brandedContent: true,
					aiGenerated: true,
				},
				instagram: { postType: 'reel', shareToFeed: false, firstComment: 'Link in bio' },
				youtube: {
					title: 'Launch day',
					privacy: 'unlisted',
					description: 'Everything about the launch.',
				},
			},
			options: NO_URL_CHECK,
		}),
		social(
			'SocialSyncerAPI',
			{
				content: 'Our launch video',
				...targets(['tiktok', 'tt_321'], ['instagram', 'ig_123']),
				...video({ altText: ALT_TEXT, thumbnailUrl: COVER_URL }),
				platformOptions: {
					tiktok: { privacy: 'PUBLIC_TO_EVERYONE', consent: true, aiGenerated: true },
					instagram: {
						postType: 'reel',
						collaborators: 'partnerbrand, @chef.anna',
						firstComment: 'Link in bio',
					},
				},
				options: NO_URL_CHECK,
			},
			{ executeOnce: true },
		),
	]),
	// One run: the checked post refused under Continue (nothing sent), then the default one sent.
	tooLong: flow('E2ePlatTooLong01', 'E2E: text too long for X, hinted and checked', [
		social(
			'Checked',
			{
				content: LONG_TEXT,
				...targets(['twitter', 'tw_789'], ['facebook', 'fb_456']),
				options: { checkPlatformRules: true },
			},
			{ onError: 'continueRegularOutput' },
		),
		social(
			'Sent with a hint',
			{ content: LONG_TEXT, ...targets(['twitter', 'tw_789'], ['facebook', 'fb_456']) },
			{ executeOnce: true },
		),
	]),
	tooLongChecked: flow('E2ePlatChecked01', 'E2E: text too long for X, Check Platform Rules on', [
		social('Checked', {
			content: LONG_TEXT,
			...targets(['twitter', 'tw_789'], ['facebook', 'fb_456']),
			options: { checkPlatformRules: true },
		}),
	]),
	// As saved by the release before typed settings: the settings only in the JSON fields.
	saved: flow('E2ePlatSavedOld1', 'E2E: a workflow saved before typed settings', [
		social('SocialSyncerAPI', {
			content: 'Our launch video',
			...targets(['tiktok', 'tt_321']),
			...video(),
			options: {
				...NO_URL_CHECK,
				tiktokSettings:
					'{"privacy_level": "SELF_ONLY", "content_preview_confirmed": true, "express_consent_given": true, "disable_duet": true}',
			},
		}),
		schedulala(
			'Schedulala',
			{
				content: 'Our launch video',
				...targets(['tiktok'], ['youtube']),
				...video(),
				platformSettings:
					'{"tiktok": {"privacy": "PUBLIC_TO_EVERYONE", "postMode": "direct", "allowComments": false}, "youtube": {"title": "Launch day", "privacyStatus": "private", "tags": ["launch"]}}',
				options: NO_URL_CHECK,
			},
			{ executeOnce: true },
		),
	]),
	noSettings: flow('E2ePlatNoSettin1', 'E2E: a TikTok post without any settings', [
		social(
			'SocialSyncerAPI',
			{
				content: 'Our launch video',
				...targets(['tiktok', 'tt_321']),
				...video(),
				options: NO_URL_CHECK,
			},
			{ onError: 'continueRegularOutput' },
		),
		schedulala(
			'Schedulala',
			{ content: 'Our launch video', ...targets(['tiktok']), ...video(), options: NO_URL_CHECK },
			{ onError: 'continueRegularOutput', executeOnce: true },
		),
	]),
	// No YouTube group (with one, n8n itself will not run the workflow while the required
	// Title is empty): the title is missing from the JSON too.
	noTitle: flow('E2ePlatNoTitle01', 'E2E: a YouTube post without a title', [
		schedulala('YouTube', {
			content: 'Our launch video',
			...targets(['youtube']),
			...video(),
			platformSettings: '{"youtube": {"privacyStatus": "unlisted"}}',
			options: NO_URL_CHECK,
		}),
	]),
};

/**
 * `n8n execute` of a workflow whose first node fails at once: n8n's CLI sometimes asks for the
 * execution after it has already ended ("No active execution found", no run printed). Nothing
 * was sent in that run either: run it again.
 */
async function execute(n8n, workflowId) {
	for (let attempt = 1; ; attempt++) {
		const result = await n8n.execute(workflowId);
		const raced = /No active execution found/.test(`${result.stdout}${result.stderr}`);
		if (result.run || !raced || attempt === 3) return result;
	}
}

/**
 * The run finished without a workflow error. n8n 2.41's CLI has been seen to crash on exit
 * (SIGSEGV) after printing a finished run: then the run's own status is what counts.
 */
function assertSucceeded({ code, signal, run, stdout, stderr }) {
	const output = `exit ${code ?? signal}\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`;
	assert.ok(code === 0 || signal === 'SIGSEGV', output);
	assert.equal(run?.status, 'success', output);
}

const hintsOf = (run, name) =>
	(run?.data?.resultData?.runData?.[name]?.[0]?.hints ?? []).map((hint) => hint.message);

for (const major of majors) {
	describe(`n8n ${RUNTIMES[major].n8n}: typed platform settings`, { timeout: 600_000 }, () => {
		const sims = simulators();
		const { socialSyncer, schedulala: sched } = sims;
		let n8n;
		const posted = (sim) => sim.requestsTo('POST', '/posts');

		before(async () => {
			({ n8n } = await n8nWithSimulators({ major, packageDir, sims }));
			for (const workflow of Object.values(WORKFLOWS)) await n8n.importWorkflow(workflow);
		});

		after(async () => {
			await n8n?.stop();
			n8n?.cleanup();
			await Promise.all([socialSyncer.stop(), sched.stop()]);
		});

		it("TikTok + Instagram Reel + YouTube: typed settings sent in each API's shape", async () => {
			socialSyncer.clear();
			sched.clear();
			const result = await execute(n8n, 'E2ePlatTyped0001');
			assertSucceeded(result);
			const { run } = result;

			const [schedulalaBody] = posted(sched).map((request) => request.body);
			assert.equal(posted(sched).length, 1);
			const platformSettings = {
				tiktok: {
					privacy: 'FOLLOWER_OF_CREATOR',
					postMode: 'inbox',
					allowComments: true,
					allowDuet: false,
					allowStitch: true,
					brandedContent: true,
					brandOrganic: false,
					aiGenerated: true,
				},
				instagram: { postType: 'reel', shareToFeed: false, firstComment: 'Link in bio' },
				youtube: {
					title: 'Launch day',
					privacyStatus: 'unlisted',
					description: 'Everything about the launch.',
				},
			};
			assert.deepEqual(schedulalaBody.platformSettings, platformSettings);
			assert.deepEqual(schedulalaBody.mediaItems, [
				{ type: 'video', url: VIDEO_URL, altText: ALT_TEXT, thumbnailUrl: COVER_URL },
			]);
			const [schedulalaItem] = jsonOf(run, 'Schedulala');
			assert.deepEqual(schedulalaItem.platformSettings, platformSettings);
			assert.deepEqual(
				schedulalaItem.platforms.map((target) => target.platform),
				['tiktok', 'instagram', 'youtube'],
			);
			assert.deepEqual(schedulalaItem.failedPlatforms, []);
			assert.equal(schedulalaItem.platformNotices, undefined);
			assert.deepEqual(hintsOf(run, 'Schedulala'), []);

			assert.equal(posted(socialSyncer).length, 1);
			const [socialBody] = posted(socialSyncer).map((request) => request.body);
			assert.deepEqual(socialBody.tiktokSettings, {
				privacy_level: 'PUBLIC_TO_EVERYONE',
				allow_comment: true,
				allow_duet: true,
				allow_stitch: true,
				brand_content_toggle: false,
				brand_organic_toggle: false,
				is_aigc: true,
				content_preview_confirmed: true,
				express_consent_given: true,
			});
			assert.deepEqual(socialBody.platforms, [
				{ platform: 'tiktok', accountId: 'tt_321' },
				{
					platform: 'instagram',
					accountId: 'ig_123',
					platformSpecificData: {
						postType: 'reel',
						shareToFeed: true,
						collaborators: ['partnerbrand', 'chef.anna'],
						firstComment: 'Link in bio',
					},
				},
			]);
			assert.deepEqual(socialBody.mediaItems, [
				{ type: 'video', url: VIDEO_URL, altText: ALT_TEXT, thumbnailUrl: COVER_URL },
			]);
			assert.equal(socialBody.facebookSettings, undefined);
			const [socialItem] = jsonOf(run, 'SocialSyncerAPI');
			assert.ok(socialItem.id, JSON.stringify(socialItem));
			assert.deepEqual(
				socialItem.platforms.map((target) => target.platform),
				['tiktok', 'instagram'],
			);
			assert.deepEqual(socialItem.failedPlatforms, []);
			assert.equal(socialItem.platformNotices, undefined);
		});

		it('X text too long: sent with a hint by default; refused before sending with Check Platform Rules (Continue)', async () => {
			socialSyncer.clear();
			const result = await execute(n8n, 'E2ePlatTooLong01');
			assertSucceeded(result);
			const { run } = result;

			// Checked: an error item, nothing sent for it.
			const [refused] = jsonOf(run, 'Checked');
			assert.equal(refused.error.code, 'INVALID_PARAMETER', JSON.stringify(refused));
			assert.equal(
				refused.error.message,
				'The text for X (target 1) is 320 characters; X takes 280 (item 1, target 1)',
			);
			assert.match(
				refused.error.description,
				/Nothing was sent \(Options → Check Platform Rules is on\)\./,
			);

			// Default: the one request of the run, with the text as given; the hint and the notice name X.
			assert.equal(posted(socialSyncer).length, 1);
			const [request] = posted(socialSyncer);
			assert.equal(request.body.content, LONG_TEXT);
			assert.deepEqual(
				request.body.platforms.map((target) => target.platform),
				['twitter', 'facebook'],
			);
			const [sent] = jsonOf(run, 'Sent with a hint');
			assert.ok(sent.id, JSON.stringify(sent));
			const notice =
				'The text for X (target 1) is 320 characters; X takes 280 (item 1, target 1): the API is expected to refuse it. Shorten it, or give target 1 a shorter Text Override.';
			assert.deepEqual(sent.platformNotices, [notice]);
			assert.deepEqual(hintsOf(run, 'Sent with a hint'), [notice]);
			// Facebook publishes whatever X does.
			const facebook = sent.platforms.find((target) => target.platform === 'facebook');
			assert.notEqual(facebook.status, 'failed');
		});

		it('X text too long with Check Platform Rules on: the node fails naming X, nothing sent', async () => {
			socialSyncer.clear();
			const { code, run } = await execute(n8n, 'E2ePlatChecked01');
			assert.notEqual(code, 0);
			const error = run.data.resultData.error;
			assert.equal(
				error.message,
				'The text for X (target 1) is 320 characters; X takes 280 (item 1, target 1)',
			);
			assert.match(error.description, /Shorten it, or give target 1 a shorter Text Override\./);
			assert.equal(posted(socialSyncer).length, 0);
			assert.equal(socialSyncer.requests.length, 0);
		});

		it('a workflow saved before typed settings: the JSON sent as given, as before', async () => {
			socialSyncer.clear();
			sched.clear();
			const result = await execute(n8n, 'E2ePlatSavedOld1');
			assertSucceeded(result);
			const { run } = result;
			assert.equal(posted(socialSyncer).length, 1);
			assert.deepEqual(posted(socialSyncer)[0].body, {
				content: 'Our launch video',
				platforms: [{ platform: 'tiktok', accountId: 'tt_321' }],
				mediaItems: [{ type: 'video', url: VIDEO_URL }],
				publishNow: true,
				tiktokSettings: {
					privacy_level: 'SELF_ONLY',
					content_preview_confirmed: true,
					express_consent_given: true,
					disable_duet: true,
				},
			});
			assert.equal(posted(sched).length, 1);
			assert.deepEqual(posted(sched)[0].body, {
				content: 'Our launch video',
				platforms: [{ platform: 'tiktok' }, { platform: 'youtube' }],
				mediaItems: [{ type: 'video', url: VIDEO_URL }],
				publishNow: true,
				platformSettings: {
					tiktok: { privacy: 'PUBLIC_TO_EVERYONE', postMode: 'direct', allowComments: false },
					youtube: { title: 'Launch day', privacyStatus: 'private', tags: ['launch'] },
				},
			});
			for (const name of ['SocialSyncerAPI', 'Schedulala']) {
				const [item] = jsonOf(run, name);
				assert.ok(item.id, `${name}: ${JSON.stringify(item)}`);
				assert.deepEqual(item.failedPlatforms, [], name);
				assert.equal(item.platformNotices, undefined, name);
				assert.deepEqual(hintsOf(run, name), [], name);
			}
		});

		it('a TikTok post without any settings: refused before sending, saying to choose a privacy', async () => {
			socialSyncer.clear();
			sched.clear();
			const result = await execute(n8n, 'E2ePlatNoSettin1');
			assertSucceeded(result);
			const { run } = result;
			const [social] = jsonOf(run, 'SocialSyncerAPI');
			assert.equal(social.error.code, 'INVALID_PARAMETER');
			assert.equal(social.error.message, 'TikTok needs a privacy level (item 1, target 1)');
			assert.match(
				social.error.description,
				/Choose Platform Settings → TikTok → Privacy \(there is no default\), or set "privacy_level" in Options → TikTok Settings\./,
			);
			// Every finding at once: the consent too.
			assert.match(social.error.description, /I Confirm Consent to Post/);
			assert.match(social.error.description, /Nothing was sent\.$/);
			const [onSchedulala] = jsonOf(run, 'Schedulala');
			assert.equal(onSchedulala.error.code, 'INVALID_PARAMETER');
			assert.equal(onSchedulala.error.message, 'TikTok needs a privacy level (item 1, target 1)');
			assert.match(
				onSchedulala.error.description,
				/Choose Platform Settings → TikTok → Privacy \(there is no default\).*Post Mode/s,
			);
			assert.equal(socialSyncer.requests.length, 0);
			assert.equal(sched.requests.length, 0);
		});

		it('YouTube without a title: the node fails before any request, saying where to enter it', async () => {
			sched.clear();
			const { code, run, stdout, stderr } = await execute(n8n, 'E2ePlatNoTitle01');
			assert.notEqual(code, 0);
			assert.ok(run, `${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
			const error = run.data.resultData.error;
			assert.equal(error.message, 'YouTube needs a video title (item 1, target 1)');
			assert.match(error.description, /Enter Platform Settings → YouTube → Title/);
			assert.match(error.description, /Nothing was sent\.$/);
			assert.equal(sched.requests.length, 0);
		});
	});
}
