import type { ExecutionBaseError, IDataObject } from 'n8n-workflow';

import { errorFields, type ErrorFields, INVALID_PARAMETER } from './errors';
import { guidanceOf } from './guidance';

const MAY_EXIST =
	'Do not create this post again: it may already exist. Check with Get Post or Get Many Posts first, and tell the user.';

/** One sentence telling a language model what to do next; it retries what it does not understand. */
export function nextStep(error: ExecutionBaseError, fields: ErrorFields): string {
	const { kind, mayExist, waitMs } = guidanceOf(error);
	if (mayExist || fields.code === 'ALREADY_SENT') return MAY_EXIST;
	if (fields.code === 'WAIT_TIMEOUT')
		return 'The post exists but has not published yet. Do not create it again; check it later with Get Post.';
	const field = (fields.details as IDataObject | undefined)?.field;
	if (fields.code === INVALID_PARAMETER || kind === 'input' || kind === 'media')
		return `Fix ${typeof field === 'string' ? `the field "${field}"` : 'the input named in the message'} and call again with the corrected value.`;
	if (kind === 'rateLimit')
		return waitMs !== undefined
			? `Wait ${Math.ceil(waitMs / 1000)} seconds, then call this tool once more.`
			: 'Wait a minute, then call this tool once more.';
	if (kind === 'auth' || kind === 'permission' || kind === 'plan' || kind === 'sandbox')
		return 'Do not retry: the user has to fix the credential or the plan. Tell the user.';
	if (kind === 'notFound')
		return 'Check the ID: take post IDs from Create Post or Get Many Posts, account IDs from Account → Get Many.';
	if (fields.retryable || kind === 'server' || kind === 'platform' || kind === 'network')
		return 'A temporary problem; the tool already retried. Try once more later, or tell the user.';
	return 'Tell the user what failed; do not call this tool again with the same input.';
}

/**
 * The item a tool call gets instead of a thrown error: n8n hands a tool caller
 * only an error's message (2.x) or ends the run (1.x), so the error is returned
 * as data, with what to do next in the message itself.
 */
export function toolErrorJson(error: ExecutionBaseError): IDataObject {
	const fields = errorFields(error);
	const next = nextStep(error, fields);
	// Our own input checks say precisely how to fix the input in their description.
	const how =
		fields.code === INVALID_PARAMETER && fields.description !== '' ? ` ${fields.description}` : '';
	const message = `${fields.message.replace(/[.\s]+$/, '')}.${how} ${next}`;
	const json: IDataObject = { code: fields.code, message, retryable: fields.retryable };
	if (fields.httpCode !== undefined) json.httpCode = fields.httpCode;
	if (fields.details !== undefined) json.details = fields.details;
	// The same guidance as the error item's (which post to check, when to try again).
	if (fields.mayExist !== undefined) json.mayExist = fields.mayExist;
	if (fields.advice !== undefined) json.advice = fields.advice;
	return { error: json };
}
