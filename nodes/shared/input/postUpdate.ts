import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from '../errors/errors';
import {
	checkMedia,
	checkTargets,
	type MediaInput,
	type PostRules,
	type PostTarget,
	readMedia,
	readSchedule,
	readTargets,
	readTimeZone,
	text,
	textField,
} from './postInput';

/** The fields of a post to change; a field left out stays as it is. */
export interface PostUpdate {
	content?: string;
	media?: MediaInput[];
	targets?: PostTarget[];
	/** The checked instant as ISO 8601 UTC. */
	scheduledFor?: string;
	timezone?: string;
}

/** Reads Update Fields with the checks Create Post makes, so the API gets only valid changes. */
export function readPostUpdate(
	context: IExecuteFunctions,
	itemIndex: number,
	rules: PostRules,
	changesSettings = false,
): PostUpdate {
	const fail = (message: string, description: string, field: string) =>
		invalidParameter(context.getNode(), itemIndex, message, description, field);
	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const update: PostUpdate = {};

	if (fields.content !== undefined)
		update.content = textField(fields.content, fail, 'Content', 'updateFields.content');
	if (fields.media !== undefined) {
		update.media = readMedia(fields.media as IDataObject, fail);
		checkMedia(fail, update.media);
	}
	if (fields.platforms !== undefined) {
		update.targets = readTargets(fields.platforms as IDataObject, fail);
		if (update.targets.length === 0) {
			throw fail(
				'Platforms has no target',
				'Add a target under Platforms, or remove Platforms from Update Fields to keep the current targets.',
				'platforms',
			);
		}
		checkTargets(fail, update.targets, rules);
	}
	const timezone = readTimeZone(fail, fields.timezone);
	if (text(fields.scheduledFor) !== '') {
		Object.assign(update, readSchedule(context, fail, fields.scheduledFor, timezone, rules));
	} else if (timezone !== '') {
		update.timezone = timezone;
	}
	if (Object.keys(update).length === 0 && !changesSettings) {
		throw fail(
			'Nothing to update',
			'Add at least one field under Update Fields (Content, Media, Platforms, Scheduled For or Time Zone) or a group under Platform Settings.',
			'updateFields',
		);
	}
	return update;
}
