// The editor, in a real browser: n8n 2.41.1's UI with the packed package
// installed, Debian's Chromium driven by playwright-core. For every operation
// of both nodes it opens the parameter panel, checks that n8n knows the node,
// that the icon loads and that exactly the expected fields are shown, and saves
// a screenshot under test-results/ui/. It opens the account picker of a target
// against the simulators and screenshots the list, and the error a wrong key gives.
// Panels with options set (Bulk, Requests per Minute) and each node's tool variant (the
// "(From the Agent)" fields) are opened and screenshotted the same way. Platform Settings groups
// are added through "Add Platform Settings" on a Create Post of each node: their fields show,
// TikTok's Privacy (and Schedulala's Post Mode) has no preselected value, and Instagram's Share
// Reel to Feed shows only for a Reel.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ensureRuntime } from '../support/n8n/runtime.mjs';
import { N8nInstance, packPackage, repoDir, simulatorCredentials } from '../support/n8n/n8n.mjs';
import { KEYS, require, simulators, startSimulators } from '../support/n8n/common.mjs';

const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = join(repoDir, 'test-results', 'ui');

const COMMON = ['Credential', 'Resource', 'Operation', 'Automatic Retries and Timeout'];
// Platform Settings: the typed per-platform groups ("Add Platform Settings"), on both nodes.
const CREATE = ['Content', 'Platforms', 'Publish Mode', 'Media', 'Platform Settings', 'Options'];
// Shown only on the tool variant of a node (an AI agent's tool).
const TOOL = [
	'Content (From the Agent)',
	'Targets (From the Agent)',
	'Media URLs (From the Agent)',
	'Scheduled For (From the Agent)',
];
const ALL = [
	...CREATE,
	'Scheduled For',
	'Post ID',
	'Platform Settings',
	'Platform Settings (JSON)',
	'Platforms to Retry',
	'Delay (Seconds)',
	'Filters',
	'Return All',
	'Limit',
	'Update Fields',
	'Input Binary Field',
	'Bulk',
	'Bulk Size',
	'Requests per Minute',
	...TOOL,
];

/** A Create Post whose first target's account is still to be picked from the list. */
function pickAccount(platform) {
	return {
		operation: 'create',
		content: 'Hello',
		platforms: { target: [{ platform, accountId: { __rl: true, mode: 'list', value: '' } }] },
	};
}

// What each operation's panel must show; everything else in ALL must be absent.
const panels = {
	socialSyncer: {
		'Create Post': { parameters: { operation: 'create' }, fields: CREATE },
		'Schedule Post': {
			parameters: { operation: 'create', publishMode: 'schedule' },
			fields: [...CREATE, 'Scheduled For'],
		},
		'Get Post': { parameters: { operation: 'get' }, fields: ['Post ID'] },
		'Retry Post': { parameters: { operation: 'retry' }, fields: ['Post ID', 'Options'] },
		'Update Post': {
			parameters: { operation: 'update' },
			fields: ['Post ID', 'Update Fields', 'Platform Settings', 'Options'],
		},
		'Update Post Fields': {
			parameters: {
				operation: 'update',
				updateFields: {
					content: 'New text',
					scheduledFor: '',
					platforms: {
						target: [{ platform: 'instagram', accountId: { __rl: true, mode: 'list', value: '' } }],
					},
				},
			},
			fields: [
				'Post ID',
				'Update Fields',
				'Content',
				'Platforms',
				'Scheduled For',
				'Account',
				'Platform Settings',
				'Options',
			],
		},
		'Upload Media': {
			parameters: { resource: 'media', operation: 'upload' },
			fields: ['Input Binary Field'],
		},
		'Create with File': {
			parameters: {
				operation: 'create',
				media: { item: [{ source: 'binary', type: 'auto', binaryPropertyName: 'data' }] },
			},
			fields: [...CREATE, 'Source', 'Type', 'Input Binary Field'],
		},
		'Create and Wait': {
			parameters: { operation: 'create', options: { waitForPublish: true, waitTimeout: 120 } },
			fields: [...CREATE, 'Wait for Publish', 'Wait Timeout (Seconds)'],
		},
		'Delete Post': { parameters: { operation: 'delete' }, fields: ['Post ID'] },
		'Get Many Posts': {
			parameters: { operation: 'getAll' },
			fields: ['Return All', 'Limit', 'Filters'],
		},
		'Get Accounts': {
			parameters: { resource: 'account', operation: 'getAll' },
			fields: ['Filters'],
		},
		'Get Account Health': {
			parameters: { resource: 'account', operation: 'getHealth' },
			fields: [],
		},
		'Pick Account': { parameters: pickAccount('instagram'), fields: CREATE },
		'Create Paced': {
			parameters: { operation: 'create', requestOptions: { requestsPerMinute: 120 } },
			fields: [...CREATE, 'Requests per Minute'],
		},
		'Create as Tool': {
			type: 'socialSyncerTool',
			parameters: { operation: 'create' },
			fields: [...CREATE, ...TOOL],
		},
	},
	schedulala: {
		'Create Post': {
			parameters: { operation: 'create' },
			fields: [...CREATE, 'Platform Settings (JSON)'],
		},
		'Schedule Post': {
			parameters: { operation: 'create', publishMode: 'schedule' },
			fields: [...CREATE, 'Platform Settings (JSON)', 'Scheduled For'],
		},
		'Get Post': { parameters: { operation: 'get' }, fields: ['Post ID'] },
		'Retry Post': {
			parameters: { operation: 'retry' },
			fields: ['Post ID', 'Platforms to Retry', 'Delay (Seconds)', 'Options'],
		},
		'Update Post': {
			parameters: { operation: 'update' },
			fields: ['Post ID', 'Update Fields', 'Platform Settings', 'Options'],
		},
		'Validate Post': {
			parameters: { operation: 'validate' },
			fields: [...CREATE, 'Platform Settings (JSON)'],
		},
		'Delete Post': { parameters: { operation: 'delete' }, fields: ['Post ID'] },
		'Get Many Posts': {
			parameters: { operation: 'getAll' },
			fields: ['Return All', 'Limit', 'Filters'],
		},
		'Get Accounts': {
			parameters: { resource: 'account', operation: 'getAll' },
			fields: ['Filters'],
		},
		'Pick Account': {
			parameters: pickAccount('instagram'),
			fields: [...CREATE, 'Platform Settings (JSON)'],
		},
		'Pick Account (Wrong Key)': {
			parameters: pickAccount('twitter'),
			fields: [...CREATE, 'Platform Settings (JSON)'],
			credentials: { schedulalaApi: { id: 'SchedulalaWrongK', name: 'Schedulala wrong key' } },
		},
		'Create in Bulk': {
			parameters: { operation: 'create', options: { bulk: true, bulkSize: 25 } },
			fields: [...CREATE, 'Platform Settings (JSON)', 'Bulk', 'Bulk Size'],
		},
		'Create as Tool': {
			type: 'schedulalaTool',
			parameters: { operation: 'create' },
			fields: [...CREATE, 'Platform Settings (JSON)', ...TOOL],
		},
	},
};

const credentials = {
	socialSyncer: { socialSyncerApi: { id: 'SocialSyncerDemo', name: 'SocialSyncerAPI account' } },
	schedulala: { schedulalaApi: { id: 'SchedulalaDemo01', name: 'Schedulala account' } },
};

function uiWorkflow(nodeName, id) {
	const nodes = Object.entries(panels[nodeName]).map(([name, panel], index) => ({
		id: `${id.toLowerCase().padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
		name,
		type: `n8n-nodes-social-posting.${panel.type ?? nodeName}`,
		typeVersion: 1,
		position: [index * 260, 0],
		parameters: { resource: 'post', ...panel.parameters },
		credentials: panel.credentials ?? credentials[nodeName],
	}));
	return {
		id,
		name: `UI: ${nodeName}`,
		nodes,
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** Both triggers side by side; the Schedulala one is listened to in the editor. */
function triggerWorkflow() {
	const trigger = (index, name, type, parameters, credential) => ({
		id: `7c1d0000-0000-4000-8000-00000000000${index}`,
		name,
		type: `n8n-nodes-social-posting.${type}`,
		typeVersion: 1,
		position: [0, index * 200],
		webhookId: `7c1d0000-0000-4000-8000-0000000000c${index}`,
		parameters,
		credentials: credential,
	});
	return {
		id: 'UiTriggers000001',
		name: 'UI: triggers',
		nodes: [
			trigger(
				1,
				'Schedulala Trigger',
				'schedulalaTrigger',
				{ events: ['post.failed'] },
				credentials.schedulala,
			),
			trigger(
				2,
				'SocialSyncerAPI Trigger',
				'socialSyncerTrigger',
				{ registration: 'automatic', events: ['post.published'] },
				credentials.socialSyncer,
			),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** A Create Post of each node with no Platform Settings yet: the groups are added in the test. */
function platformSettingsWorkflow() {
	const create = (index, name, type) => ({
		id: `9a7e0000-0000-4000-8000-00000000000${index}`,
		name,
		type: `n8n-nodes-social-posting.${type}`,
		typeVersion: 1,
		position: [index * 260, 0],
		parameters: { resource: 'post', operation: 'create' },
		credentials: credentials[type],
	});
	return {
		id: 'UiPlatformSets01',
		name: 'UI: platform settings',
		nodes: [
			create(1, 'Schedulala Create', 'schedulala'),
			create(2, 'SocialSyncerAPI Create', 'socialSyncer'),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

// 35 screens: on a loaded 2-core machine each took about 20 s and the suite ran past 600 s.
describe('n8n editor (2.41.1, Chromium)', { timeout: 1_500_000 }, () => {
	let n8n;
	let browser;
	let page;
	const sims = simulators();

	before(async () => {
		assert.ok(
			existsSync(CHROMIUM),
			`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium)`,
		);
		mkdirSync(screenshots, { recursive: true });
		await ensureRuntime(2);
		n8n = new N8nInstance({ major: 2, packageDir: packPackage() });
		n8n.env.WEBHOOK_URL = `${n8n.url}/`;
		const urls = await startSimulators(sims);
		await n8n.importCredentials([
			...simulatorCredentials(urls, KEYS),
			{
				id: 'SchedulalaWrongK',
				name: 'Schedulala wrong key',
				type: 'schedulalaApi',
				data: { apiKey: 'sk_live_wrong_ui_key', baseUrl: urls.schedulala },
			},
		]);
		await n8n.importWorkflow(uiWorkflow('socialSyncer', 'UiSocialSyncer01'));
		await n8n.importWorkflow(triggerWorkflow());
		await n8n.importWorkflow(uiWorkflow('schedulala', 'UiSchedulala0001'));
		await n8n.importWorkflow(platformSettingsWorkflow());
		await n8n.start();
		await n8n.setupOwner();
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
		const [name, value] = n8n.cookie.split('=');
		await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
		page = await context.newPage();
	});

	after(async () => {
		await browser?.close();
		await n8n?.stop();
		n8n?.cleanup();
		await Promise.all(Object.values(sims).map((sim) => sim.stop()));
	});

	/** Opens the workflow and the panel of its node titled `title`; resolves to the panel. */
	async function openPanel(workflowId, title) {
		await page.goto(`${n8n.url}/workflow/${workflowId}`, { waitUntil: 'networkidle' });
		await page.locator('[data-test-id="canvas-node"]', { hasText: title }).first().dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor();
		return ndv;
	}

	/** Opens a node's panel, then its first target's account picker; resolves to the dropdown. */
	async function openAccountPicker(workflowId, title) {
		await openPanel(workflowId, title);
		await page.locator('[data-test-id="rlc-input"]').first().click();
		// The list is teleported out of the panel.
		return page.locator('body');
	}

	it('socialSyncer: the account picker lists the Instagram accounts, marking the expired one', async () => {
		const dropdown = await openAccountPicker('UiSocialSyncer01', 'Pick Account');
		const items = dropdown.locator('[data-test-id="rlc-item"]');
		await items.first().waitFor();
		await page.waitForTimeout(300);
		await page.screenshot({ path: join(screenshots, 'socialSyncer-account-picker.png') });
		assert.deepEqual(
			(await items.allInnerTexts()).map((text) => text.trim()),
			['@mybusiness (instagram)', '@oldshop (instagram) · needs reconnecting'],
		);
		// Picking one stores it; the create sends its ID (engine and CLI tests check that).
		await items.first().click();
		await page.waitForTimeout(300);
		const shown = await page
			.locator('[data-test-id="rlc-input"]')
			.first()
			.evaluate(
				(element) => (element.matches('input') ? element : element.querySelector('input'))?.value,
			);
		assert.equal(shown, '@mybusiness (instagram)');
		await page.screenshot({ path: join(screenshots, 'socialSyncer-account-picked.png') });
		await page.keyboard.press('Escape');
	});

	it("schedulala: the account picker shows the API's own error for a wrong key, not an empty list", async () => {
		const dropdown = await openAccountPicker('UiSchedulala0001', 'Pick Account (Wrong Key)');
		const error = dropdown.locator('[data-test-id="rlc-error-container"]');
		await error.waitFor();
		await page.waitForTimeout(300);
		await page.screenshot({ path: join(screenshots, 'schedulala-account-picker-error.png') });
		const text = await error.innerText();
		assert.match(text, /Could not load list/);
		assert.match(text, /401/);
		assert.match(text, /Invalid API key/);
		assert.equal(await dropdown.locator('[data-test-id="rlc-item"]').count(), 0);
		await page.keyboard.press('Escape');
	});

	it('SocialSyncerAPI Trigger: the panel warns that activating replaces the account URL', async () => {
		const ndv = await openPanel('UiTriggers000001', 'SocialSyncerAPI Trigger');
		await page.waitForTimeout(500);
		const text = await ndv.innerText();
		for (const field of ['Webhook URLs', 'Credential', 'Registration', 'Events'])
			assert.match(text, new RegExp(field), `"${field}" is shown`);
		assert.match(text, /keeps one webhook URL per account/);
		await page.screenshot({ path: join(screenshots, 'socialSyncer-trigger.png') });
		await page.keyboard.press('Escape');
	});

	it('Schedulala Trigger: listening in the editor registers the test URL and shows the delivered event', async () => {
		const ndv = await openPanel('UiTriggers000001', 'Schedulala Trigger');
		await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		const deadline = Date.now() + 30_000;
		while (sims.schedulala.webhookList.size === 0 && Date.now() < deadline)
			await page.waitForTimeout(200);
		const [registered] = [...sims.schedulala.webhookList.values()];
		assert.ok(registered, 'listening registered a webhook');
		assert.match(registered.url, /\/webhook-test\//);
		await page.screenshot({ path: join(screenshots, 'schedulala-trigger-listening.png') });
		const [delivery] = await sims.schedulala.webhooks.deliver('post.failed', {
			postId: 'post_ui_1',
			platform: 'instagram',
			status: 'failed',
			error: { code: 'platform_error', message: 'Media rejected' },
		});
		assert.equal(delivery.status, 200);
		await ndv.getByText('post_ui_1').first().waitFor({ timeout: 30_000 });
		await page.waitForTimeout(500);
		await page.screenshot({ path: join(screenshots, 'schedulala-trigger-event.png') });
		assert.match(await ndv.innerText(), /Media rejected \(platform_error\)/);
		await page.keyboard.press('Escape');
	});

	/** Adds a group through the "Add Platform Settings" dropdown of the open panel. */
	async function addPlatformSettings(ndv, group) {
		await ndv
			.locator('[data-test-id="fixed-collection-platformOptions"]')
			.locator('input[placeholder="Add Platform Settings"]')
			.click();
		// The list is teleported out of the panel.
		await page.locator('.el-select-dropdown__item:visible', { hasText: group }).first().click();
		await page.waitForTimeout(300);
	}

	/** What the nth dropdown named `name` in the panel shows ('' when nothing is chosen). */
	const dropdownValue = (ndv, name, nth = 0) =>
		ndv.locator(`[data-test-id="parameter-input-${name}"] input`).nth(nth).inputValue();

	const labelsOf = async (ndv) =>
		new Set(
			(await ndv.locator('[data-test-id="fixed-collection-platformOptions"]').innerText())
				.split('\n')
				.map((line) => line.trim()),
		);

	// A page left with unsaved changes may ask before the next test navigates away.
	const leave = async () => {
		page.once('dialog', (dialog) => dialog.accept().catch(() => undefined));
		await page.keyboard.press('Escape');
	};

	it('Schedulala: Add Platform Settings → TikTok, YouTube, Instagram open with their fields; Privacy and Post Mode empty', async () => {
		const ndv = await openPanel('UiPlatformSets01', 'Schedulala Create');
		await page.waitForTimeout(500);
		const settings = ndv.locator('[data-test-id="fixed-collection-platformOptions"]');
		await settings.scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(screenshots, 'schedulala-platform-settings-empty.png') });
		for (const group of ['TikTok', 'YouTube', 'Instagram']) await addPlatformSettings(ndv, group);

		const labels = await labelsOf(ndv);
		for (const label of [
			'TikTok',
			'Privacy',
			'Post Mode',
			'Allow Comments',
			'Allow Duet',
			'Allow Stitch',
			'Branded Content',
			'Your Brand',
			'AI-Generated',
			'YouTube',
			'Title',
			'Description',
			'Instagram',
			'Post Type',
			'First Comment',
		])
			assert.ok(labels.has(label), `"${label}" is shown`);
		// Post Type at its default: the Reel's own switch is hidden.
		assert.ok(!labels.has('Share Reel to Feed'), 'Share Reel to Feed is hidden until Reel');
		// TikTok's choices have no preselected value: the creator must choose (the node refuses a
		// TikTok post without them before sending). Optional choices start at one that sends nothing.
		assert.equal(await dropdownValue(ndv, 'privacy', 0), '');
		assert.equal(await dropdownValue(ndv, 'postMode'), '');
		assert.equal(await dropdownValue(ndv, 'privacy', 1), 'Default (Not Sent)');
		assert.equal(await dropdownValue(ndv, 'postType'), 'Default (Not Sent)');
		// Only the two empty TikTok choices carry n8n's mark. They are not "required": n8n would
		// refuse to run the whole workflow, before the node's own clearer check (and a Privacy
		// from the AI model or the JSON could never be used).
		assert.equal(await settings.locator('[data-test-id="parameter-issues"]').count(), 2);

		await ndv.locator('[data-test-id="parameter-input-privacy"]').first().scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(screenshots, 'schedulala-platform-settings-tiktok.png') });
		await ndv.locator('[data-test-id="parameter-input-title"]').scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(screenshots, 'schedulala-platform-settings-youtube.png') });

		// Reel: Share Reel to Feed appears, switched on.
		await ndv.locator('[data-test-id="parameter-input-postType"] input').click();
		await page.locator('.el-select-dropdown__item:visible', { hasText: 'Reel' }).first().click();
		await page.waitForTimeout(300);
		assert.ok(
			(await labelsOf(ndv)).has('Share Reel to Feed'),
			'Share Reel to Feed is shown for a Reel',
		);
		await ndv.locator('[data-test-id="parameter-input-shareToFeed"]').scrollIntoViewIfNeeded();
		await page.screenshot({
			path: join(screenshots, 'schedulala-platform-settings-instagram-reel.png'),
		});
		await leave();
	});

	it('SocialSyncerAPI: TikTok (Privacy empty, the consent switch off) and Instagram (collaborators) open', async () => {
		const ndv = await openPanel('UiPlatformSets01', 'SocialSyncerAPI Create');
		await page.waitForTimeout(500);
		for (const group of ['TikTok', 'Instagram']) await addPlatformSettings(ndv, group);
		const labels = await labelsOf(ndv);
		for (const label of [
			'TikTok',
			'Privacy',
			'I Confirm Consent to Post',
			'Branded Content',
			'Instagram',
			'Post Type',
			'Collaborators',
			'First Comment',
		])
			assert.ok(labels.has(label), `"${label}" is shown`);
		assert.ok(!labels.has('Post Mode'), 'Post Mode is Schedulala only');
		assert.ok(!labels.has('Share Reel to Feed'), 'Share Reel to Feed is hidden until Reel');
		assert.equal(await dropdownValue(ndv, 'privacy'), '');
		const consent = ndv.locator('[data-test-id="parameter-input-consent"] input[role="switch"]');
		assert.equal(await consent.getAttribute('aria-checked'), 'false');
		await ndv.locator('[data-test-id="parameter-input-privacy"]').scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(screenshots, 'socialSyncer-platform-settings-tiktok.png') });
		await ndv.locator('[data-test-id="parameter-input-collaborators"]').scrollIntoViewIfNeeded();
		await page.screenshot({
			path: join(screenshots, 'socialSyncer-platform-settings-instagram.png'),
		});
		await leave();
	});

	for (const [nodeName, workflowId] of [
		['socialSyncer', 'UiSocialSyncer01'],
		['schedulala', 'UiSchedulala0001'],
	]) {
		it(`${nodeName}: n8n knows the node and its icon loads`, async () => {
			await page.goto(`${n8n.url}/workflow/${workflowId}`, { waitUntil: 'networkidle' });
			const canvasNodes = page.locator('[data-test-id="canvas-node"]');
			await canvasNodes.first().waitFor();
			assert.equal(await canvasNodes.count(), Object.keys(panels[nodeName]).length);
			// Icons of nodes placed further out load a moment after the page is idle.
			await page
				.waitForFunction(
					() =>
						[...document.querySelectorAll('[data-test-id="canvas-node"] img')].every(
							(image) => image.complete && image.naturalWidth > 0,
						),
					null,
					{ timeout: 15_000 },
				)
				.catch(() => undefined);
			const icons = await page
				.locator('[data-test-id="canvas-node"] img')
				.evaluateAll((images) =>
					images.map((image) => ({ src: image.getAttribute('src'), width: image.naturalWidth })),
				);
			assert.equal(
				icons.length,
				Object.keys(panels[nodeName]).length,
				'every node shows an image icon',
			);
			for (const icon of icons) {
				assert.match(
					icon.src,
					/n8n-nodes-social-posting\/dist\/nodes\/(SocialSyncer|Schedulala)\//,
				);
				assert.ok(icon.width > 0, `icon ${icon.src} did not load`);
			}
			await page.screenshot({ path: join(screenshots, `${nodeName}-canvas.png`) });
		});

		for (const [title, { fields }] of Object.entries(panels[nodeName])) {
			it(`${nodeName}: ${title} shows its fields and no others`, async () => {
				const ndv = await openPanel(workflowId, title);
				await page.waitForTimeout(500);
				const text = await ndv.innerText();
				const lines = new Set(text.split('\n').map((line) => line.trim()));
				assert.doesNotMatch(text, /not currently installed|Install this node|unknown node/i);
				for (const field of [...COMMON, ...fields])
					assert.ok(lines.has(field), `${title}: "${field}" is not shown`);
				for (const field of ALL.filter((candidate) => !fields.includes(candidate))) {
					assert.ok(!lines.has(field), `${title}: "${field}" should not be shown`);
				}
				await page.screenshot({
					path: join(screenshots, `${nodeName}-${title.toLowerCase().replace(/ /g, '-')}.png`),
				});
				await page.keyboard.press('Escape');
			});
		}
	}
});
