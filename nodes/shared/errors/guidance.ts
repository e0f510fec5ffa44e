import type { ErrorKind } from '../types/dialect';

/** What an error means for whoever acts on it next, beyond its message. */
export interface Guidance {
	kind?: ErrorKind;
	/** The request may have acted: sending it again could post twice. */
	mayExist?: boolean;
	/** How long the API asked to wait, in milliseconds. */
	waitMs?: number;
}

const guidanceByError = new WeakMap<object, Guidance>();

export function noteGuidance(error: object, guidance: Guidance): void {
	guidanceByError.set(error, { ...guidanceByError.get(error), ...guidance });
}

export function guidanceOf(error: object): Guidance {
	return guidanceByError.get(error) ?? {};
}
