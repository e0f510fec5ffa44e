// Workflows the end-to-end suite imports besides the examples: one per thing
// it checks. Node types are the package's own, as users get them.
export const SOCIAL = {
	socialSyncerApi: { id: 'SocialSyncerDemo', name: 'SocialSyncerAPI account' },
};
export const SCHEDULALA = { schedulalaApi: { id: 'SchedulalaDemo01', name: 'Schedulala account' } };

let counter = 0;
/** A workflow node with an ID of its own (typeVersion 1 unless `extra` says otherwise). */
export function node(name, type, parameters, extra = {}) {
	counter += 1;
	return {
		id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
		name,
		type,
		typeVersion: 1,
		position: [counter * 220, 0],
		parameters,
		...extra,
	};
}

const trigger = () => node('Start', 'n8n-nodes-base.manualTrigger', {});

/** The nodes one after another: each one's main output into the next. */
export function linear(id, name, nodes, extra = {}) {
	const connections = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	return {
		id,
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
		...extra,
	};
}

/** A manual trigger, then the nodes one after another. */
const chain = (id, name, nodes) => linear(id, name, [trigger(), ...nodes]);

const social = (name, parameters, extra) =>
	node(name, 'n8n-nodes-social-posting.socialSyncer', parameters, {
		credentials: SOCIAL,
		...extra,
	});
const schedulala = (name, parameters, extra) =>
	node(name, 'n8n-nodes-social-posting.schedulala', parameters, {
		credentials: SCHEDULALA,
		...extra,
	});

/**
 * One image by URL, not probed (the test machine reaches no CDN): Instagram and TikTok
 * take no text-only post.
 */
const PHOTO = {
	media: { item: [{ source: 'url', type: 'image', url: 'https://cdn.example.com/photo.jpg' }] },
};
const NO_URL_CHECK = { checkMediaUrls: false };
/** TikTok's required settings, as a user writes them in each node's JSON option. */
const SOCIAL_TIKTOK =
	'{"privacy_level": "PUBLIC_TO_EVERYONE", "content_preview_confirmed": true, "express_consent_given": true}';
const SCHEDULALA_TIKTOK = '{"tiktok": {"privacy": "PUBLIC_TO_EVERYONE", "postMode": "direct"}}';

const items = (name, rows) =>
	node(
		name,
		'n8n-nodes-base.code',
		{ jsCode: `return ${JSON.stringify(rows.map((json) => ({ json })))};` },
		{ typeVersion: 2 },
	);

/** Three posts, the middle one to an account the API does not know, under the given On Error mode. */
function threeItemsOneFailing(onError) {
	return [
		items('Items', [{ account: 'ig_123' }, { account: 'ig_unknown' }, { account: 'ig_123' }]),
		social(
			'Create',
			{
				resource: 'post',
				operation: 'create',
				content: 'Hello',
				platforms: { target: [{ platform: 'instagram', accountId: '={{ $json.account }}' }] },
				...PHOTO,
				options: NO_URL_CHECK,
			},
			{ onError },
		),
	];
}

export const workflows = {
	socialSyncerOperations: chain('E2eSocialOps0001', 'E2E: SocialSyncerAPI create, get, retry', [
		social('Create', {
			resource: 'post',
			operation: 'create',
			content: 'Hello from real n8n',
			platforms: {
				target: [
					{ platform: 'instagram', accountId: 'ig_123' },
					{ platform: 'tiktok', accountId: 'tt_321' },
				],
			},
			...PHOTO,
			options: { ...NO_URL_CHECK, tiktokSettings: SOCIAL_TIKTOK },
		}),
		social('Get', { resource: 'post', operation: 'get', postId: '={{ $json.id }}' }),
		social('Retry', {
			resource: 'post',
			operation: 'retry',
			postId: "={{ $('Create').item.json.id }}",
		}),
	]),
	schedulalaOperations: chain('E2eSchedOps00001', 'E2E: Schedulala validate, create, get, retry', [
		schedulala('Validate', {
			resource: 'post',
			operation: 'validate',
			content: 'Hello from real n8n',
			platforms: {
				target: [
					{ platform: 'twitter', accountId: '' },
					{ platform: 'tiktok', accountId: '' },
				],
			},
			platformSettings: SCHEDULALA_TIKTOK,
		}),
		schedulala('Create', {
			resource: 'post',
			operation: 'create',
			content: 'Hello from real n8n',
			platforms: {
				target: [
					{ platform: 'twitter', accountId: '' },
					{ platform: 'tiktok', accountId: '' },
				],
			},
			platformSettings: SCHEDULALA_TIKTOK,
		}),
		schedulala('Get', { resource: 'post', operation: 'get', postId: '={{ $json.id }}' }),
		schedulala('Retry', {
			resource: 'post',
			operation: 'retry',
			postId: "={{ $('Create').item.json.id }}",
			retryPlatforms: ['tiktok'],
		}),
	]),
	accounts: chain('E2eAccounts00001', 'E2E: accounts of both services', [
		social('Accounts', {
			resource: 'account',
			operation: 'getAll',
			filters: { platform: 'instagram' },
		}),
		social('Health', { resource: 'account', operation: 'getHealth' }, { executeOnce: true }),
		schedulala(
			'Schedulala accounts',
			{ resource: 'account', operation: 'getAll' },
			{ executeOnce: true },
		),
	]),
	deletes: chain('E2eDeletes000001', 'E2E: delete a scheduled post on both services', [
		items('Posts', [{ social: 'e2e_social_sched', schedulala: 'e2e_sched_sched' }]),
		social('Delete', { resource: 'post', operation: 'delete', postId: '={{ $json.social }}' }),
		schedulala('Delete on Schedulala', {
			resource: 'post',
			operation: 'delete',
			postId: "={{ $('Posts').item.json.schedulala }}",
		}),
	]),
	listPosts: chain('E2eListPosts0001', 'E2E: list scheduled posts on both services', [
		social('Scheduled', {
			resource: 'post',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'scheduled' },
		}),
		schedulala(
			'Scheduled on Schedulala',
			{ resource: 'post', operation: 'getAll', limit: 3 },
			{ executeOnce: true },
		),
	]),
	updates: chain('E2eUpdates000001', 'E2E: update a scheduled post on both services', [
		items('Posts', [{ social: 'e2e_social_upd', schedulala: 'e2e_sched_upd' }]),
		social('Update', {
			resource: 'post',
			operation: 'update',
			postId: '={{ $json.social }}',
			updateFields: {
				content: 'Moved by n8n',
				scheduledFor: "={{ $now.plus(2, 'hours').toISO() }}",
				platforms: {
					target: [
						{ platform: 'twitter', accountId: { __rl: true, mode: 'list', value: 'tw_789' } },
					],
				},
			},
		}),
		schedulala('Update on Schedulala', {
			resource: 'post',
			operation: 'update',
			postId: "={{ $('Posts').item.json.schedulala }}",
			updateFields: {
				content: 'Moved by n8n',
				scheduledFor: "={{ $now.plus(2, 'hours').toISO() }}",
			},
		}),
		social(
			'Update published',
			{
				resource: 'post',
				operation: 'update',
				postId: 'e2e_social_live',
				updateFields: { content: 'x' },
			},
			{ onError: 'continueRegularOutput' },
		),
	]),
	waitForPublish: chain('E2eWaitPublish01', 'E2E: wait until posts are published', [
		social('Create and wait', {
			resource: 'post',
			operation: 'create',
			content: 'Hello',
			platforms: {
				target: [
					{ platform: 'instagram', accountId: { __rl: true, mode: 'list', value: 'ig_123' } },
				],
			},
			...PHOTO,
			options: { ...NO_URL_CHECK, waitForPublish: true, waitTimeout: 30 },
		}),
		schedulala('Create and wait on Schedulala', {
			resource: 'post',
			operation: 'create',
			content: 'Hello',
			platforms: { target: [{ platform: 'twitter', accountId: '' }] },
			options: { waitForPublish: true, waitTimeout: 30 },
		}),
		social('Retry and wait', {
			resource: 'post',
			operation: 'retry',
			postId: 'e2e_social_failed',
			options: { waitForPublish: true, waitTimeout: 30 },
		}),
	]),
	waitTimeout: chain('E2eWaitTimeout01', 'E2E: a wait that times out, then Retry On Fail', [
		social(
			'Create, retried on fail',
			{
				resource: 'post',
				operation: 'create',
				content: 'Hello',
				platforms: { target: [{ platform: 'instagram', accountId: 'ig_123' }] },
				...PHOTO,
				options: { ...NO_URL_CHECK, waitForPublish: true, waitTimeout: 2 },
			},
			{ retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		),
		schedulala(
			'Create with a short wait',
			{
				resource: 'post',
				operation: 'create',
				content: 'Hello',
				platforms: { target: [{ platform: 'twitter', accountId: '' }] },
				options: { waitForPublish: true, waitTimeout: 1 },
			},
			{ onError: 'continueErrorOutput' },
		),
	]),
	concurrent: chain('E2eConcurrent001', 'E2E: many items, concurrently within the rate limit', [
		items(
			'Rows',
			Array.from({ length: 12 }, (_, index) => ({ text: `Row ${index}` })),
		),
		social('Post rows', {
			resource: 'post',
			operation: 'create',
			content: '={{ $json.text }}',
			platforms: { target: [{ platform: 'instagram', accountId: 'ig_123' }] },
			...PHOTO,
			options: NO_URL_CHECK,
		}),
		schedulala('Post rows on Schedulala', {
			resource: 'post',
			operation: 'create',
			content: "={{ $('Rows').item.json.text }}",
			platforms: { target: [{ platform: 'linkedin', accountId: 'acc_li_1' }] },
		}),
	]),
	concurrentStop: chain(
		'E2eConcurrStop01',
		'E2E: a failure among concurrent items, then Retry On Fail',
		[
			items(
				'Rows',
				Array.from({ length: 8 }, (_, index) => ({
					text: `Row ${index}`,
					account: index === 2 ? 'ig_unknown' : 'ig_123',
				})),
			),
			social(
				'Post rows',
				{
					resource: 'post',
					operation: 'create',
					content: '={{ $json.text }}',
					platforms: { target: [{ platform: 'instagram', accountId: '={{ $json.account }}' }] },
					...PHOTO,
					options: NO_URL_CHECK,
				},
				{ retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
			),
		],
	),
	paced: chain('E2ePacedRpm00001', 'E2E: SocialSyncerAPI paced to Requests per Minute', [
		items(
			'Rows',
			Array.from({ length: 6 }, (_, index) => ({ text: `Paced row ${index}` })),
		),
		social('Post rows', {
			resource: 'post',
			operation: 'create',
			content: '={{ $json.text }}',
			platforms: { target: [{ platform: 'instagram', accountId: 'ig_123' }] },
			...PHOTO,
			options: NO_URL_CHECK,
			requestOptions: { requestsPerMinute: 120 },
		}),
	]),
	rateLimitedCreate: chain('E2eRateLimCrea01', 'E2E: a post that loses five rate-limit windows', [
		social('Create', {
			resource: 'post',
			operation: 'create',
			content: 'Posted after five 429s',
			platforms: { target: [{ platform: 'instagram', accountId: 'ig_123' }] },
			...PHOTO,
			options: NO_URL_CHECK,
		}),
	]),
	thrownError: chain('E2eThrownError01', 'E2E: a thrown API error', [
		social('Get', { resource: 'post', operation: 'get', postId: 'post_missing' }),
	]),
	continueRegular: chain(
		'E2eContinueReg01',
		'E2E: continue (regular output)',
		threeItemsOneFailing('continueRegularOutput'),
	),
};

// Continue (using error output): the node's second output goes to its own node.
const errorOutput = chain('E2eErrorOutput01', 'E2E: continue (using error output)', [
	...threeItemsOneFailing('continueErrorOutput'),
	node('Succeeded', 'n8n-nodes-base.noOp', {}),
]);
const failed = node('Failed', 'n8n-nodes-base.noOp', {});
errorOutput.nodes.push(failed);
errorOutput.connections.Create.main.push([{ node: 'Failed', type: 'main', index: 0 }]);
workflows.errorOutput = errorOutput;

// The rate-limit workflow reads its post ID from a Code node set per run.
workflows.rateLimited = (postId) =>
	chain('E2eRateLimited01', 'E2E: a 429 waited out', [
		items('Items', [{ postId }]),
		social('Get', { resource: 'post', operation: 'get', postId: '={{ $json.postId }}' }),
	]);

/**
 * A file read from disk by n8n's Read/Write Files from Disk node, posted with its
 * binary data: Create Post (SocialSyncerAPI uploads it), Media → Upload, and the
 * refusals (Schedulala takes URLs only; a share link is a web page).
 */
export function mediaWorkflow(filePath, shareLinkUrl) {
	const start = trigger();
	const read = node('Read file', 'n8n-nodes-base.readWriteFile', {
		operation: 'read',
		fileSelector: filePath,
		options: {},
	});
	const create = social('Create with file', {
		resource: 'post',
		operation: 'create',
		content: 'Our launch video',
		platforms: { target: [{ platform: 'tiktok', accountId: 'tt_321' }] },
		media: { item: [{ source: 'binary', type: 'auto', binaryPropertyName: 'data' }] },
		options: { tiktokSettings: SOCIAL_TIKTOK },
	});
	const upload = social('Upload', {
		resource: 'media',
		operation: 'upload',
		binaryPropertyName: 'data',
	});
	const refused = schedulala(
		'Schedulala with file',
		{
			resource: 'post',
			operation: 'create',
			content: 'x',
			platforms: { target: [{ platform: 'twitter', accountId: '' }] },
			media: { item: [{ source: 'binary', binaryPropertyName: 'data' }] },
		},
		{ onError: 'continueRegularOutput' },
	);
	const shareLink = schedulala(
		'Share link',
		{
			resource: 'post',
			operation: 'create',
			content: 'x',
			platforms: { target: [{ platform: 'twitter', accountId: '' }] },
			media: { item: [{ type: 'image', url: shareLinkUrl }] },
		},
		{ onError: 'continueRegularOutput', executeOnce: true },
	);
	const to = (target) => ({ node: target.name, type: 'main', index: 0 });
	return {
		id: 'E2eMediaFile0001',
		name: 'E2E: post a file read from disk',
		nodes: [start, read, create, upload, refused, shareLink],
		connections: {
			[start.name]: { main: [[to(read), to(shareLink)]] },
			[read.name]: { main: [[to(create), to(upload), to(refused)]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
