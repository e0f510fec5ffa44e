import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidParameter } from '../errors/errors';
import { paginate } from '../transport/paginate';
import { toPostItem } from '../output/post';
import { toInstant } from '../input/time';
import { platformFilter } from '../descriptions/requestOptions';
import type { Operation, OperationContext } from '../types/operation';

function dateFilter(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const instant = toInstant(value, context.getTimezone());
	if (instant === undefined) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			`${field === 'dateFrom' ? 'From' : 'To'} is not a valid date: "${String(value)}"`,
			'Use an ISO 8601 date such as 2026-12-24 or 2026-12-24T09:00:00, or a date from an expression.',
			field,
		);
	}
	return new Date(instant).toISOString();
}

/** GET /posts: one item per post (shaped like Get), Limit or Return All, through the dialect's paging. */
export function getAllOperation(platformOptions: INodePropertyOptions[]): Operation {
	return {
		description: updateDisplayOptions({ show: { resource: ['post'], operation: ['getAll'] } }, [
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				displayOptions: { show: { returnAll: [false] } },
				default: 50,
				description: 'Max number of results to return',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'From',
						name: 'dateFrom',
						type: 'dateTime',
						default: '',
						description: 'Only posts scheduled or published at or after this time',
					},
					platformFilter(platformOptions, 'Only posts that target this social network'),
					{
						displayName: 'Status',
						name: 'status',
						type: 'string',
						default: '',
						placeholder: 'e.g. scheduled',
						description:
							'Only posts with this status, as the API names it (e.g. draft, scheduled, published, failed)',
					},
					{
						displayName: 'To',
						name: 'dateTo',
						type: 'dateTime',
						default: '',
						description: 'Only posts scheduled or published before this time',
					},
				],
			},
		]),
		async execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject[]> {
			const filters = this.getNodeParameter('filters', ctx.itemIndex, {}) as IDataObject;
			const text = (value: unknown) =>
				typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
			const query = ctx.dialect.postListing.query({
				status: text(filters.status),
				platform: text(filters.platform),
				dateFrom: dateFilter(this, filters.dateFrom, ctx.itemIndex, 'dateFrom'),
				dateTo: dateFilter(this, filters.dateTo, ctx.itemIndex, 'dateTo'),
			});
			const qs = Object.fromEntries(
				Object.entries(query).filter(([, value]) => value !== undefined),
			) as IDataObject;
			const posts = await paginate(ctx.call, ctx.dialect.postListing.paging, {
				path: '/posts',
				qs,
				listKeys: ctx.dialect.postListing.listKeys,
				returnAll: this.getNodeParameter('returnAll', ctx.itemIndex, false) as boolean,
				limit: this.getNodeParameter('limit', ctx.itemIndex, 50) as number,
				onRepeat: (page, total) =>
					this.addExecutionHints({
						message: `${ctx.dialect.serviceName} answered page ${page} with no post that earlier pages had not already brought, so Get Many stopped there with ${total} posts: the API seems to ignore paging. Each post is output once; the list may be incomplete.`,
						location: 'outputPane',
					}),
			});
			return posts.map(toPostItem);
		},
	};
}
