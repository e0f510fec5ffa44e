import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { type ApiCall, callList } from '../types/request';
import type { ApiDialect } from '../types/dialect';
import { accountIdOf, accountLabel, listAccounts, needsReconnect } from '../output/account';
import { lookupCall } from '../transport/lookup';

/** The IDs the health list marks as needing reconnecting; a failed health list marks none. */
async function staleAccounts(call: ApiCall, healthPath: string | undefined): Promise<Set<string>> {
	if (healthPath === undefined) return new Set();
	try {
		const { items } = await callList(call, {
			method: 'GET',
			path: healthPath,
			listKeys: ['accounts', 'data'],
		});
		return new Set(items.filter(needsReconnect).map((account) => accountIdOf(account)));
	} catch {
		// The marks are extra: the accounts themselves loaded.
		return new Set();
	}
}

/**
 * The account picker of a target: the connected accounts of the target's platform
 * (all of them when the platform is an expression the editor cannot resolve).
 * Errors are thrown as the API's NodeApiError, so the editor shows its message;
 * the user can still type an ID.
 */
export function accountSearch(dialect: ApiDialect) {
	return async function searchAccounts(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const call = lookupCall(this, dialect);
		const platformValue = this.getCurrentNodeParameter('&platform');
		const platform = typeof platformValue === 'string' ? platformValue : '';
		const accounts = await listAccounts(call, dialect, platform);
		const stale = await staleAccounts(call, dialect.accountListing.healthPath);
		const needle = (filter ?? '').trim().toLowerCase();
		const results = accounts
			.map((account) => {
				const value = accountIdOf(account);
				const marked = stale.has(value) ? { ...account, needsReconnect: true } : account;
				return { name: accountLabel(marked), value };
			})
			.filter(
				({ name, value }) =>
					value !== '' &&
					(needle === '' ||
						name.toLowerCase().includes(needle) ||
						value.toLowerCase().includes(needle)),
			);
		return { results };
	};
}
