import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator } from '../descriptions/postFields';
import { returnAllFields } from '../descriptions/requestOptions';
import { invalidParameter, operationError } from '../errors/errors';
import { numbersAsNumbers } from '../output/numbers';
import { decimalNumber } from '../input/number';
import { textField } from '../input/postInput';
import { readDateFilter } from '../input/dateFilter';
import { cursorPaginate } from '../transport/cursorPaginate';
import type { ErrorKind } from '../types/dialect';
import type { Operation, OperationContext } from '../types/operation';

/** What every report of one service shares: where its account picker is, what a refusal means. */
export interface AnalyticsService {
	serviceName: string;
	/** Advice by kind of failure for every analytics request (a key without the permission). */
	adviceByKind: Partial<Record<ErrorKind, string>>;
	/** Keys that may hold the rows in an answer (besides a bare array and `items`). */
	listKeys: string[];
}

/** A cursor-paged report (Return All / Limit, sort and order). */
export interface AnalyticsPaging {
	maxPageSize: number;
	cursorParam: string;
	limitParam: string;
	/** The Sort By field (`sort`), written by the service: n8n's lint wants its default literal. */
	sortField: INodeProperties;
}

/** One report endpoint: facts in, `{ description, execute }` out. */
export interface AnalyticsReport {
	service: AnalyticsService;
	/** The operation's value (postMetrics …). */
	operation: string;
	method: 'GET' | 'POST';
	path: string;
	/** `required`: no request without it; `optional`: sent when given. */
	account: 'required' | 'optional';
	/** Shown above the fields: what the report holds and how fresh it is. */
	notice: string;
	paging?: AnalyticsPaging;
	/** Offers From / To, sent as `from` / `to` (names inferred). */
	dateRange?: boolean;
	/** Extra optional text filters: [field name, display name, description]. */
	extraFilters?: Array<[string, string, string]>;
}

function accountField(report: AnalyticsReport): INodeProperties {
	const required = report.account === 'required';
	return {
		displayName: 'Account',
		name: 'accountId',
		...accountLocator('acc_tw_1'),
		required,
		description: required
			? `The connected ${report.service.serviceName} account whose figures to read (the API finds its platform from it): pick it, or give its ID as Account → Get Many lists it`
			: `The connected ${report.service.serviceName} account whose figures to ${report.method === 'POST' ? 'refresh' : 'read'} (its ID as Account → Get Many lists it). Leave empty for the API's default (all accounts). Sent as accountId (name inferred: the API documents it only for Post Metrics).`,
	};
}

function pagingFields(paging: AnalyticsPaging): INodeProperties[] {
	return [
		paging.sortField,
		{
			displayName: 'Order',
			name: 'order',
			type: 'options',
			options: [
				{ name: 'Descending', value: 'desc', description: 'Newest or highest first' },
				{ name: 'Ascending', value: 'asc', description: 'Oldest or lowest first' },
			],
			default: 'desc',
		},
		...returnAllFields,
	];
}

function filterFields(report: AnalyticsReport): INodeProperties[] {
	const options: INodeProperties[] = [];
	if (report.dateRange) {
		options.push(
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description:
					'Only figures from this time on. Sent as the query parameter from (name inferred: the API documents no parameters for this report).',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description:
					'Only figures before this time. Sent as the query parameter to (name inferred: the API documents no parameters for this report).',
			},
		);
	}
	for (const [name, displayName, description] of report.extraFilters ?? []) {
		options.push({ displayName, name, type: 'string', default: '', description });
	}
	if (options.length === 0) return [];
	return [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options,
		},
	];
}

/** The query (or body) a report sends for this item, checked before anything is sent. */
function readQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	report: AnalyticsReport,
): IDataObject {
	const query: IDataObject = {};
	const fail = (message: string, description: string, field: string) =>
		invalidParameter(context.getNode(), itemIndex, message, description, field);
	// An object (a whole Account → Get Many item from an expression) is refused, not sent as text.
	const accountId = textField(
		context.getNodeParameter('accountId', itemIndex, ''),
		fail,
		'Account',
		'accountId',
	);
	if (accountId !== '') query.accountId = accountId;
	else if (report.account === 'required') {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			'Account is empty',
			`${report.service.serviceName} reads these figures per account: pick the account, or give its ID as Account → Get Many lists it.`,
			'accountId',
		);
	}
	if (report.dateRange || report.extraFilters) {
		const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		if (report.dateRange) {
			query.from = readDateFilter(context, itemIndex, filters.from, 'from', 'From');
			query.to = readDateFilter(context, itemIndex, filters.to, 'to', 'To');
		}
		for (const [name] of report.extraFilters ?? []) {
			const value = textField(filters[name], fail, name, `filters.${name}`);
			if (value !== '') query[name] = value;
		}
	}
	return Object.fromEntries(
		Object.entries(query).filter(([, value]) => value !== undefined),
	) as IDataObject;
}

function readLimit(context: IExecuteFunctions, itemIndex: number): number {
	const raw = context.getNodeParameter('limit', itemIndex, 50) as unknown;
	// An expression may give "20": a number as text counts.
	const limit = decimalNumber(raw);
	if (limit === undefined || !Number.isInteger(limit) || limit < 1) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			`Limit must be a whole number of 1 or more, not "${String(raw)}"`,
			'Set Limit to how many rows you want, or turn on Return All.',
			'limit',
		);
	}
	return limit;
}

/** The rows of an answer: a list (bare, or under one of the keys), else the answer itself. */
function rowsOf(answer: IDataObject, listKeys: string[]): IDataObject[] {
	for (const key of ['items', ...listKeys]) {
		const value = answer[key];
		if (Array.isArray(value))
			return value.filter(
				(row): row is IDataObject => row !== null && typeof row === 'object' && !Array.isArray(row),
			);
	}
	return [answer];
}

/**
 * An analytics report: one output item per row the API returns, each paired to its input
 * item, numbers as numbers. A cursor-paged report reads Limit rows or, with Return All,
 * follows the cursor.
 */
export function analyticsOperation(report: AnalyticsReport): Operation {
	const show = { resource: ['analytics'], operation: [report.operation] };
	const fields: INodeProperties[] = [
		{
			displayName: report.notice,
			name: `${report.operation}Notice`,
			type: 'notice',
			default: '',
		},
		accountField(report),
		...(report.paging ? pagingFields(report.paging) : []),
		...filterFields(report),
	];
	return {
		description: updateDisplayOptions({ show }, fields),
		// A row with an id, a platform and an account is not an account: an agent gets its figures.
		toolOutputAsIs: true,
		async execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject[]> {
			const query = readQuery(this, ctx.itemIndex, report);
			const { adviceByKind, listKeys } = report.service;
			if (report.paging) {
				const { paging } = report;
				const { rows, unreadableCursor } = await cursorPaginate(ctx.call, {
					path: report.path,
					qs: {
						...query,
						sort: this.getNodeParameter('sort', ctx.itemIndex, paging.sortField.default) as string,
						order: this.getNodeParameter('order', ctx.itemIndex, 'desc') as string,
					},
					listKeys,
					returnAll: this.getNodeParameter('returnAll', ctx.itemIndex, false) as boolean,
					limit: this.getNodeParameter('returnAll', ctx.itemIndex, false)
						? 0
						: readLimit(this, ctx.itemIndex),
					maxPageSize: paging.maxPageSize,
					cursorParam: paging.cursorParam,
					limitParam: paging.limitParam,
					adviceByKind,
				});
				if (unreadableCursor) {
					throw operationError(
						this.getNode(),
						ctx.itemIndex,
						'INVALID_RESPONSE',
						`${report.service.serviceName} says more rows follow, but its answer gives no cursor to read them`,
						`The list would be incomplete (${rows.length} rows read), so nothing is output. Turn off Return All and use Limit, or report the answer's shape to the package's maintainers.`,
					);
				}
				return rows.map(numbersAsNumbers);
			}
			const answer =
				report.method === 'GET'
					? await ctx.call({ method: 'GET', path: report.path, qs: query, adviceByKind })
					: // A refresh asks the API to re-read the figures: doing it twice does no harm
						// (at worst a second refresh), so it is a read for the transport, sent and retried
						// freely. An answer without a body (202, 204) acknowledges it.
						await ctx.call({
							method: 'POST',
							path: report.path,
							body: query,
							adviceByKind,
							emptyIsSuccess: true,
						});
			if (report.method === 'POST' && Object.keys(answer).length === 0) return [{ accepted: true }];
			return rowsOf(answer, listKeys).map(numbersAsNumbers);
		},
	};
}
