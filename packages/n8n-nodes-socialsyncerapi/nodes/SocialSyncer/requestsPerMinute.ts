import type { INodeProperties } from 'n8n-workflow';

/** SocialSyncerAPI sends no rate headers: the plan's limit paces the run (its default: the paid plan). */
export const requestsPerMinuteOption: INodeProperties = {
	displayName: 'Requests per Minute',
	name: 'requestsPerMinute',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 600,
	description:
		"Your plan's API rate limit (600 on paid plans, 60 on the free plan), shared by all items of the run. The node spreads its requests evenly within it, so that no item meets a 429. Any value above 0 is kept however slow, even past Max Wait: 1 sends one request a minute, 0.5 one every two minutes. 0 does not pace: the node goes at full speed and waits out each 429.",
};
