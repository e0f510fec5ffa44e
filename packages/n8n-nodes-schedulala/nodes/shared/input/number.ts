/**
 * A number as a user writes one: a finite number, or a text of decimal digits (with an
 * optional fraction). Number() would also take "0x10", "1e3" and " " (0): not numbers a
 * user meant in a field that counts or paces.
 */
export function decimalNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return undefined;
	return Number(value);
}
