import type { IDataObject, INode, JsonObject, NodeError } from 'n8n-workflow';
import {
	ExecutionBaseError,
	ExpressionError,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import type { ApiFailure } from './failure';
import { noteGuidance } from './guidance';
import { redactText, redactValue } from './redact';
import type { ErrorKind } from '../types/dialect';

/** The structured error a workflow reads as `$json.error` under "On Error: Continue". */
export interface ErrorFields extends IDataObject {
	message: string;
	description: string;
	code: string;
	retryable: boolean;
	/** true: the request may have acted (e.g. created the post) and was not sent again. */
	mayExist?: boolean;
	/** What to do next when the node stopped for a reason of its own (not sent again, try later). */
	advice?: string;
}

export const INVALID_PARAMETER = 'INVALID_PARAMETER';

// Keeps the structured fields of the errors we create; n8n's error classes have no slot for them.
const fieldsByError = new WeakMap<object, ErrorFields>();

function defaultAdvice(kind: ErrorKind, service: string): string {
	switch (kind) {
		case 'input':
			return 'Fix the input named above and run the node again. Sent unchanged it fails the same way, so the node does not retry it.';
		case 'auth':
			return `Check the API key in the ${service} credential: it may be mistyped, revoked or missing.`;
		case 'permission':
			return 'The API key is not allowed to do this. Use a key that has the needed permission.';
		case 'plan':
			return 'Your plan limit is reached. Upgrade the plan or wait until the limit resets; retrying now fails the same way.';
		case 'sandbox':
			return 'Test keys cannot do this. Use a live API key for this operation.';
		case 'notFound':
			return "Check the post ID: it must be an ID that this account's API returned when the post was created.";
		case 'conflict':
			return 'The request conflicts with an earlier one. Check the input and run the node again.';
		case 'media':
			return 'Check the media items: their type, size and URL must suit every target platform.';
		case 'rateLimit':
			return `Too many requests to ${service}. The node waits as long as the API asks and retries by itself; if it still fails, send fewer items at a time or raise "Max Wait".`;
		case 'server':
			return `${service} had a temporary problem. The node retries this by itself; if it keeps failing, try again later or contact ${service} support.`;
		case 'platform':
			return 'The social network itself returned an error. The node retries this by itself; if it keeps failing, check the account on that network.';
		case 'network':
			return `Check the network and the Base URL in the ${service} credential. The node retries connection problems where that is safe.`;
		default:
			return `See the code and details above and the ${service} documentation.`;
	}
}

function formatDetails(details: IDataObject): string {
	return Object.entries(details)
		.map(
			([key, value]) =>
				`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
		)
		.join(', ');
}

export interface FailureContext {
	serviceName: string;
	itemIndex: number;
	attempts: number;
	/** Why the node stopped retrying, when it matters to the user. */
	stopReason?: string;
	/** The request may have acted, and was not sent again. */
	mayExist?: boolean;
	/** What the caller must do next (transport/retryPolicy.ts, errors/retryWords.ts), kept out of the API's message. */
	advice?: string;
	secrets: string[];
}

/** Builds the NodeApiError the user sees for a failed API call. */
export function failureToNodeApiError(
	node: INode,
	failure: ApiFailure,
	ctx: FailureContext,
): NodeApiError {
	const status = failure.httpCode !== undefined ? ` (HTTP ${failure.httpCode})` : '';
	const parts = [`${ctx.serviceName} error code ${failure.code}${status}.`];
	if (failure.details && Object.keys(failure.details).length > 0) {
		parts.push(`Details: ${formatDetails(failure.details)}.`);
	}
	parts.push(failure.advice ?? defaultAdvice(failure.kind, ctx.serviceName));
	if (ctx.stopReason) parts.push(ctx.stopReason);

	const message = redactText(failure.message, ctx.secrets);
	const description = redactText(parts.join(' '), ctx.secrets);
	// Even the code is the API's text: a hostile answer could put the key there too.
	const code = redactText(failure.code, ctx.secrets);
	const error = new NodeApiError(node, { service: ctx.serviceName, apiCode: code } as JsonObject, {
		message,
		description,
		httpCode: failure.httpCode !== undefined ? String(failure.httpCode) : undefined,
		itemIndex: ctx.itemIndex,
	});
	if (failure.body !== undefined)
		error.context.data = redactValue(failure.body, ctx.secrets) as IDataObject;

	const fields: ErrorFields = {
		message,
		description,
		code,
		retryable: failure.retryable,
	};
	if (failure.httpCode !== undefined) fields.httpCode = failure.httpCode;
	if (failure.details !== undefined) fields.details = redactValue(failure.details, ctx.secrets);
	fields.attempts = ctx.attempts;
	fields.mayExist = ctx.mayExist === true;
	if (ctx.advice !== undefined) fields.advice = redactText(ctx.advice, ctx.secrets);
	fieldsByError.set(error, fields);
	noteGuidance(error, {
		kind: failure.kind,
		mayExist: ctx.mayExist === true,
		waitMs: failure.askedWaitMs,
	});
	return error;
}

/** An n8n error that is not an API answer, with the code a workflow can branch on. */
export function operationError(
	node: INode,
	itemIndex: number,
	code: string,
	message: string,
	description: string,
	details?: IDataObject,
	retryable = false,
): NodeOperationError {
	const error = new NodeOperationError(node, message, { itemIndex, description });
	const fields: ErrorFields = { message, description, code, retryable };
	if (details !== undefined) fields.details = details;
	fieldsByError.set(error, fields);
	return error;
}

/** A problem with the node's input, found before anything was sent. */
export function invalidParameter(
	node: INode,
	itemIndex: number,
	message: string,
	description: string,
	field?: string,
): NodeOperationError {
	return operationError(
		node,
		itemIndex,
		INVALID_PARAMETER,
		message,
		description,
		field === undefined ? undefined : { field },
	);
}

/**
 * An error n8n made (an expression error, for one): it already says what to do.
 * Checked by shape, not only by class: in n8n the package may load its own copy of
 * n8n-workflow, whose classes are not the ones n8n throws with.
 */
export function isN8nError(error: unknown): error is NodeError | ExecutionBaseError {
	if (error instanceof ExecutionBaseError) return true;
	// Not `instanceof Error` either: an error made in another realm (an expression sandbox) is not.
	if (error === null || typeof error !== 'object') return false;
	const { message, context, timestamp, functionality } = error as Partial<ExecutionBaseError>;
	return (
		typeof message === 'string' &&
		context !== null &&
		typeof context === 'object' &&
		typeof timestamp === 'number' &&
		typeof functionality === 'string'
	);
}

/** n8n's expression errors, by class or, from another copy of n8n-workflow, by name. */
function isExpressionError(error: ExecutionBaseError): boolean {
	return error instanceof ExpressionError || error.name === 'ExpressionError';
}

/** Makes sure whatever was thrown for an item is an n8n error carrying that item's index. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): ExecutionBaseError {
	if (isN8nError(error)) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return operationError(
		node,
		itemIndex,
		'UNEXPECTED_ERROR',
		`Unexpected problem: ${message}`,
		'This is a bug in the node. Please report it with the workflow that caused it.',
	);
}

/** Adds what happened before the failure (e.g. the post exists) to an error's description and details. */
export function withContext(
	error: ExecutionBaseError,
	sentence: string,
	details: IDataObject,
): ExecutionBaseError {
	const fields = errorFields(error);
	error.description = `${sentence} ${error.description ?? ''}`.trim();
	fieldsByError.set(error, {
		...fields,
		description: error.description,
		details: { ...(fields.details as IDataObject | undefined), ...details },
	});
	return error;
}

/** The contract's continue-on-fail error object for any n8n error. */
export function errorFields(error: ExecutionBaseError): ErrorFields {
	const known = fieldsByError.get(error);
	if (known) return known;
	let code = 'UNKNOWN_ERROR';
	if (isExpressionError(error)) code = 'EXPRESSION_ERROR';
	else if (error instanceof NodeOperationError || error.name === 'NodeOperationError')
		code = INVALID_PARAMETER;
	const fields: ErrorFields = {
		message: error.message,
		description: error.description ?? '',
		code,
		retryable: false,
	};
	const { httpCode } = error as Partial<NodeApiError>;
	if (typeof httpCode === 'string' && /^\d+$/.test(httpCode)) fields.httpCode = Number(httpCode);
	return fields;
}
