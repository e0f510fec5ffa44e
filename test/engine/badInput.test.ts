/**
 * Bad input is refused before any request, naming the item and the field: an
 * expression that gives an object where text belongs, an empty file, a media URL
 * that does not parse. Each once on its own (the node fails, nothing sent) and once
 * under "On Error: Continue" next to a good item (an error item for it; only the
 * good item reaches the API). Then each service's own checks of the parameters
 * (schedule, time zone, JSON settings, platform rules), also before any request.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	createParams,
	errorOf,
	FAST_RETRIES,
	postIdParams,
	schedulalaCreateParams,
	allToolFields,
} from '../support/helpers';
import { MediaHost } from '../support/simulators/mediaHost';
import { storeBinary } from '../support/engine/binary';
import { useBothSimulators } from '../support/engine/bothSimulators';
import type { NodeName } from '../support/engine/harness';

const { sims, run } = useBothSimulators();
const host = new MediaHost();

beforeAll(async () => {
	await host.start();
	sims.socialSyncer.mediaHost = host;
	sims.schedulala.allowPrivateMediaUrls = true;
});
afterAll(async () => await host.stop());
beforeEach(() => host.clear());

interface BadInput {
	name: string;
	node: NodeName;
	parameters: INodeParameters;
	good: IDataObject;
	bad: IDataObject;
	message: string | RegExp;
	field: string;
}

const params = (node: NodeName, extra: INodeParameters) =>
	(node === 'socialSyncer' ? createParams : schedulalaCreateParams)(extra);
const mediaUrl = (node: NodeName) =>
	params(node, { media: { item: [{ type: 'image', url: '={{ $json.url }}' }] } });

const cases: BadInput[] = (['socialSyncer', 'schedulala'] as const).flatMap((node) => [
	{
		name: 'Content from an expression that gives an object',
		node,
		parameters: params(node, { content: '={{ $json.post }}' }),
		good: { post: 'Plain text' },
		bad: { post: { text: 'Hi', tags: ['menu'] } },
		message: 'Content is an object, not text: {"text":"Hi","tags":["menu"]}',
		field: 'content',
	},
	{
		name: 'Content from an expression that gives a list',
		node,
		parameters: params(node, { content: '={{ $json.lines }}' }),
		good: { lines: 'One line' },
		bad: { lines: ['one', 'two'] },
		message: 'Content is a list, not text: ["one","two"]',
		field: 'content',
	},
	{
		name: 'Account ID from an expression that gives an object',
		node,
		parameters: params(node, {
			platforms: {
				target: [
					{
						platform: 'instagram',
						accountId: { __rl: true, mode: 'id', value: '={{ $json.account }}' },
					},
				],
			},
		}),
		good: { account: 'ig_123' },
		bad: { account: { id: 'ig_123', name: 'shop' } },
		message: `Target 1's Account is an object, not text: {"id":"ig_123","name":"shop"}`,
		field: 'platforms',
	},
	{
		name: 'a media URL with a broken IPv6 host (https://[bad/x.png)',
		node,
		parameters: mediaUrl(node),
		good: { url: 'https://cdn.example.com/a.png' },
		bad: { url: 'https://[bad/x.png' },
		message: 'Media item 1 has no valid URL',
		field: 'media',
	},
	{
		name: 'a media URL with a % in its host (https://exa%mple.com/x.png)',
		node,
		parameters: mediaUrl(node),
		good: { url: 'https://cdn.example.com/a.png' },
		bad: { url: 'https://exa%mple.com/x.png' },
		message: 'Media item 1 has no valid URL',
		field: 'media',
	},
	{
		name: 'Scheduled For from an expression that gives an object',
		node,
		parameters: params(node, {
			publishMode: 'schedule',
			scheduledFor: '={{ $json.when }}',
		}),
		good: { when: '2030-06-01T09:00:00Z' },
		bad: { when: { date: '2030-06-01', time: '09:00' } },
		message: 'Scheduled For is an object, not text: {"date":"2030-06-01","time":"09:00"}',
		field: 'scheduledFor',
	},
	{
		name: 'Post ID from an expression that gives an object (Get)',
		node,
		parameters: {
			resource: 'post',
			operation: 'get',
			postId: '={{ $json.post }}',
			requestOptions: FAST_RETRIES,
		},
		good: { post: 'missing_1' },
		bad: { post: { id: 'post_1' } },
		message: 'Post ID is an object, not text: {"id":"post_1"}',
		field: 'postId',
	},
]);

/** The requests that reached the API, and the media host, for the bad item's values. */
const sentAnything = (node: NodeName) => sims[node].requests.length + host.requests.length;

describe.each(cases)('$node: $name', ({ node, parameters, good, bad, message, field }) => {
	it('fails the item before any request, naming the field', async () => {
		const result = await run(node, { parameters, items: [bad] });
		expect(result.error?.message).toEqual(message);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(result.error?.description).toMatch(
			/Nothing was sent|is not one\. Enter a public http\(s\) address/,
		);
		expect(result.error?.message).not.toMatch(/bug|\[object Object\]/);
		expect(sentAnything(node)).toBe(0);
	});

	it('under Continue: an error item for it, and only the good item reaches the API', async () => {
		const result = await run(node, {
			parameters,
			items: [good, bad],
			onError: 'continueRegularOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.main).toHaveLength(2);
		const error = errorOf(result.main[1]);
		expect(error).toMatchObject({ code: 'INVALID_PARAMETER', details: { field } });
		expect(error.message).toEqual(message);
		expect(result.main[1].pairedItem).toEqual({ item: 1 });
		const sent = JSON.stringify(sims[node].requests.map((request) => [request.path, request.body]));
		expect(sent).not.toContain(JSON.stringify(bad).slice(8, 20));
		expect(sent).not.toContain('[object Object]');
	});
});

describe('SocialSyncerAPI: an empty (0-byte) file', () => {
	const fileItem = async (size: number): Promise<INodeExecutionData> => ({
		json: {},
		binary: { data: await storeBinary(Buffer.alloc(size, 1), 'photo.jpg', 'image/jpeg') },
	});
	const createWithFile = createParams({
		media: { item: [{ source: 'binary', type: 'auto', binaryPropertyName: 'data' }] },
	});

	it('Create Post: refused before any request', async () => {
		const result = await run('socialSyncer', {
			parameters: createWithFile,
			binaryItems: [await fileItem(0)],
		});
		expect(result.error?.message).toBe('The file in binary property "data" is empty (0 bytes)');
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(sims.socialSyncer.requests).toHaveLength(0);
		expect(host.requests).toHaveLength(0);
	});

	it('Create Post under Continue: an error item; the good file is uploaded and posted', async () => {
		const result = await run('socialSyncer', {
			parameters: createWithFile,
			binaryItems: [await fileItem(2048), await fileItem(0)],
			onError: 'continueRegularOutput',
		});
		expect(errorOf(result.main[1])).toMatchObject({
			code: 'INVALID_PARAMETER',
			details: { field: 'media.item[0].binaryPropertyName' },
		});
		expect(result.main[0].json.id).toBeDefined();
		expect(host.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
		expect(
			sims.socialSyncer.requests.filter((request) => request.path === '/media/presign'),
		).toHaveLength(1);
	});

	it.each([undefined, 'continueRegularOutput'] as const)(
		'Media → Upload (On Error %s): refused before any request',
		async (onError) => {
			const result = await run('socialSyncer', {
				parameters: { resource: 'media', operation: 'upload', requestOptions: FAST_RETRIES },
				binaryItems: [await fileItem(0)],
				onError,
			});
			const message = 'The file in binary property "data" is empty (0 bytes)';
			if (onError) expect(errorOf(result.main[0]).message).toBe(message);
			else expect(result.error?.message).toBe(message);
			expect(sims.socialSyncer.requests).toHaveLength(0);
		},
	);
});

describe('as an AI tool', () => {
	const toolParams = createParams({
		...(Object.fromEntries(
			allToolFields.map((field) => [field.name, field.default]),
		) as INodeParameters),
		content: '',
		platforms: {},
		requestOptions: { ...FAST_RETRIES, requestsPerMinute: 0 } as INodeParameters,
	});

	it.each(['https://[bad/x.png', 'https://exa%mple.com/x.png'])(
		'a malformed media URL (%s) is an error item, sent before the account lookup too',
		async (url) => {
			const result = await run('socialSyncer', {
				asTool: true,
				parameters: toolParams,
				items: [{ content: 'Hi', targets: 'twitter', mediaUrls: url }],
			});
			const error = result.main[0].json.error as IDataObject;
			expect(error.code).toBe('INVALID_PARAMETER');
			expect(error.message).toMatch(/^Media item 1 has no valid URL/);
			expect(sims.socialSyncer.requests).toHaveLength(0);
		},
	);
});

describe('SocialSyncerAPI: invalid parameters are rejected before any request', () => {
	const cases: Array<{
		name: string;
		parameters: INodeParameters;
		field: string;
		message: RegExp;
	}> = [
		{
			name: 'no target for a post published now',
			parameters: createParams({ platforms: {} }),
			field: 'platforms',
			message: /at least one target/,
		},
		{
			name: 'a target without account',
			parameters: createParams({
				platforms: { target: [{ platform: 'instagram', accountId: '={{ $json.missing }}' }] },
			}),
			field: 'platforms',
			message: /no account ID/,
		},
		{
			name: 'a schedule without time',
			parameters: createParams({ publishMode: 'schedule', scheduledFor: '={{ $json.missing }}' }),
			field: 'scheduledFor',
			message: /Scheduled For is empty/,
		},
		{
			name: 'a schedule in the past',
			parameters: createParams({ publishMode: 'schedule', scheduledFor: '2020-01-01T10:00:00Z' }),
			field: 'scheduledFor',
			message: /in the past/,
		},
		{
			name: 'a publish mode this service does not offer',
			// scheduledFor is set because n8n shows it for any publish mode given as an expression.
			parameters: createParams({
				publishMode: '={{ "queue" }}',
				scheduledFor: '={{ $json.when }}',
			}),
			field: 'publishMode',
			message: /Unknown publish mode "queue"/,
		},
		{
			name: 'an unknown time zone',
			parameters: createParams({ options: { timezone: 'Mars/Olympus' } }),
			field: 'timezone',
			message: /Unknown time zone/,
		},
		{
			name: 'an empty post',
			parameters: createParams({ content: '' }),
			field: 'content',
			message: /empty/,
		},
		{
			name: 'a media item without URL',
			parameters: createParams({ media: { item: [{ type: 'image', url: 'photo.jpg' }] } }),
			field: 'media',
			message: /no valid URL/,
		},
		{
			name: 'TikTok settings that are not JSON',
			parameters: createParams({ options: { tiktokSettings: '{privacy' } }),
			field: 'tiktokSettings',
			message: /not valid JSON/,
		},
		{
			name: 'an empty post ID',
			parameters: postIdParams('get', ' '),
			field: 'postId',
			message: /Post ID is empty/,
		},
	];

	it.each(cases)('$name', async ({ parameters, field, message }) => {
		const thrown = await run('socialSyncer', { parameters });
		expect(thrown.error?.name).toBe('NodeOperationError');
		expect(thrown.error?.message).toMatch(message);
		expect((thrown.error?.context as IDataObject).itemIndex).toBe(0);

		const continued = await run('socialSyncer', { parameters, onError: 'continueRegularOutput' });
		expect(errorOf(continued.main[0])).toMatchObject({
			code: 'INVALID_PARAMETER',
			retryable: false,
			details: { field },
		});
		expect(sims.socialSyncer.requests).toHaveLength(0);
	});
});

describe('Schedulala: Create Post parameters refused before any request', () => {
	it.each([
		{
			name: 'platform settings that are not JSON',
			extra: { platformSettings: '{"instagram": ' },
			message: /Platform Settings \(JSON\) is not valid JSON/,
		},
		{
			name: 'platform settings that are a list',
			extra: { platformSettings: '[1]' },
			message: /must be a JSON object/,
		},
		{
			name: 'a schedule 1 minute ahead',
			extra: { publishMode: 'schedule', scheduledFor: '={{ $now.plus(1, "minute").toISO() }}' },
			message: /outside the allowed range/,
		},
		{
			name: 'a schedule 100 days ahead',
			extra: { publishMode: 'schedule', scheduledFor: '={{ $now.plus(100, "days").toISO() }}' },
			message: /outside the allowed range/,
		},
		{
			name: 'a PDF for X',
			extra: { media: { item: [{ type: 'pdf', url: 'https://cdn.example.com/a.pdf' }] } },
			message: /only be posted to LinkedIn/,
		},
	])('rejects $name before any request', async ({ extra, message }) => {
		const result = await run('schedulala', {
			parameters: schedulalaCreateParams(extra),
			onError: 'continueRegularOutput',
		});
		const error = errorOf(result.main[0]);
		expect(error.code).toBe('INVALID_PARAMETER');
		expect(String(error.message)).toMatch(message);
		expect(sims.schedulala.requests).toHaveLength(0);
	});
});
