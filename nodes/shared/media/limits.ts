import type { MediaHandling } from '../types/dialect';
import type { PostTarget } from '../input/postInput';

export function formatSize(bytes: number): string {
	if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
	if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
	return `${Math.ceil(bytes / 1024)} KB`;
}

/** Which target's platform would refuse a file of this size, and what it takes. */
export function sizeLimitProblem(
	size: number | undefined,
	type: string,
	targets: PostTarget[],
	media: MediaHandling,
): string | undefined {
	if (size === undefined) return undefined;
	const kind = type === 'video' ? 'video' : 'image';
	for (const target of targets) {
		const limit = media.limits[target.platform]?.[kind];
		if (limit !== undefined && size > limit) {
			return `${target.platform} takes ${kind === 'video' ? 'videos' : 'images'} up to ${formatSize(limit)}. Use a smaller file, or post it to the other platforms only. Nothing was posted.`;
		}
	}
	return undefined;
}
