import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext } from '../types/operation';
import { invalidParameter } from '../errors/errors';
import type { MediaInput, PostTarget } from '../input/postInput';
import { type BinaryFile, readBinaryFile } from './binaryFile';
import { formatSize, sizeLimitProblem } from './limits';
import { presignedUploads, uploadBinary } from './presignedUpload';
import { checkMediaUrl } from './urlCheck';

export interface ResolvedMedia {
	/** Every entry as a URL: binary files uploaded, URLs as given. */
	media: MediaInput[];
	/** What the user should know but that did not stop the post (a URL n8n could not check). */
	notices: string[];
}

/**
 * Turns the media entries into URLs the API takes, before the post is sent:
 * binary files are checked first (all of them, before any request), then
 * uploaded; URLs are checked unless the user turned that off.
 */
export async function resolveMedia(
	this: IExecuteFunctions,
	ctx: OperationContext,
	media: MediaInput[],
	targets: PostTarget[],
	checkUrls: boolean,
): Promise<ResolvedMedia> {
	const handling = ctx.dialect.media;
	const files = new Map<number, BinaryFile>();
	for (const [index, entry] of media.entries()) {
		if (entry.source !== 'binary') continue;
		const field = `media.item[${index}].binaryPropertyName`;
		if (handling.presignPath === undefined) {
			throw invalidParameter(
				this.getNode(),
				ctx.itemIndex,
				`Media item ${index + 1} is a binary file, which ${ctx.dialect.serviceName} does not take`,
				handling.urlOnlyAdvice ?? 'Give the media by URL.',
				field,
			);
		}
		const file = await readBinaryFile(this, ctx.itemIndex, entry.binaryPropertyName, field);
		const problem = sizeLimitProblem(file.size, entry.type, targets, handling);
		if (problem) {
			throw invalidParameter(
				this.getNode(),
				ctx.itemIndex,
				`Media item ${index + 1} (${file.fileName}) is too large (${formatSize(file.size)})`,
				problem,
				field,
			);
		}
		files.set(index, file);
	}

	const notices: string[] = [];
	const resolved: MediaInput[] = [];
	for (const [index, entry] of media.entries()) {
		const file = files.get(index);
		if (file && handling.presignPath !== undefined) {
			const uploaded = await uploadBinary.call(
				this,
				ctx,
				file,
				presignedUploads(ctx.dialect, handling.presignPath),
				entry.type,
				`media.item[${index}].binaryPropertyName`,
			);
			resolved.push({ ...entry, source: 'url', type: uploaded.type, url: uploaded.publicUrl });
			continue;
		}
		if (checkUrls) {
			const notice = await checkMediaUrl(this, ctx.itemIndex, entry, index, targets, handling);
			if (notice) notices.push(notice);
		}
		resolved.push(entry);
	}
	return { media: resolved, notices };
}

/** Shows what did not stop the post, in the editor and on the output item. */
export function reportNotices(
	context: IExecuteFunctions,
	item: IDataObject,
	notices: string[],
	key: 'mediaNotices' | 'platformNotices' = 'mediaNotices',
): IDataObject {
	if (notices.length === 0) return item;
	context.addExecutionHints(
		...notices.map((message) => ({ message, location: 'outputPane' as const })),
	);
	return { ...item, [key]: notices };
}
