/**
 * What the per-platform settings tests share: media a platform takes, the settings every
 * TikTok post needs on each service, and readers for what a user sees (the requests the
 * simulator got, the execution hints, an item's error).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { NodeName, RunResult } from './harness';

export const VIDEO = { type: 'video', url: 'https://cdn.example.com/clip.mp4' };
export const PHOTO = { type: 'image', url: 'https://cdn.example.com/photo.jpg' };
export const media = (...entries: INodeParameters[]): INodeParameters => ({ item: entries });

/** The media URLs are not real: no URL check (media tests cover it), so hints are the rules' only. */
export const NO_URL_CHECK: IDataObject = { checkMediaUrls: false };

/** TikTok's required settings, typed, as a user sets them on each node. */
export const TIKTOK_TYPED: Record<NodeName, IDataObject> = {
	socialSyncer: { privacy: 'PUBLIC_TO_EVERYONE', consent: true },
	schedulala: { privacy: 'PUBLIC_TO_EVERYONE', postMode: 'direct' },
};

/** The execution hints of the node's run (n8n shows them above the output). */
export function hintsOf(result: RunResult): string[] {
	return Object.values(result.run.data.resultData.runData).flatMap((tasks) =>
		tasks.flatMap((task) =>
			((task as { hints?: Array<{ message: string }> }).hints ?? []).map((h) => h.message),
		),
	);
}

interface RecordedRequest {
	method: string;
	path: string;
	body: unknown;
}

/** What any simulator records: every request, in order. */
interface Recording {
	requests: RecordedRequest[];
}

/** The bodies of the creates that reached a simulator. */
export const createsTo = (sim: Recording): IDataObject[] =>
	sim.requests
		.filter((request) => request.method === 'POST' && request.path === '/posts')
		.map((request) => request.body as IDataObject);

/** The error object of an error item (On Error: Continue). */
export const itemError = (item: INodeExecutionData): IDataObject => item.json.error as IDataObject;
