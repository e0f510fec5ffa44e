import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from '../errors/errors';
import { toInstant } from './time';

/**
 * A From / To filter as an ISO instant, read in the workflow's time zone when it has no offset;
 * undefined when empty. Checked before anything is sent.
 */
export function readDateFilter(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: string,
	label: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const instant = toInstant(value, context.getTimezone());
	if (instant === undefined) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			`${label} is not a valid date: "${String(value)}"`,
			'Use an ISO 8601 date such as 2026-12-24 or 2026-12-24T09:00:00, or a date from an expression.',
			field,
		);
	}
	return new Date(instant).toISOString();
}
