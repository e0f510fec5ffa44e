import type { IDataObject } from 'n8n-workflow';

const MASK = '[redacted]';

/** Removes every occurrence of the secrets from a string. */
export function redactText(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		// Short values would mask ordinary words; a real key is long.
		if (secret.length >= 6) result = result.split(secret).join(MASK);
	}
	return result;
}

/** Deep copy of a JSON-like value with every secret masked, in keys as in values. */
export function redactValue<T>(value: T, secrets: string[]): T {
	if (typeof value === 'string') return redactText(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets)) as T;
	if (value !== null && typeof value === 'object') {
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			copy[redactText(key, secrets)] = redactValue(entry, secrets);
		}
		return copy as T;
	}
	return value;
}
