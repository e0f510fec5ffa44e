/**
 * Review guard (issue 23): request specs the old transport misread do not type-check,
 * beyond the literals send.test.ts covers: a widened kind, a key or read-back path that
 * may be missing, a spread that turns a list read into an act-once.
 */
import type { RequestSpec } from '../../nodes/shared/types/request';

const readBackPath = (id: string) => `/posts/${id}`;
const listRead = { method: 'GET' as const, path: '/posts', expects: 'list' as const, listKeys: [] };

function specs(kind: 'read' | 'actOnce', key: string | undefined, id: string | undefined) {
	const refused: RequestSpec[] = [
		// @ts-expect-error: a kind known only as "read or act once" could be either
		{
			method: 'POST',
			path: '/posts',
			does: kind,
			idempotencyKey: 'k',
			readBackPath,
			expects: 'post',
		},
		// @ts-expect-error: what acts once always carries its key
		{
			method: 'POST',
			path: '/posts',
			does: 'actOnce',
			idempotencyKey: key,
			readBackPath,
			expects: 'post',
		},
		// @ts-expect-error: what acts once can always be read back
		{
			method: 'POST',
			path: '/posts',
			does: 'actOnce',
			idempotencyKey: 'k',
			readBackPath: undefined,
			expects: 'post',
		},
		// @ts-expect-error: an update names its post
		{
			method: 'PATCH',
			path: '/posts/p',
			does: 'update',
			resourceId: id,
			readBackPath,
			expects: 'post',
		},
		// @ts-expect-error: a batch's answer is its entries, not one post
		{ method: 'POST', path: '/posts/bulk', does: 'batch', idempotencyKey: 'k', expects: 'post' },
		// @ts-expect-error: a list read spread into an act-once
		{ ...listRead, does: 'actOnce', idempotencyKey: 'k', readBackPath },
		// @ts-expect-error: a delete is not read back
		{ method: 'DELETE', path: '/posts/p', does: 'delete', resourceId: 'p', readBackPath },
		// @ts-expect-error: a list says it expects one
		{ method: 'GET', path: '/posts', listKeys: ['posts'], keepEnvelope: true },
	];
	return refused;
}

it('builds the refused specs only through @ts-expect-error', () => {
	expect(specs('read', undefined, undefined)).toHaveLength(8);
});
