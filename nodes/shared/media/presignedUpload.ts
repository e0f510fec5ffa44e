import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiDialect } from '../types/dialect';
import type { OperationContext } from '../types/operation';
import { invalidParameter, operationError } from '../errors/errors';
import { putFile } from './upload';
import { type BinaryFile, mediaTypeOf } from './binaryFile';

/** What Media → Upload outputs, and what Create Post puts in mediaItems. */
export interface UploadedMedia extends IDataObject {
	publicUrl: string;
	type: string;
	mimeType: string;
	fileName: string;
	size: number;
}

export interface PresignedUploads {
	serviceName: string;
	/** POST here with `{ filename, contentType, size }` → `{ uploadUrl, publicUrl }`. */
	presignPath: string;
	/** The media types the service takes (image, video, gif …). */
	mediaTypes: string[];
}

/** A dialect's presigned uploads (its media types default to images and videos). */
export function presignedUploads(dialect: ApiDialect, presignPath: string): PresignedUploads {
	return {
		serviceName: dialect.serviceName,
		presignPath,
		mediaTypes: dialect.media.uploadTypes ?? ['image', 'video'],
	};
}

/** New presigned URLs asked for when the upload host says one expired. */
const PRESIGN_ROUNDS = 2;

function httpUrl(value: unknown): string | undefined {
	return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value) ? value : undefined;
}

/**
 * Presign, then PUT the bytes to the upload URL. Nothing is posted by either
 * request, so both may be sent again: a failed upload is retried from the start
 * of the file, and an expired URL (403) gets a new presign.
 */
export async function uploadBinary(
	this: IExecuteFunctions,
	ctx: OperationContext,
	file: BinaryFile,
	config: PresignedUploads,
	requestedType = 'auto',
	field = 'binaryPropertyName',
): Promise<UploadedMedia> {
	const type =
		requestedType === 'auto' ? mediaTypeOf(file.mimeType, config.mediaTypes) : requestedType;
	if (type === undefined) {
		throw invalidParameter(
			this.getNode(),
			ctx.itemIndex,
			`"${file.fileName}" is ${file.mimeType}, not a media file ${config.serviceName} takes`,
			`${config.serviceName} takes ${config.mediaTypes.join(', ')} files. Check that binary property "${file.propertyName}" holds the file you meant, or set its MIME type in the node that made it.`,
			field,
		);
	}
	for (let round = 1; round <= PRESIGN_ROUNDS; round++) {
		const presigned = await ctx.call({
			method: 'POST',
			path: config.presignPath,
			body: { filename: file.fileName, contentType: file.mimeType, size: file.size },
		});
		const uploadUrl = httpUrl(presigned.uploadUrl);
		const publicUrl = httpUrl(presigned.publicUrl);
		if (uploadUrl === undefined || publicUrl === undefined) {
			throw operationError(
				this.getNode(),
				ctx.itemIndex,
				'INVALID_RESPONSE',
				`${config.serviceName} answered the upload request without an upload URL and a public URL`,
				'Nothing was uploaded or posted. Check the Base URL in the credential.',
			);
		}
		const result = await putFile(this, uploadUrl, file, ctx.settings, ctx.itemIndex, []);
		if (result === 'done') {
			return { publicUrl, type, mimeType: file.mimeType, fileName: file.fileName, size: file.size };
		}
	}
	throw operationError(
		this.getNode(),
		ctx.itemIndex,
		'UPLOAD_URL_EXPIRED',
		'The upload host refused the presigned URL twice (403: expired or not valid)',
		`Nothing was posted. A new upload URL did not help either: check the clock of the n8n host and that ${config.serviceName} can store files for your key.`,
		undefined,
		true,
	);
}
