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
import { platformOptionsField } from '../descriptions/platformOptions';
import { type PlatformSettingsFacts, readUpdateSettings } from '../input/platformInput';
import { mediaItems, type PostRules, type PostTarget, readPostId } from '../input/postInput';
import { readPostUpdate } from '../input/postUpdate';
import { postPath, toPostItem } from '../output/post';
import { invalidParameter } from '../errors/errors';
import { reportNotices, resolveMedia } from '../media/resolveMedia';

export interface UpdateConfig extends PostFieldsConfig, PostRules {
	/** Schedulala PATCHes the changed fields; SocialSyncerAPI PUTs them (inferred). */
	method: 'PATCH' | 'PUT';
	/** A target as the API's body names it (the same mapping as Create Post's). */
	targetEntry(target: PostTarget): IDataObject;
	/** Shown under the operation: how sure we are of the endpoint. */
	notice?: string;
	platformSettings: PlatformSettingsFacts;
	/** Puts the settings into the body; returns the platforms it could not place (no target). */
	placeSettings(body: IDataObject, settings: Record<string, IDataObject>): string[];
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
				...platformOptionsField(config.platformSettings.groups),
				description:
					'Settings to change for the targets of one platform. Only the groups added here are sent.',
			},
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
			const settings = readUpdateSettings(this, ctx.itemIndex, config.platformSettings);
			const update = readPostUpdate(this, ctx.itemIndex, config, Object.keys(settings).length > 0);
			// The targets and the settings placed once, before any request (a file's upload):
			// settings that belong on a target need their platform's targets.
			const placed: IDataObject =
				update.targets !== undefined ? { platforms: update.targets.map(config.targetEntry) } : {};
			const unplaced = config.placeSettings(placed, settings);
			if (unplaced.length > 0) {
				throw invalidParameter(
					this.getNode(),
					ctx.itemIndex,
					`Platform Settings for ${unplaced.join(', ')} need the targets they belong to`,
					`${config.serviceName} takes these settings on each target. Add Platforms to Update Fields with the ${unplaced.join(', ')} target(s), or remove those settings.`,
					'platformOptions',
				);
			}
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
			Object.assign(body, placed);
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
