/** What the re-run record's engine tests share: rows, counting posts, the failing 429, another process. */
import type { IDataObject } from 'n8n-workflow';

import type { NodeName, RunResult } from './harness';

/** The part of a simulator these helpers use. */
interface Sim {
	posts: Map<string, IDataObject>;
	script(fault: { kind: string } & IDataObject): unknown;
}

export const rows = (count: number, prefix = 'Row') =>
	Array.from({ length: count }, (_, index) => ({ text: `${prefix} ${index}` }));

/** Posts per text at the simulator: more than one is a double post, none a lost row. */
export function postsByText(sim: Sim): Map<string, number> {
	const counts = new Map<string, number>();
	for (const post of sim.posts.values()) {
		const text = String(post.content);
		counts.set(text, (counts.get(text) ?? 0) + 1);
	}
	return counts;
}

/** The 429 that asks for an hour: the node throws at that request (longer than Max Wait). */
export function failAt(sim: Sim, node: NodeName, skip: number, path = '/posts'): void {
	sim.script({
		kind: 'error',
		method: 'POST',
		path,
		skip,
		code: node === 'socialSyncer' ? 'RATE_LIMIT_EXCEEDED' : 'rate_limit_exceeded',
		message: 'Rate limit exceeded',
		status: 429,
		headers: { 'Retry-After': '3600' },
	});
}

/** A Retry in another n8n process: a fresh copy of the node code, nothing in memory. */
export async function inAnotherProcess(
	options: Parameters<typeof import('./harness').runNode>[0],
): Promise<RunResult> {
	let result: RunResult | undefined;
	await jest.isolateModulesAsync(async () => {
		const fresh = (await import('./harness')) as typeof import('./harness');
		result = await fresh.runNode(options);
	});
	return result!;
}
