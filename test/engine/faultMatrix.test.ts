/**
 * The fault matrix: both nodes, through n8n-core's real execution, against the
 * simulators, with every fault kind on Create, Get and Retry, in every
 * "On Error" mode. Three items per run; the fault hits the middle one.
 * Every cell checks: nothing lost, nothing duplicated, no crash, no leak, and
 * that retries waited at least what the API asked.
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	IPairedItemData,
	OnError,
} from 'n8n-workflow';

import { createParams, errorOf, SCHEDULALA_KEY, SOCIAL_KEY, visibleText } from '../support/helpers';
import { createSchedulalaSimulator } from '../support/simulators/schedulala';
import { createSocialSyncerSimulator } from '../support/simulators/socialsyncer';
import { printTable } from '../support/report';
import { type NodeName, runNode } from '../support/engine/harness';

type Operation = 'create' | 'get' | 'retry';
type Sim =
	| ReturnType<typeof createSocialSyncerSimulator>
	| ReturnType<typeof createSchedulalaSimulator>;

// Long enough that a loaded CI machine answers ordinary requests in time.
const TIMEOUT_MS = 1000;
// One item after another: each cell is about one item's fault and what the run does after it
// (concurrency.test.ts covers items in flight together).
const REQUEST_OPTIONS = {
	maxRetries: 3,
	initialBackoff: 20,
	maxWait: 3,
	timeout: TIMEOUT_MS,
	concurrency: 1,
};

interface FaultKind {
	name: string;
	/** The fault for the given node, and the wait it asks for: a duration, or a time to wait until. */
	fault(node: NodeName): { spec: IDataObject; askedMs?: number; askedUntil?: number };
	/** Whether a create can be re-sent safely after it, without an idempotency key. */
	provablyNotProcessed?: boolean;
	/** Retrying cannot help: the item must fail with this code. */
	permanentCode?: (node: NodeName) => string;
	/** The code the item fails with when it is not retried (SocialSyncerAPI creates). */
	code: (node: NodeName) => string;
}

const rateLimitCode = (node: NodeName) =>
	node === 'socialSyncer' ? 'RATE_LIMIT_EXCEEDED' : 'rate_limit_exceeded';
const rateLimited = (headers: Record<string, string>) => ({
	kind: 'error',
	code: 'RATE_LIMIT_EXCEEDED',
	message: 'Rate limit exceeded',
	headers,
	status: 429,
});

const faults: FaultKind[] = [
	{
		name: '429 Retry-After: seconds',
		fault: (node) => ({
			spec: { ...rateLimited({ 'Retry-After': '1' }), code: rateLimitCode(node) },
			askedMs: 1000,
		}),
		provablyNotProcessed: true,
		code: rateLimitCode,
	},
	{
		name: '429 Retry-After: HTTP date',
		fault: (node) => {
			const at = Math.ceil((Date.now() + 1500) / 1000) * 1000;
			return {
				spec: {
					...rateLimited({ 'Retry-After': new Date(at).toUTCString() }),
					code: rateLimitCode(node),
				},
				askedUntil: at,
			};
		},
		provablyNotProcessed: true,
		code: rateLimitCode,
	},
	{
		name: '429 burst, X-RateLimit-Reset epoch ms',
		fault: (node) => {
			const reset = Date.now() + 300;
			return {
				spec: {
					...rateLimited({ 'X-RateLimit-Reset': String(reset), 'X-RateLimit-Remaining': '0' }),
					code: rateLimitCode(node),
					times: 2,
				},
				askedUntil: reset,
			};
		},
		provablyNotProcessed: true,
		code: rateLimitCode,
	},
	{
		name: '429 without headers',
		fault: (node) => ({ spec: { ...rateLimited({}), code: rateLimitCode(node) } }),
		provablyNotProcessed: true,
		code: rateLimitCode,
	},
	{
		name: '500 internal error',
		fault: (node) => ({
			spec: {
				kind: 'error',
				code: node === 'socialSyncer' ? 'INTERNAL_ERROR' : 'internal_error',
				message: 'Internal server error',
			},
		}),
		code: (node) => (node === 'socialSyncer' ? 'INTERNAL_ERROR' : 'internal_error'),
	},
	{
		name: '502 platform / gateway error',
		fault: (node) => ({
			spec:
				node === 'socialSyncer'
					? { kind: 'html', status: 502 }
					: { kind: 'error', code: 'platform_error', message: 'Instagram is unavailable' },
		}),
		code: (node) => (node === 'socialSyncer' ? 'HTTP_502' : 'platform_error'),
	},
	{
		name: 'reset before processing',
		fault: () => ({ spec: { kind: 'resetBefore' } }),
		code: () => 'ECONNRESET',
	},
	{
		name: 'processed, then connection dropped',
		fault: () => ({ spec: { kind: 'dropAfter' } }),
		code: () => 'ECONNRESET',
	},
	{
		name: 'slower than the timeout',
		fault: () => ({ spec: { kind: 'slow', delayMs: TIMEOUT_MS * 3 } }),
		code: () => 'ETIMEDOUT',
	},
	{
		name: 'truncated JSON',
		fault: () => ({ spec: { kind: 'truncated' } }),
		code: () => 'INVALID_RESPONSE',
	},
	{
		name: 'empty body',
		fault: () => ({ spec: { kind: 'empty' } }),
		code: () => 'INVALID_RESPONSE',
	},
	{
		name: 'HTML page under 200',
		fault: () => ({ spec: { kind: 'html' } }),
		permanentCode: () => 'INVALID_RESPONSE',
		code: () => 'INVALID_RESPONSE',
	},
	{
		name: 'unknown error code',
		fault: (node) => ({
			spec: {
				kind: 'status',
				status: 418,
				body:
					node === 'socialSyncer'
						? { error: 'Short and stout', code: 'TEAPOT' }
						: { success: false, error: { code: 'teapot', message: 'Short and stout' } },
			},
		}),
		permanentCode: (node) => (node === 'socialSyncer' ? 'TEAPOT' : 'teapot'),
		code: (node) => (node === 'socialSyncer' ? 'TEAPOT' : 'teapot'),
	},
];

const nodes: NodeName[] = ['socialSyncer', 'schedulala'];
const operations: Operation[] = ['create', 'get', 'retry'];
const modes: Array<{ label: string; onError?: OnError }> = [
	{ label: 'stop' },
	{ label: 'continue', onError: 'continueRegularOutput' },
	{ label: 'error output', onError: 'continueErrorOutput' },
];

const sims = {
	socialSyncer: createSocialSyncerSimulator(),
	schedulala: createSchedulalaSimulator(),
};
const keys = { socialSyncer: SOCIAL_KEY, schedulala: SCHEDULALA_KEY };
const baseUrls: Record<NodeName, string> = { socialSyncer: '', schedulala: '' };
const cells = new Map<string, string>();
const timings: string[][] = [];

beforeAll(async () => {
	baseUrls.socialSyncer = await sims.socialSyncer.start();
	baseUrls.schedulala = await sims.schedulala.start();
});
afterAll(async () => {
	await Promise.all([sims.socialSyncer.stop(), sims.schedulala.stop()]);
	const header = ['node', 'operation', 'fault', ...modes.map((mode) => mode.label)];
	const rows: string[][] = [];
	for (const node of nodes) {
		for (const operation of operations) {
			for (const fault of faults) {
				rows.push([
					node,
					operation,
					fault.name,
					...modes.map(
						(mode) => cells.get([node, operation, fault.name, mode.label].join('|')) ?? 'not run',
					),
				]);
			}
		}
	}
	printTable(
		'Fault matrix (cell: outcome of the faulted middle item; "ok ×n" = succeeded after n requests)',
		header,
		rows,
	);
	printTable(
		'Waits after a 429 (asked by the API vs waited by the node)',
		['node', 'operation', 'fault', 'mode', 'asked ms', 'waited ms', 'ratio'],
		timings,
	);
});

const texts = ['Post number 1', 'Post number 2', 'Post number 3'];

const pairedIndex = (item: INodeExecutionData) => (item.pairedItem as IPairedItemData).item;

function parametersFor(node: NodeName, operation: Operation): INodeParameters {
	if (operation === 'create') {
		const target =
			node === 'socialSyncer'
				? { platform: 'instagram', accountId: 'ig_123' }
				: { platform: 'twitter', accountId: '' };
		return createParams({
			content: '={{ $json.text }}',
			platforms: { target: [target] },
			requestOptions: REQUEST_OPTIONS,
		});
	}
	return {
		resource: 'post',
		operation,
		postId: '={{ $json.postId }}',
		requestOptions: REQUEST_OPTIONS,
	};
}

function pathFor(operation: Operation): { method: string; path: RegExp } {
	if (operation === 'create') return { method: 'POST', path: /^\/posts$/ };
	if (operation === 'get') return { method: 'GET', path: /^\/posts\/[^/]+$/ };
	return { method: 'POST', path: /^\/posts\/[^/]+\/retry$/ };
}

/** Posts per text at the simulator: more than one would be a double post. */
function postsPerText(sim: Sim): Map<string, number> {
	const counts = new Map<string, number>();
	for (const post of sim.posts.values())
		counts.set(String(post.content), (counts.get(String(post.content)) ?? 0) + 1);
	return counts;
}

function expectedFailure(
	node: NodeName,
	operation: Operation,
	fault: FaultKind,
): string | undefined {
	if (fault.permanentCode) return fault.permanentCode(node);
	// A 202/204 to Retry Post is a success: the node reads the post back.
	if (operation === 'retry' && fault.name === 'empty body') return undefined;
	// Create and Retry act once: without an idempotency key they are re-sent only when provably not processed.
	const unsafe = operation !== 'get' && node === 'socialSyncer' && !fault.provablyNotProcessed;
	return unsafe ? fault.code(node) : undefined;
}

describe.each(nodes)('%s', (node) => {
	const sim: Sim = sims[node];

	describe.each(operations)('%s', (operation) => {
		describe.each(faults)('$name', (fault) => {
			it.each(modes)('$label', async ({ label, onError }) => {
				sim.clear();
				let input: IDataObject[] = texts.map((text) => ({ text }));
				if (operation !== 'create') {
					const created = await runNode({
						node,
						baseUrl: baseUrls[node],
						apiKey: keys[node],
						parameters: parametersFor(node, 'create'),
						items: input,
					});
					input = created.main.map((item, index) => ({ text: texts[index], postId: item.json.id }));
					sim.requests.length = 0;
				}
				const { method, path } = pathFor(operation);
				const { spec, askedMs, askedUntil } = fault.fault(node);
				sim.script({ ...spec, method, path, skip: 1 } as never);

				const result = await runNode({
					node,
					baseUrl: baseUrls[node],
					apiKey: keys[node],
					parameters: parametersFor(node, operation),
					items: input,
					onError,
				});
				const expectedCode = expectedFailure(node, operation, fault);
				const attempts = sim.requests.filter(
					(request) => request.method === method && path.test(request.path),
				);

				// No crash: every failure is an n8n error with the item index.
				if (result.error) {
					expect(['NodeApiError', 'NodeOperationError']).toContain(result.error.name);
					expect((result.error.context as IDataObject).itemIndex).toBe(1);
				}
				const text = visibleText(result);
				expect(text).not.toMatch(/TypeError|Cannot read propert|is not a function|UNKNOWN_ERROR/);
				// No leak.
				expect(text).not.toContain(keys[node]);

				// Nothing lost: one output per input item, paired, in order.
				const outputs: INodeExecutionData[] = [...result.main, ...result.errorOutput];
				if (!onError && expectedCode) {
					expect(result.error?.message).toBeDefined();
					expect(outputs).toHaveLength(0);
					// The run stopped at the failing item: the third was never sent.
					expect(new Set(attempts.map((request) => JSON.stringify(request.body)))).not.toContain(
						JSON.stringify({ content: texts[2] }),
					);
				} else {
					expect(result.error).toBeUndefined();
					expect(outputs.map((item) => pairedIndex(item)).sort()).toEqual([0, 1, 2]);
					const failed = outputs.filter((item) => item.json.error !== undefined);
					if (expectedCode) {
						expect(failed).toHaveLength(1);
						expect(pairedIndex(failed[0])).toBe(1);
						expect(errorOf(failed[0]).code).toBe(expectedCode);
						expect(onError === 'continueErrorOutput' ? result.errorOutput : result.main).toContain(
							failed[0],
						);
					} else {
						expect(failed).toHaveLength(0);
						expect(result.main.map((item) => pairedIndex(item))).toEqual([0, 1, 2]);
						if (operation !== 'create')
							expect(result.main.map((item) => item.json.id)).toEqual(
								input.map((item) => item.postId),
							);
					}
				}

				// Nothing duplicated.
				for (const count of postsPerText(sim).values()) expect(count).toBe(1);
				expect(sim.posts.size).toBeLessThanOrEqual(texts.length);

				// Waited at least what the API asked.
				const faulted = attempts.findIndex((request) => request.fault !== undefined);
				if ((askedMs !== undefined || askedUntil !== undefined) && !expectedCode) {
					const burst = attempts.filter((request) => request.fault !== undefined).length;
					const asked = askedMs ?? (askedUntil ?? 0) - attempts[faulted].at;
					// From the first 429 to the request that went through: a burst repeats the same reset time.
					const waited = attempts[faulted + burst].at - attempts[faulted].at;
					expect(waited).toBeGreaterThanOrEqual(asked);
					timings.push([
						node,
						operation,
						fault.name,
						label,
						String(asked),
						String(waited),
						(waited / asked).toFixed(2),
					]);
				}

				const requestsForItem =
					attempts.length - (faulted >= 0 ? faulted : 0) - (expectedCode && !onError ? 0 : 1);
				cells.set(
					[node, operation, fault.name, label].join('|'),
					expectedCode
						? `${onError ? 'error item' : 'thrown'} ${expectedCode}`
						: `ok ×${Math.max(1, requestsForItem)}`,
				);
			});
		});
	});
});
