import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Operation, OperationContext } from '../types/operation';
import {
	checkMediaUrlsOption,
	mediaField,
	type PostFieldsConfig,
	platformsField,
} from '../descriptions/postFields';
import { postIdField } from '../descriptions/requestOptions';
import { mediaItems, type PostRules, type PostTarget, readPostId } from '../input/postInput';
import { readPostUpdate } from '../input/postUpdate';
import { postPath, toPostItem } from '../output/post';
import { reportNotices, resolveMedia } from '../media/resolveMedia';

export interface UpdateConfig extends PostFieldsConfig, PostRules {
	/** Schedulala PATCHes the changed fields; SocialSyncerAPI PUTs them (inferred). */
	method: 'PATCH' | 'PUT';
	/** A target as the API's body names it (the same mapping as Create Post's). */
	targetEntry(target: PostTarget): IDataObject;
	/** Shown under the operation: how sure we are of the endpoint. */
	notice?: string;
}

function updateFields(config: UpdateConfig): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are changed',
		options: [
			{
				displayName: 'Content',
				name: 'content',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'The new text of the post',
			},
			{
				...mediaField(config),
				description: 'Replaces all media of the post. Add it with no item to remove the media.',
			},
			{ ...platformsField(config), description: 'Replaces the targets of the post' },
			{
				displayName: 'Scheduled For',
				name: 'scheduledFor',
				type: 'dateTime',
				default: '',
				description:
					"The new publish time. Without an offset the time is read in Time Zone, else in the workflow's time zone.",
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Berlin',
				description: 'IANA time zone name of the post and of Scheduled For',
			},
		],
	};
}

/**
 * Changes a scheduled post or a draft. Setting fields to the same values twice does no
 * harm, so our retries, Retry On Fail and a retried execution may send it again.
 */
export function updateOperation(config: UpdateConfig): Operation {
	const notice: INodeProperties[] = config.notice
		? [{ displayName: config.notice, name: 'updateNotice', type: 'notice', default: '' }]
		: [];
	return {
		description: updateDisplayOptions({ show: { resource: ['post'], operation: ['update'] } }, [
			postIdField,
			updateFields(config),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [checkMediaUrlsOption],
			},
			...notice,
		]),
		async execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject> {
			const postId = readPostId(this, ctx.itemIndex);
			const update = readPostUpdate(this, ctx.itemIndex, config);
			const body: IDataObject = {};
			if (update.content !== undefined) body.content = update.content;
			let notices: string[] = [];
			if (update.media !== undefined) {
				const resolved = await resolveMedia.call(
					this,
					ctx,
					update.media,
					update.targets ?? [],
					(this.getNodeParameter('options', ctx.itemIndex, {}) as IDataObject).checkMediaUrls !==
						false,
				);
				notices = resolved.notices;
				body.mediaItems = mediaItems(resolved.media);
			}
			if (update.targets !== undefined) body.platforms = update.targets.map(config.targetEntry);
			if (update.scheduledFor !== undefined) body.scheduledFor = update.scheduledFor;
			if (update.timezone !== undefined) body.timezone = update.timezone;
			const post = await ctx.call({
				method: config.method,
				path: postPath(postId),
				body,
				does: 'update',
				expects: 'post',
				readBackPath: postPath,
				resourceId: postId,
			});
			return reportNotices(this, toPostItem(post), notices);
		},
	};
}
