import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from '../errors/errors';

/** A JSON-object parameter, parsed and checked before anything is sent. */
export function readJsonObject(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field: string,
	label: string,
): IDataObject | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw invalidParameter(
				context.getNode(),
				itemIndex,
				`${label} is not valid JSON`,
				`Fix the JSON in ${label}: ${(error as Error).message}.`,
				field,
			);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			`${label} must be a JSON object`,
			`Write ${label} as an object, e.g. {"instagram": {"shareToFeed": true}}.`,
			field,
		);
	}
	return parsed as IDataObject;
}
