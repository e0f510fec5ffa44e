import type { ICredentialType, IDataObject, INodeProperties, INodeType } from 'n8n-workflow';

import { SchedulalaApi } from '../../credentials/SchedulalaApi.credentials';
import { SocialSyncerApi } from '../../credentials/SocialSyncerApi.credentials';
import { Schedulala } from '../../nodes/Schedulala/Schedulala.node';
import { SchedulalaTrigger } from '../../nodes/Schedulala/SchedulalaTrigger.node';
import { SocialSyncer } from '../../nodes/SocialSyncer/SocialSyncer.node';
import { SocialSyncerTrigger } from '../../nodes/SocialSyncer/SocialSyncerTrigger.node';
import { requestOptions } from '../../nodes/shared/descriptions/requestOptions';
import { DEFAULT_CONCURRENCY, DEFAULT_SETTINGS } from '../../nodes/shared/transport/settings';
import packageJson from '../../package.json';

// The names saved workflows depend on (../shared/contract.md). They never change.
const nodes: Array<[string, INodeType, string, string, string[]]> = [
	[
		'socialSyncer',
		new SocialSyncer(),
		'SocialSyncerAPI',
		'socialSyncerApi',
		['now', 'schedule', 'draft'],
	],
	[
		'schedulala',
		new Schedulala(),
		'Schedulala',
		'schedulalaApi',
		['now', 'schedule', 'draft', 'queue'],
	],
];

function property(node: INodeType, name: string, operation?: string): INodeProperties {
	const found = node.description.properties.find(
		(candidate) =>
			candidate.name === name &&
			(operation === undefined ||
				(candidate.displayOptions?.show?.operation ?? [operation]).includes(operation)),
	);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

const entries = (prop: INodeProperties) => (prop.options ?? []) as unknown as IDataObject[];
const optionValues = (prop: INodeProperties) =>
	entries(prop).map((option) => option.value ?? option.name);

describe.each(nodes)(
	'node %s keeps the public contract',
	(name, node, displayName, credential, modes) => {
		it('has the contract names', () => {
			expect(node.description).toMatchObject({ name, displayName, version: 1, usableAsTool: true });
			expect(node.description.credentials).toEqual([{ name: credential, required: true }]);
			const resource = property(node, 'resource');
			expect(optionValues(resource)).toEqual(expect.arrayContaining(['post', 'account']));
			// Workflows saved before Account existed have no resource parameter: Post must stay the default.
			expect(resource.default).toBe('post');
			expect(optionValues(property(node, 'operation'))).toEqual(
				expect.arrayContaining(['create', 'get', 'retry']),
			);
		});

		it('has the Create Post parameters', () => {
			expect(property(node, 'content', 'create').type).toBe('string');
			const platforms = property(node, 'platforms', 'create');
			expect(platforms.type).toBe('fixedCollection');
			expect(platforms.typeOptions?.multipleValues).toBe(true);
			const target = entries(platforms)[0];
			expect(target.name).toBe('target');
			expect((target.values as INodeProperties[]).map((value) => value.name)).toEqual(
				expect.arrayContaining(['platform', 'accountId']),
			);
			const publishMode = property(node, 'publishMode', 'create');
			expect(publishMode.default).toBe('now');
			expect(optionValues(publishMode).sort()).toEqual([...modes].sort());
			const scheduledFor = property(node, 'scheduledFor', 'create');
			expect(scheduledFor.type).toBe('dateTime');
			expect(scheduledFor.displayOptions?.show?.publishMode).toEqual(['schedule']);
			const media = property(node, 'media', 'create');
			const mediaItem = entries(media)[0];
			expect(mediaItem.name).toBe('item');
			// Wave 1 names, wave 2's source and binaryPropertyName (Type shown per source), wave 3's
			// alt text and video cover.
			expect((mediaItem.values as INodeProperties[]).map((value) => value.name)).toEqual([
				'binaryPropertyName',
				'source',
				'type',
				'type',
				'url',
				'altText',
				'thumbnailUrl',
			]);
			const options = property(node, 'options', 'create');
			expect((options.options as INodeProperties[]).map((option) => option.name)).toEqual(
				expect.arrayContaining(['timezone', 'idempotencyKey']),
			);
		});

		it('has postId for Get and Retry', () => {
			expect(property(node, 'postId', 'get').type).toBe('string');
			expect(property(node, 'postId', 'retry').type).toBe('string');
		});
	},
);

describe.each<[string, ICredentialType, string]>([
	['socialSyncerApi', new SocialSyncerApi(), 'https://api.socialsyncerapi.com/v1'],
	['schedulalaApi', new SchedulalaApi(), 'https://schedulala.com/api/v1'],
])('credential %s', (name, credential, baseUrl) => {
	it('has the contract fields and Bearer auth', () => {
		expect(credential.name).toBe(name);
		const apiKey = credential.properties.find((prop) => prop.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
		expect(credential.properties.find((prop) => prop.name === 'baseUrl')?.default).toBe(baseUrl);
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
		});
	});

	// n8n's credential tester fails a 2xx when get(body, key) === value, for each rule.
	const testFails = (body: unknown) =>
		(credential.test?.rules ?? []).some(
			(rule) =>
				rule.type === 'responseSuccessBody' &&
				(body !== null && typeof body === 'object'
					? (body as IDataObject)[rule.properties.key]
					: undefined) === rule.properties.value,
		);

	it('fails its test on an HTML page and passes on the API answer', () => {
		expect(testFails('<html><body>Login</body></html>')).toBe(true);
		expect(testFails({})).toBe(true);
		expect(
			testFails(name === 'socialSyncerApi' ? { accounts: [] } : { success: true, data: [] }),
		).toBe(false);
	});
});

describe('package.json', () => {
	it('is what n8n verification expects', () => {
		expect(packageJson.name).toBe('n8n-nodes-social-posting');
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		expect(packageJson.files).toEqual(['dist']);
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect((packageJson as IDataObject).dependencies).toBeUndefined();
		expect((packageJson as IDataObject).overrides).toBeUndefined();
		const scripts = packageJson.scripts as Record<string, string>;
		for (const banned of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'])
			expect(scripts[banned]).toBeUndefined();
		expect(packageJson.n8n).toEqual({
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: [
				'dist/credentials/SocialSyncerApi.credentials.js',
				'dist/credentials/SchedulalaApi.credentials.js',
			],
			nodes: [
				'dist/nodes/SocialSyncer/SocialSyncer.node.js',
				'dist/nodes/Schedulala/Schedulala.node.js',
				'dist/nodes/SocialSyncer/SocialSyncerTrigger.node.js',
				'dist/nodes/Schedulala/SchedulalaTrigger.node.js',
			],
		});
	});
});

describe('Automatic Retries and Timeout', () => {
	it('shows the defaults the transport uses', () => {
		const byName = Object.fromEntries(
			(requestOptions.options as INodeProperties[]).map((option) => [option.name, option.default]),
		);
		expect(byName).toEqual({
			concurrency: DEFAULT_CONCURRENCY,
			initialBackoff: DEFAULT_SETTINGS.initialBackoffMs,
			maxRetries: DEFAULT_SETTINGS.maxRetries,
			maxWait: DEFAULT_SETTINGS.maxWaitMs / 1000,
			timeout: DEFAULT_SETTINGS.timeoutMs,
		});
	});
});

describe.each([
	[
		new SocialSyncerTrigger(),
		'socialSyncerTrigger',
		'SocialSyncerAPI Trigger',
		'socialSyncerApi',
		[
			'post.published',
			'post.failed',
			'post.scheduled',
			'account.connected',
			'account.disconnected',
		],
	],
	[
		new SchedulalaTrigger(),
		'schedulalaTrigger',
		'Schedulala Trigger',
		'schedulalaApi',
		['post.published', 'post.failed', 'account.error'],
	],
])('%s', (trigger, name, displayName, credential, events) => {
	it('has the contract name, credential and events, and is a webhook trigger', () => {
		const { description } = trigger;
		expect(description.name).toBe(name);
		expect(description.displayName).toBe(displayName);
		expect(description.credentials).toEqual([{ name: credential, required: true }]);
		expect(description.inputs).toEqual([]);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.webhooks?.map((webhook) => webhook.httpMethod)).toEqual(['POST']);
		const eventsParameter = description.properties.find((p) => p.name === 'events');
		expect(eventsParameter?.type).toBe('multiOptions');
		expect(
			(eventsParameter?.options as Array<{ value: string }>).map((option) => option.value).sort(),
		).toEqual([...events].sort());
		expect(Object.keys(trigger.webhookMethods?.default ?? {}).sort()).toEqual([
			'checkExists',
			'create',
			'delete',
		]);
	});
});

describe('SocialSyncerAPI credential', () => {
	it('has an optional, hidden Webhook Secret for the trigger', () => {
		const field = new SocialSyncerApi().properties.find((p) => p.name === 'webhookSecret');
		expect(field).toMatchObject({ type: 'string', typeOptions: { password: true }, default: '' });
		expect(field?.required).toBeUndefined();
	});
});

describe('Schedulala Analytics (wave 3)', () => {
	const schedulala = new Schedulala();
	const analytics = (name: string, operation: string) =>
		schedulala.description.properties.find(
			(candidate) =>
				candidate.name === name &&
				candidate.displayOptions?.show?.resource?.includes('analytics') === true &&
				(candidate.displayOptions?.show?.operation?.includes(operation) ?? true),
		);

	it('has the contract resource, operations and Post Metrics parameters', () => {
		expect(optionValues(property(schedulala, 'resource'))).toContain('analytics');
		expect(optionValues(analytics('operation', 'postMetrics') as INodeProperties).sort()).toEqual([
			'bestTime',
			'contentTypes',
			'daily',
			'followers',
			'postMetrics',
			'refresh',
			'youtubeRetention',
		]);
		expect(analytics('accountId', 'postMetrics')?.type).toBe('resourceLocator');
		expect(optionValues(analytics('sort', 'postMetrics') as INodeProperties).sort()).toEqual([
			'date',
			'engagement',
			'impressions',
			'likes',
		]);
		expect(analytics('sort', 'postMetrics')?.default).toBe('date');
		expect(optionValues(analytics('order', 'postMetrics') as INodeProperties).sort()).toEqual([
			'asc',
			'desc',
		]);
		expect(analytics('order', 'postMetrics')?.default).toBe('desc');
		expect(analytics('returnAll', 'postMetrics')?.default).toBe(false);
		expect(analytics('limit', 'postMetrics')?.type).toBe('number');
	});

	it('SocialSyncerAPI has no Analytics resource (its API documents none)', () => {
		expect(optionValues(property(new SocialSyncer(), 'resource'))).not.toContain('analytics');
	});
});
