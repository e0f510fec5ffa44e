import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { MediaHandling } from '../core/types';
import { invalidParameter } from '../errors/errors';
import type { MediaInput, PostTarget } from '../input/postInput';
import { formatSize, sizeLimitProblem } from './limits';

const CHECK_TIMEOUT_MS = 10_000;

async function probe(
	context: IExecuteFunctions,
	url: string,
	method: 'HEAD' | 'GET',
): Promise<IN8nHttpFullResponse> {
	return (await context.helpers.httpRequest({
		method,
		url,
		// One byte is enough to see what the URL is; a HEAD some hosts refuse.
		headers: method === 'GET' ? { Range: 'bytes=0-0' } : {},
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: CHECK_TIMEOUT_MS,
		json: false,
		encoding: 'text',
		abortSignal: context.getExecutionCancelSignal?.(),
	})) as IN8nHttpFullResponse;
}

function header(response: IN8nHttpFullResponse, name: string): string {
	const value = (response.headers ?? {})[name];
	return Array.isArray(value) ? String(value[0]) : String(value ?? '');
}

/** The full size from Content-Range (`bytes 0-0/12345`) or Content-Length. */
function sizeOf(response: IN8nHttpFullResponse): number | undefined {
	const range = /\/(\d+)$/.exec(header(response, 'content-range'));
	if (range) return Number(range[1]);
	const length = Number(header(response, 'content-length'));
	return response.statusCode === 200 && length > 0 ? length : undefined;
}

/**
 * Checks a media URL before posting, as the service would fetch it: it must answer
 * with a file, not a web page (the Google Drive / Dropbox share-link mistake), and
 * fit the platforms' size limits. A URL n8n cannot reach (or may not, under SSRF
 * protection) does not block the post: the service may reach it. Returns a notice then.
 */
export async function checkMediaUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	entry: MediaInput,
	index: number,
	targets: PostTarget[],
	media: MediaHandling,
): Promise<string | undefined> {
	const label = `Media item ${index + 1}`;
	const fail = (message: string, description: string) =>
		invalidParameter(context.getNode(), itemIndex, message, description, 'media');
	let response: IN8nHttpFullResponse;
	try {
		response = await probe(context, entry.url, 'HEAD');
		if ([403, 405, 501].includes(response.statusCode))
			response = await probe(context, entry.url, 'GET');
	} catch {
		return `${label} could not be checked: n8n cannot reach ${new URL(entry.url).host}. It was sent anyway; the service may reach it.`;
	}
	const status = response.statusCode;
	if (status === 404 || status === 410) {
		throw fail(
			`${label}: there is no file at ${entry.url} (HTTP ${status})`,
			'Check the link: the file may have moved or been deleted. Nothing was posted.',
		);
	}
	if (status >= 400) {
		return `${label} could not be checked: its host answered HTTP ${status}. It was sent anyway; the service may be allowed to fetch it.`;
	}
	const contentType = header(response, 'content-type').toLowerCase();
	if (contentType.startsWith('text/html')) {
		throw fail(
			`${label} is a web page, not a media file`,
			`${entry.url} answers with an HTML page. Share links of Google Drive, Dropbox or OneDrive open a page, not the file. Use a direct link: Google Drive https://drive.google.com/uc?export=download&id=FILE_ID, Dropbox the link with ?raw=1 instead of ?dl=0, or set Source to Binary File. Nothing was posted.`,
		);
	}
	const size = sizeOf(response);
	const problem = sizeLimitProblem(size, entry.type, targets, media);
	if (problem) throw fail(`${label} is too large (${formatSize(size ?? 0)})`, problem);
	return undefined;
}
