import { updateOperation } from '../../shared/operations/update.operation';
import { config, targetEntry } from './create.operation';

// PATCH /posts/{ID} with only the changed fields: Schedulala edits drafts and scheduled posts.
export const { description, execute } = updateOperation({
	...config,
	method: 'PATCH',
	targetEntry,
});
