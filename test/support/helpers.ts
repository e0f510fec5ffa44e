import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RunResult } from './engine/harness';
import { toolPostFields } from '../../nodes/shared/descriptions/toolFields';
import { schedulalaPlatformSettings } from '../../nodes/Schedulala/platformSettings';
import { socialSyncerPlatformSettings } from '../../nodes/SocialSyncer/platformSettings';

/** Every tool-only field of both nodes (each node ignores the ones it does not have). */
export const allToolFields = [
	...toolPostFields(schedulalaPlatformSettings.groups),
	...toolPostFields(socialSyncerPlatformSettings.groups),
].filter((field, index, all) => all.findIndex((other) => other.name === field.name) === index);

export const SOCIAL_KEY = 'sk_test_socialsyncer_simulator_key';
export const SCHEDULALA_KEY = 'sk_live_schedulala_simulator_key';
export const SCHEDULALA_TEST_KEY = 'sk_test_schedulala_simulator_key';
export const SCHEDULALA_READONLY_KEY = 'sk_live_schedulala_readonly_key';
/** A Schedulala key without the `analytics` permission. */
export const SCHEDULALA_NO_ANALYTICS_KEY = 'sk_live_schedulala_no_analytics_key';
/** A well-formed key the simulators do not know. */
export const UNKNOWN_KEY = 'sk_live_unknown_simulator_key';

/**
 * Fast retries for tests: the behaviour is the same, the waits are short. One item
 * at a time, so that a test about one item's fault sees exactly that item's requests;
 * concurrency.test.ts covers items in flight together (and e2e runs the default).
 */
export const FAST_RETRIES = {
	maxRetries: 3,
	initialBackoff: 10,
	maxWait: 5,
	timeout: 2000,
	concurrency: 1,
};

export function createParams(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'post',
		operation: 'create',
		content: '={{ $json.text ?? "Hello from n8n" }}',
		platforms: { target: [{ platform: 'instagram', accountId: 'ig_123' }] },
		requestOptions: FAST_RETRIES,
		...extra,
	};
}

export function schedulalaCreateParams(extra: INodeParameters = {}): INodeParameters {
	return createParams({
		platforms: { target: [{ platform: 'twitter', accountId: '' }] },
		...extra,
	});
}

export function postIdParams(
	operation: 'get' | 'retry',
	postId: string,
	extra: INodeParameters = {},
): INodeParameters {
	return { resource: 'post', operation, postId, requestOptions: FAST_RETRIES, ...extra };
}

/** The contract's error object of an error item. */
export function errorOf(item: INodeExecutionData): IDataObject {
	expect(Object.keys(item.json)).toEqual(['error']);
	expect(item.error).toBeUndefined();
	return item.json.error as IDataObject;
}

/** Everything a user or a log could see of a run. */
export function visibleText(result: RunResult): string {
	const error = result.error as IDataObject | undefined;
	return JSON.stringify({
		main: result.main,
		errorOutput: result.errorOutput,
		error: error && {
			message: error.message,
			description: error.description,
			context: error.context,
			httpCode: error.httpCode,
			messages: error.messages,
			stack: error.stack,
		},
	});
}

export function items(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => ({ text: `Post number ${index + 1}` }));
}

interface Simulator {
	start(): Promise<string>;
	stop(): Promise<void>;
	clear(): void;
}

/** Starts a simulator for the test file, clears it before each test; returns its base URL getter. */
export function serveDuringTests(simulator: Simulator): () => string {
	let baseUrl = '';
	beforeAll(async () => {
		baseUrl = await simulator.start();
	});
	afterAll(async () => await simulator.stop());
	beforeEach(() => simulator.clear());
	return () => baseUrl;
}

/** One image by URL: Instagram and TikTok take no text-only post. */
export const PHOTO_MEDIA = { item: [{ type: 'image', url: 'https://cdn.example.com/photo.jpg' }] };
/** TikTok's required settings as a user writes them in SocialSyncerAPI's JSON option. */
export const SOCIAL_TIKTOK_SETTINGS =
	'{"privacy_level": "PUBLIC_TO_EVERYONE", "content_preview_confirmed": true, "express_consent_given": true}';
/** TikTok's required settings as a user writes them in Schedulala's Platform Settings. */
export const SCHEDULALA_TIKTOK_SETTINGS =
	'{"tiktok": {"privacy": "PUBLIC_TO_EVERYONE", "postMode": "direct"}}';
