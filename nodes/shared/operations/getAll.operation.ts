import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { paginate } from '../transport/paginate';
import { toPostItem } from '../output/post';
import { readDateFilter } from '../input/dateFilter';
import { platformFilter, returnAllFields } from '../descriptions/requestOptions';
import type { Operation, OperationContext } from '../types/operation';

/** GET /posts: one item per post (shaped like Get), Limit or Return All, through the dialect's paging. */
export function getAllOperation(platformOptions: INodePropertyOptions[]): Operation {
	return {
		description: updateDisplayOptions({ show: { resource: ['post'], operation: ['getAll'] } }, [
			...returnAllFields,
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
				dateFrom: readDateFilter(this, ctx.itemIndex, filters.dateFrom, 'dateFrom', 'From'),
				dateTo: readDateFilter(this, ctx.itemIndex, filters.dateTo, 'dateTo', 'To'),
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
