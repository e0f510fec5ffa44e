import { updateOperation } from '../../shared/operations/update.operation';
import { config, targetEntry } from './create.operation';

// SocialSyncerAPI's docs show no update; PUT follows its Late-compatible schema.
export const { description, execute } = updateOperation({
	...config,
	method: 'PUT',
	targetEntry,
	notice:
		"SocialSyncerAPI's update endpoint is inferred (PUT /posts/{ID}, as in the Late API it is compatible with). Only drafts, scheduled, failed and partial posts can be edited.",
});
