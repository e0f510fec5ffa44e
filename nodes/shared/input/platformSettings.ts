import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { PlatformGroup } from '../descriptions/platformOptions';
import { type InputFailure, textField } from './postInput';

/** Settings per platform, keyed as the API names them (what goes into the request). */
export type SettingsByPlatform = Record<string, IDataObject>;

/** How a service sends one typed field: its key(s) in the API's settings and the value as sent. */
export interface SettingKey {
	keys: string[];
	/** The value as the API takes it; undefined: not sent (e.g. a consent left off). */
	send?(value: unknown): unknown;
}

/** Per platform, the typed fields whose API key or value differs from the field's own. */
export type SettingKeys = Record<string, Record<string, SettingKey>>;

function keyOf(vocabulary: SettingKeys, platform: string, field: string): SettingKey {
	return vocabulary[platform]?.[field] ?? { keys: [field] };
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unset(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** One typed field's value, checked: an option must be one of its choices (any letter case). */
function readField(
	field: INodeProperties,
	raw: unknown,
	fail: InputFailure,
	label: string,
	path: string,
): unknown {
	if (field.type === 'boolean') {
		if (typeof raw === 'boolean' || raw === undefined) return raw;
		// A sheet's "TRUE" or an expression's "false" means what it says.
		const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
		if (word === 'true' || word === 'false') return word === 'true';
		throw fail(
			`${label} must be true or false, not ${JSON.stringify(raw)}`,
			`Switch ${label} on or off, or give an expression that returns true or false.`,
			path,
		);
	}
	const value = textField(raw, fail, label, path);
	if (field.type !== 'options' || value === '') return value;
	const choice = choiceOf(field, value);
	if (choice === undefined) {
		throw fail(
			`${label} has an unknown value "${value.slice(0, 60)}"`,
			`Choose one of: ${choicesOf(field).join(', ')}.`,
			path,
		);
	}
	return choice;
}

/** A choice field's values, less the one that sends nothing. */
export function choicesOf(field: INodeProperties): string[] {
	return (field.options ?? [])
		.map((option) => String((option as { value: unknown }).value))
		.filter((value) => value !== '');
}

/** The choice a value names, spelled as the API takes it ("Reel" → "reel"); undefined: none. */
export function choiceOf(field: INodeProperties, value: string): string | undefined {
	const wanted = value.trim().toLowerCase();
	return choicesOf(field).find((choice) => choice.toLowerCase() === wanted);
}

/** Whether the editor shows a field for its siblings' values (a hidden field is not sent). */
function shown(field: INodeProperties, values: IDataObject, siblings: INodeProperties[]): boolean {
	const show = field.displayOptions?.show;
	if (!show) return true;
	return Object.entries(show).every(([name, allowed]) => {
		const sibling = siblings.find((candidate) => candidate.name === name);
		const value = values[name] ?? sibling?.default;
		return (allowed as unknown[]).includes(value);
	});
}

/**
 * The typed settings of an item, by our field names ({ tiktok: { privacy, … } }). `explicit`: what
 * the user set; `defaults`: switches still at their default, which n8n cannot tell from untouched
 * (it does not store a default), so they never override the same key in the JSON.
 */
export interface TypedSettings {
	explicit: SettingsByPlatform;
	defaults: SettingsByPlatform;
}

/** The Platform Settings field of an item, read and checked; empty texts and choices are left out. */
export function readTypedSettings(
	raw: unknown,
	groups: PlatformGroup[],
	fail: InputFailure,
	parameter = 'platformOptions',
): TypedSettings {
	const given = isObject(raw) ? raw : {};
	const typed: TypedSettings = { explicit: {}, defaults: {} };
	for (const group of groups) {
		const values = given[group.platform];
		if (!isObject(values)) continue;
		const explicit: IDataObject = {};
		const defaults: IDataObject = {};
		for (const field of group.fields) {
			if (!shown(field, values, group.fields)) continue;
			const path = `${parameter}.${group.platform}.${field.name}`;
			const label = `Platform Settings → ${group.displayName} → ${field.displayName}`;
			const value = readField(field, values[field.name], fail, label, path);
			if (unset(value)) continue;
			if (value === field.default) defaults[field.name] = value as IDataObject[string];
			else explicit[field.name] = value as IDataObject[string];
		}
		typed.explicit[group.platform] = explicit;
		typed.defaults[group.platform] = defaults;
	}
	return typed;
}

/** Our field names to the API's keys and values. */
export function toApiSettings(
	typed: SettingsByPlatform,
	vocabulary: SettingKeys,
): SettingsByPlatform {
	const api: SettingsByPlatform = {};
	for (const [platform, fields] of Object.entries(typed)) {
		const out: IDataObject = {};
		for (const [field, value] of Object.entries(fields)) {
			const key = keyOf(vocabulary, platform, field);
			const sent = key.send ? key.send(value) : value;
			if (sent === undefined) continue;
			for (const apiKey of key.keys) out[apiKey] = sent as IDataObject[string];
		}
		// A group with nothing to send is not sent.
		if (Object.keys(out).length > 0) api[platform] = out;
	}
	return api;
}

/**
 * The JSON settings with the typed ones over them: a value the user set wins over the same key,
 * a switch at its default does not. Without typed settings the JSON is returned as given.
 */
export function mergeSettings(
	json: SettingsByPlatform,
	typed: SettingsByPlatform,
	defaults: SettingsByPlatform = {},
): SettingsByPlatform {
	const merged: SettingsByPlatform = { ...json };
	for (const platform of new Set([...Object.keys(defaults), ...Object.keys(typed)])) {
		const base = json[platform];
		merged[platform] = {
			...defaults[platform],
			...(isObject(base) ? base : {}),
			...typed[platform],
		};
	}
	return merged;
}

/**
 * A typed field's value as the merged settings hold it, whichever way it came (typed or JSON);
 * a field sent as several keys (a consent) is on only when all of them are true.
 */
export function settingValue(
	settings: SettingsByPlatform,
	vocabulary: SettingKeys,
	platform: string,
	field: string,
): unknown {
	const values = settings[platform];
	if (!isObject(values)) return undefined;
	const { keys } = keyOf(vocabulary, platform, field);
	if (keys.length > 1) return keys.every((key) => values[key] === true);
	return values[keys[0]];
}

/** Sets a field where the merged settings have no value yet (an AI tool's argument fills in). */
export function fillInSetting(
	settings: SettingsByPlatform,
	vocabulary: SettingKeys,
	platform: string,
	field: string,
	value: unknown,
): void {
	if (unset(value) || !unset(settingValue(settings, vocabulary, platform, field))) return;
	const key = keyOf(vocabulary, platform, field);
	const sent = key.send ? key.send(value) : value;
	if (sent === undefined) return;
	const current = settings[platform];
	const values: IDataObject = isObject(current) ? { ...current } : {};
	for (const apiKey of key.keys) values[apiKey] = sent as IDataObject[string];
	settings[platform] = values;
}
