import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { invalidParameter } from '../errors/errors';

/** Read in chunks of this size: large enough for full speed, small enough to stay flat. */
const CHUNK_BYTES = 256 * 1024;

/** What n8n's binary storage streams a file as (a Node Readable). */
type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** A file from the item's binary data, opened afresh for every upload attempt. */
export interface BinaryFile {
	propertyName: string;
	fileName: string;
	mimeType: string;
	/** Exact size in bytes (the upload host needs Content-Length). */
	size: number;
	/** A new stream from n8n's binary storage, or the buffer in in-memory mode. */
	open(): Promise<BinaryStream | Buffer>;
}

function propertiesOf(context: IExecuteFunctions, itemIndex: number): string[] {
	const item = context.getInputData()[itemIndex];
	return Object.keys(item?.binary ?? {});
}

/**
 * The binary property of an item, checked before anything is sent. Goes through
 * assertBinaryData, which also reads n8n 2.x's "combined" binary mode.
 */
export async function readBinaryFile(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	field: string,
): Promise<BinaryFile> {
	let binary: IBinaryData;
	try {
		binary = context.helpers.assertBinaryData(itemIndex, propertyName);
	} catch {
		const available = propertiesOf(context, itemIndex);
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			`The input item has no binary property "${propertyName}"`,
			available.length > 0
				? `Its binary properties are: ${available.join(', ')}. Set Input Binary Field to one of them.`
				: 'It has no binary data at all. Put a node that outputs a file before this one (Read/Write Files from Disk, HTTP Request with Response Format File, Google Drive Download …), or use a media URL instead.',
			field,
		);
	}
	const file = await openFile(context, itemIndex, propertyName, binary);
	if (file.size === 0) {
		throw invalidParameter(
			context.getNode(),
			itemIndex,
			`The file in binary property "${propertyName}" is empty (0 bytes)`,
			`${file.fileName} has no content: the node before this one gave an empty file (a failed download or export). Check that node's output. Nothing was sent.`,
			field,
		);
	}
	return file;
}

async function openFile(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	binary: IBinaryData,
): Promise<BinaryFile> {
	const { id } = binary;
	if (id) {
		const meta = await context.helpers.getBinaryMetadata(id);
		return {
			propertyName,
			fileName: meta.fileName ?? binary.fileName ?? propertyName,
			mimeType: meta.mimeType ?? binary.mimeType ?? 'application/octet-stream',
			size: Number(meta.fileSize),
			open: async () => await context.helpers.getBinaryStream(id, CHUNK_BYTES),
		};
	}
	// In-memory mode (n8n 1.x's default): the file is already in RAM as base64.
	const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	return {
		propertyName,
		fileName: binary.fileName ?? propertyName,
		mimeType: binary.mimeType ?? 'application/octet-stream',
		size: buffer.length,
		open: async () => buffer,
	};
}

/** The media type a MIME type stands for, among the ones a service takes. */
export function mediaTypeOf(mimeType: string, offered: string[]): string | undefined {
	const mime = mimeType.toLowerCase();
	if (mime === 'image/gif' && offered.includes('gif')) return 'gif';
	if (mime.startsWith('image/') && offered.includes('image')) return 'image';
	if (mime.startsWith('video/') && offered.includes('video')) return 'video';
	if (mime === 'application/pdf' && offered.includes('pdf')) return 'pdf';
	return undefined;
}
