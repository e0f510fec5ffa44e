import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Operation, OperationContext } from '../types/operation';
import { invalidParameter } from '../errors/errors';
import { readBinaryFile } from '../media/binaryFile';
import { presignedUploads, uploadBinary } from '../media/presignedUpload';

export interface MediaUploadConfig {
	/** Which files the service's storage takes, up to what size (the presign path is the dialect's). */
	files: string;
}

async function execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject> {
	const { presignPath } = ctx.dialect.media;
	if (presignPath === undefined) {
		throw invalidParameter(
			this.getNode(),
			ctx.itemIndex,
			`${ctx.dialect.serviceName} has no media upload`,
			ctx.dialect.media.urlOnlyAdvice ?? 'Give media by URL.',
		);
	}
	const propertyName = String(this.getNodeParameter('binaryPropertyName', ctx.itemIndex, 'data'));
	const file = await readBinaryFile(this, ctx.itemIndex, propertyName, 'binaryPropertyName');
	return await uploadBinary.call(this, ctx, file, presignedUploads(ctx.dialect, presignPath));
}

/**
 * Media → Upload: a file of the input item to the service's storage, streamed.
 * Outputs the public URL for Create Post or any other node. Uploading posts
 * nothing, so every retry path may send it again.
 */
export function mediaUploadOperation(config: MediaUploadConfig): Operation {
	return {
		description: updateDisplayOptions({ show: { resource: ['media'], operation: ['upload'] } }, [
			{
				displayName: 'Input Binary Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				hint: 'The name of the input binary field that holds the file',
				description: `${config.files}. The file is streamed, never held in memory.`,
			},
		]),
		execute,
	};
}
