import type { IParameterBuilderHint } from 'n8n-workflow';

// n8n's AI workflow builder shows a node's searchHint when it searches for nodes and a field's
// propertyHint when it fills in that field. Operations are named resource/operation by their
// parameter values, the way the builder writes them; no expressions (the builder writes its own).

/** The Post and Account jobs both services share, one sentence per job. */
export const SHARED_JOBS = {
	post: [
		'post/create publishes a post now, schedules it (publishMode schedule, scheduledFor) or saves a draft, on the targets in platforms.',
		'post/get reads a post and its status per platform (failedPlatforms lists failures); post/getAll lists posts by status, platform and date.',
		'post/retry publishes a post again, only on the platforms where it failed.',
		'post/update changes a scheduled post or a draft; post/delete cancels or deletes it.',
	],
	account: ['account/getAll lists the connected accounts and their IDs.'],
} satisfies Record<string, string[]>;

/**
 * The jobs sentences of the resources a node has, in its order: a node never names an
 * operation it lacks, and a resource without sentences fails the builder-hint test.
 */
export function jobsOf(resources: string[], jobs: Record<string, string[]>): string[] {
	return resources.flatMap((resource) => jobs[resource] ?? []);
}

export const contentHint: IParameterBuilderHint = {
	propertyHint:
		"Plain text of the post, the same on every target; a target's Text Override in platforms replaces it there. Hashtags and links go in the text.",
};

export const platformsHint: IParameterBuilderHint = {
	propertyHint:
		'One target per platform and account: the platform value in lower case as listed (twitter for X) and, where the node asks for one, the account ID that account/getAll returns. Every post except a draft needs at least one.',
};

export const scheduledForHint: IParameterBuilderHint = {
	propertyHint:
		'An ISO 8601 date and time with its UTC offset, e.g. 2026-12-07T09:00:00+01:00, in the future. Read only when publishMode is schedule.',
};

export const idempotencyKeyHint: IParameterBuilderHint = {
	propertyHint:
		'A stable ID of the record the post comes from, such as a sheet row ID: a second run with the same key creates no second post. Leave empty when nothing identifies the record.',
};

/** For the per-platform settings field (platformOptions) of Create and Update. */
export const platformOptionsHint: IParameterBuilderHint = {
	propertyHint:
		"One group per platform that needs settings; leave out the others. A setting the platform requires, such as TikTok's privacy level, has no default: take it from the user's request, never guess it.",
};
