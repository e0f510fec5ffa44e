import type { IDataObject } from 'n8n-workflow';

import { type ApiCall, callList } from '../types/request';
import type { ApiDialect } from '../types/dialect';

/** The ID Create Post targets: `accountId`, else `id` or `_id`. */
export function accountIdOf(account: IDataObject): string {
	const id = account.accountId ?? account.id ?? account._id;
	return id === undefined || id === null ? '' : String(id);
}

/** Whether the account can post now: each API says so in its own words. */
export function needsReconnect(account: IDataObject): boolean {
	return (
		account.needsReconnect === true ||
		account.isConnected === false ||
		account.tokenValid === false ||
		account.health === 'error' ||
		account.health === 'expired' ||
		account.status === 'disconnected'
	);
}

/** How the picker names an account: "@mybusiness (instagram)", "My Page (facebook)". */
export function accountLabel(account: IDataObject): string {
	const raw = account.username ?? account.name ?? account.displayName;
	const name = raw === undefined || raw === null || raw === '' ? accountIdOf(account) : String(raw);
	const handle = name.startsWith('@') || /\s/.test(name) ? name : `@${name}`;
	const platform = typeof account.platform === 'string' ? ` (${account.platform})` : '';
	// The editor shows only the name, so the warning has to be part of it.
	return `${handle}${platform}${needsReconnect(account) ? ' · needs reconnecting' : ''}`;
}

/** GET /accounts, filtered by platform here too in case the API ignores the filter. */
export async function listAccounts(
	call: ApiCall,
	dialect: ApiDialect,
	platform: string,
): Promise<IDataObject[]> {
	const { items } = await callList(call, {
		method: 'GET',
		path: '/accounts',
		qs: platform === '' ? undefined : { platform },
		listKeys: ['accounts', 'data'],
		notFoundAdvice: dialect.accountListing.notFoundAdvice,
	});
	return platform === '' ? items : items.filter((account) => account.platform === platform);
}
