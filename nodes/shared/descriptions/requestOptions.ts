import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

// Defaults must be literals for n8n's lint; they match DEFAULT_SETTINGS in ../settings.
/** Per-item limits for timeouts and automatic retries, shown for every operation. */
export const requestOptions: INodeProperties = {
	displayName: 'Automatic Retries and Timeout',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description:
				"How many items may have a request in flight at once. They always start in input order, the output keeps input order, and together they stay within the API's rate limit. 1 sends one item after another; so does the node by itself while the API answers with server or network errors, so that a down API is not hit harder.",
		},
		{
			displayName: 'Initial Backoff (Ms)',
			name: 'initialBackoff',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1000,
			description:
				'First wait before retrying a server error; it doubles on every retry (1 s, 2 s, 4 s …). Rate limits wait as long as the API asks instead.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often a failed request is sent again when the API calls the error temporary (server and platform errors, timeouts). Rate limits (429) are waited out apart from this, up to 10 times per request (or Max Retries, if higher). 0 turns all automatic retries off.',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'The longest the node waits before one retry. When the API asks for a longer wait the item fails at once, saying when to try again.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30000,
			description: 'How long to wait for an answer to one request',
		},
	],
};

export const postIdField: INodeProperties = {
	displayName: 'Post ID',
	name: 'postId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. post_abc123',
	description: 'The ID of the post, for example the ID output by a Create Post node',
};

/** The Platform entry of a Get Many "Filters" collection. */
export function platformFilter(
	platformOptions: INodePropertyOptions[],
	description: string,
): INodeProperties {
	return {
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		options: platformOptions,
		default: 'instagram',
		description,
	};
}

/** Automatic Retries and Timeout with a node's own extra options, in the editor's alphabetical order. */
export function requestOptionsWith(extra: INodeProperties[]): INodeProperties {
	const options = [...(requestOptions.options as INodeProperties[]), ...extra];
	return {
		...requestOptions,
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Return All and Limit, as every n8n list operation shows them. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		default: 50,
		description: 'Max number of results to return',
	},
];
