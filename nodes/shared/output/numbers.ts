import type { IDataObject } from 'n8n-workflow';

/** IDs, text and links keep their strings even when they hold only digits ("1784…", "2024"). */
const KEEPS_TEXT =
	/(^|_)id$|Id$|ID$|^(content|text|title|caption|description|name|username|handle|cursor|nextCursor|label|slug|hashtags|tags)$|(Name|Title|Handle|Text|Caption|Label)$|(_name|_title|_handle|_text)$|url$|Url$|URL$/;

/** A decimal a spreadsheet or an IF node should compare as a number: "12", "-3", "4.5", not "007" or a long ID. */
const PLAIN_NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

function converted(key: string | undefined, value: unknown): unknown {
	if (Array.isArray(value)) return value.map((entry) => converted(key, entry));
	if (value !== null && typeof value === 'object') return numbersAsNumbers(value as IDataObject);
	if (typeof value !== 'string' || (key !== undefined && KEEPS_TEXT.test(key))) return value;
	return PLAIN_NUMBER.test(value) ? Number(value) : value;
}

/**
 * A row of figures with its numbers as numbers: an API that sends counts as numeric strings
 * ("12") would otherwise sort and sum them as text. Only clearly numeric strings change, in
 * fields that are not IDs, text or links; everything else is left as sent.
 */
export function numbersAsNumbers(row: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(row).map(([key, value]) => [key, converted(key, value)]),
	) as IDataObject;
}
