/**
 * The media URL check against hostile or unlucky hosts, through n8n-core's engine:
 * a host that refuses HEAD and ignores Range costs a few KB, not the file; as an
 * AI agent's tool, a URL on a private address is not opened from n8n, and what the
 * model reads is the same whether a page, a 404 or a closed port is behind it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	createParams,
	FAST_RETRIES,
	SCHEDULALA_TIKTOK_SETTINGS,
	schedulalaCreateParams,
	SOCIAL_TIKTOK_SETTINGS,
	allToolFields,
} from '../support/helpers';
import { closedPort, MediaHost } from '../support/simulators/mediaHost';
import { useBothSimulators } from '../support/engine/bothSimulators';

const { sims, run } = useBothSimulators();
const host = new MediaHost();

beforeAll(async () => {
	await host.start();
	sims.schedulala.allowPrivateMediaUrls = true;
});
afterAll(async () => await host.stop());
beforeEach(() => host.clear());

const MB = 1024 * 1024;

const creates = (node: 'socialSyncer' | 'schedulala') =>
	sims[node].requests.filter((request) => request.method === 'POST' && request.path === '/posts');

describe.each(['socialSyncer', 'schedulala'] as const)(
	'%s: a host that refuses HEAD and ignores Range',
	(node) => {
		it('a 150 MB file: the check reads its headers, the host sends a small part at most, the post goes out', async () => {
			const url = host.bigFile('/reel.mp4', 150 * MB);
			const result = await run(node, {
				parameters: (node === 'socialSyncer' ? createParams : schedulalaCreateParams)({
					media: { item: [{ type: 'video', url }] },
					platforms: {
						target: [{ platform: 'tiktok', accountId: node === 'socialSyncer' ? 'tt_321' : '' }],
					},
					// TikTok's required settings, as a user sets them.
					...(node === 'socialSyncer'
						? { options: { tiktokSettings: SOCIAL_TIKTOK_SETTINGS } }
						: { platformSettings: SCHEDULALA_TIKTOK_SETTINGS }),
				}),
			});
			expect(host.requests.map((request) => request.method)).toEqual(['HEAD', 'GET']);
			expect(host.requests[1].headers.range).toBe('bytes=0-0');
			const [sent] = await host.bytesSent('/reel.mp4');
			// Loopback socket buffers take a few MB before the host is held back; never the file.
			expect(sent).toBeLessThan(16 * MB);
			expect(result.error).toBeUndefined();
			expect(creates(node)).toHaveLength(1);
		});
	},
);

it('the size a host without Range reports still counts against the platform limit', async () => {
	const url = host.bigFile('/long.mp4', 400 * MB);
	const result = await run('socialSyncer', {
		parameters: createParams({ media: { item: [{ type: 'video', url }] } }),
	});
	expect(result.error?.message).toBe('Media item 1 is too large (400.0 MB)');
	expect((await host.bytesSent('/long.mp4'))[0]).toBeLessThan(16 * MB);
	expect(creates('socialSyncer')).toHaveLength(0);
});

describe('as an AI tool: URLs on private addresses are not opened', () => {
	const toolDefaults = Object.fromEntries(
		allToolFields.map((field) => [field.name, field.default]),
	) as INodeParameters;
	const toolParams = createParams({
		...toolDefaults,
		content: '',
		platforms: {},
		requestOptions: { ...FAST_RETRIES, requestsPerMinute: 0 } as INodeParameters,
	});
	const callTool = async (mediaUrls: string) =>
		await run('socialSyncer', {
			asTool: true,
			parameters: toolParams,
			items: [{ content: 'Look at this', targets: 'twitter', mediaUrls }],
		});
	/** What the model reads, without what differs between any two posts (id, times). */
	const answer = (json: IDataObject) => ({
		error: json.error,
		status: json.status,
		mediaNotices: json.mediaNotices,
	});

	it('an internal page, a 404 and a closed port give the model the same answer, and nothing is opened', async () => {
		const page = host.page('/admin', 200, { 'Content-Type': 'text/html' }, '<html>admin</html>');
		const missing = `${host.baseUrl}/nothing-here.png`;
		const closed = `http://127.0.0.1:${await closedPort()}/x.png`;
		const answers = [];
		for (const url of [page, missing, closed])
			answers.push(answer((await callTool(url)).main[0].json));
		expect(host.requests).toHaveLength(0);
		expect(answers[1]).toEqual(answers[0]);
		expect(answers[2]).toEqual(answers[0]);
		expect(answers[0]).toEqual({
			error: undefined,
			status: 'published',
			mediaNotices: [
				'Media item 1 was not checked: n8n does not open addresses of a private network for an AI agent. It was sent as given.',
			],
		});
	});

	it('other spellings of loopback are not opened either', async () => {
		const { port } = new URL(host.baseUrl);
		for (const url of [
			`http://localhost:${port}/a.png`,
			`http://2130706433:${port}/a.png`,
			`http://0x7f.0.0.1:${port}/a.png`,
			`http://[::ffff:127.0.0.1]:${port}/a.png`,
		]) {
			const result = await callTool(url);
			expect(result.main[0].json.mediaNotices).toEqual([
				expect.stringMatching(/^Media item 1 was not checked: n8n does not open addresses/),
			]);
		}
		expect(host.requests).toHaveLength(0);
	});

	it('the same URL outside an agent is still checked, as the README says', async () => {
		const result = await run('socialSyncer', {
			parameters: createParams({
				media: { item: [{ type: 'image', url: `${host.baseUrl}/nothing-here.png` }] },
			}),
		});
		expect(result.error?.message).toMatch(/^Media item 1: there is no file at .* \(HTTP 404\)$/);
		expect(host.requests.map((request) => request.method)).toEqual(['HEAD']);
	});
});
