import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { MediaHandling } from '../types/dialect';
import { invalidParameter } from '../errors/errors';
import type { MediaInput, PostTarget } from '../input/postInput';
import { runsAsTool } from '../input/toolInput';
import { isInternalUrl } from './internalAddress';
import { formatSize, sizeLimitProblem } from './limits';

const CHECK_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;

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

/** How long a probe waits for the first bytes of a body before closing it anyway. */
const FIRST_BYTES_WAIT_MS = 2_000;

/**
 * Closes a streamed body after at most its first chunk. n8n wraps the response in a
 * stream that only lets go of the connection once it has been read from: destroying it
 * unread would leave the host sending the rest of the file.
 */
async function discard(body: unknown): Promise<void> {
	const stream = body as (AsyncIterable<unknown> & { destroy?: () => void }) | undefined;
	if (typeof stream?.destroy !== 'function') return;
	if (typeof stream[Symbol.asyncIterator] === 'function') {
		const firstChunk = (async () => {
			for await (const chunk of stream) {
				void chunk;
				break;
			}
		})().catch(() => undefined);
		await Promise.race([firstChunk, sleep(FIRST_BYTES_WAIT_MS)]);
	}
	stream.destroy();
}

async function probeOnce(
	context: IExecuteFunctions,
	url: string,
	method: 'HEAD' | 'GET',
): Promise<IN8nHttpFullResponse> {
	const response = (await context.helpers.httpRequest({
		method,
		url,
		// One byte is enough to see what the URL is; a HEAD some hosts refuse.
		headers: method === 'GET' ? { Range: 'bytes=0-0' } : {},
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Redirects are followed here, so that each hop can be looked at (an agent's public URL
		// must not lead n8n into the private network).
		disableFollowRedirect: true,
		timeout: CHECK_TIMEOUT_MS,
		json: false,
		// A host that ignores Range would send the whole file: only the headers are read,
		// then the stream is closed.
		encoding: method === 'GET' ? 'stream' : 'text',
		abortSignal: context.getExecutionCancelSignal?.(),
	})) as IN8nHttpFullResponse;
	await discard(response.body);
	return response;
}

/** The answer after following redirects, or where a redirect led that may not be opened. */
async function probe(
	context: IExecuteFunctions,
	url: string,
	method: 'HEAD' | 'GET',
	mayOpen: (url: string) => boolean,
): Promise<IN8nHttpFullResponse | { refused: string }> {
	let current = url;
	for (let hop = 0; ; hop++) {
		const response = await probeOnce(context, current, method);
		const location = header(response, 'location');
		if (response.statusCode < 300 || response.statusCode >= 400 || location === '') return response;
		if (hop >= MAX_REDIRECTS) return response;
		current = new URL(location, current).href;
		if (!mayOpen(current)) return { refused: current };
	}
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
	// An agent's URLs are the model's choice: n8n opens no private address for it, and says
	// the same whatever is there, so that a model cannot map the network through this check.
	const asTool = runsAsTool(context);
	const mayOpen = (url: string) => !asTool || !isInternalUrl(url);
	const notOpened = `${label} was not checked: n8n does not open addresses of a private network for an AI agent. It was sent as given.`;
	if (!mayOpen(entry.url)) return notOpened;
	let answer: IN8nHttpFullResponse | { refused: string };
	try {
		answer = await probe(context, entry.url, 'HEAD', mayOpen);
		if ('statusCode' in answer && [403, 405, 501].includes(answer.statusCode))
			answer = await probe(context, entry.url, 'GET', mayOpen);
	} catch {
		return `${label} could not be checked: n8n cannot reach ${new URL(entry.url).host}. It was sent anyway; the service may reach it.`;
	}
	if ('refused' in answer) return notOpened;
	const response = answer;
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
