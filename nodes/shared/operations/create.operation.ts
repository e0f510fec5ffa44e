import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type PostFieldsConfig, postFields, sharedPostOptions } from '../descriptions/postFields';
import { idempotencyKeyFor } from '../reruns/idempotency';
import { postPath, toPostItem } from '../output/post';
import { type PostInput, type PostRules, readPostInput } from '../input/postInput';
import { readToolPost } from '../input/toolInput';
import { toolPostFields } from '../descriptions/toolFields';
import { checkPlatformRulesOption, platformOptionsField } from '../descriptions/platformOptions';
import { type PlatformSettingsFacts, withPlatformSettings } from '../input/platformInput';
import { hintPlatformNotices } from '../input/platformCheck';
import type { Operation, OperationContext } from '../types/operation';
import { bulkCreateSender, bulkSizeOf } from './bulkCreate';
import { waitForPublish, waitOptions } from './publishWait';
import { reportNotices, resolveMedia } from '../media/resolveMedia';

export interface CreateConfig extends PostFieldsConfig, PostRules {
	/** Service-specific top-level fields, shown after the shared ones. */
	extraFields: INodeProperties[];
	/** Service-specific entries of the Options collection. */
	extraOptions: INodeProperties[];
	/** Maps the checked input to the API's request body; may reject service-specific input. */
	buildBody(context: IExecuteFunctions, input: PostInput, itemIndex: number): IDataObject;
	/** Its typed per-platform settings, their keys and its platforms' rules. */
	platformSettings: PlatformSettingsFacts;
	/** The service's bulk create (Options → Bulk): its path and most entries a request. */
	bulk?: { path: string; maxSize: number };
}

/** The Create Post fields of a service, for Create and for operations that take the same draft. */
export function createFields(config: CreateConfig, operation: string): INodeProperties[] {
	const options: INodeProperties = {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...sharedPostOptions,
			checkPlatformRulesOption,
			...config.extraOptions,
			...waitOptions({ '/publishMode': ['now'] }),
		]
			// Only Create makes a post: an idempotency key or a wait means nothing elsewhere.
			.filter(
				(option) =>
					operation === 'create' ||
					![
						'bulk',
						'bulkSize',
						'checkMediaUrls',
						'checkPlatformRules',
						'idempotencyKey',
						'waitForPublish',
						'waitTimeout',
					].includes(option.name),
			)
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
	return updateDisplayOptions({ show: { resource: ['post'], operation: [operation] } }, [
		...postFields(config),
		...(operation === 'create' ? toolPostFields(config.platformSettings.groups) : []),
		platformOptionsField(config.platformSettings.groups),
		...config.extraFields,
		options,
	]);
}

/** POST /posts, once per item, with an Idempotency-Key that survives every re-run. */
export function createOperation(config: CreateConfig): Operation {
	const bulk = config.bulk;
	return {
		...(bulk
			? {
					bulkSize(this: IExecuteFunctions, itemIndex: number) {
						return bulkSizeOf(this, itemIndex, bulk.maxSize);
					},
					sendBatch: bulkCreateSender(bulk.path),
				}
			: {}),
		description: createFields(config, 'create'),
		async execute(this: IExecuteFunctions, ctx: OperationContext): Promise<IDataObject> {
			// The platform rules too are checked before an agent's targets are looked up.
			const tool = await readToolPost(this, ctx, config, (post, draft) =>
				withPlatformSettings(this, ctx.itemIndex, config.platformSettings, post, draft),
			);
			// Every platform rule is checked here, before the first request (an upload, a URL check).
			const { input, notices: ruleNotices } = withPlatformSettings(
				this,
				ctx.itemIndex,
				config.platformSettings,
				readPostInput(this, ctx.itemIndex, config, tool),
				tool,
			);
			// Hinted before sending: the hint stays when the API does refuse the post (an error item).
			hintPlatformNotices(this, ruleNotices);
			// A re-run that already sent this post sends nothing new: no upload, no check.
			const { media, notices } = ctx.sentBefore()
				? { media: input.media, notices: [] }
				: await resolveMedia.call(
						this,
						ctx,
						input.media,
						input.targets,
						input.options.checkMediaUrls !== false,
					);
			const body = config.buildBody(this, { ...input, media }, ctx.itemIndex);
			const key = idempotencyKeyFor(this, ctx, 'create', input.options.idempotencyKey);
			// In bulk, the item's body goes in the run's current batch (bulkCreate.ts).
			const post = ctx.joinBatch
				? await ctx.joinBatch({ body, key })
				: await ctx.call({
						method: 'POST',
						path: '/posts',
						body,
						does: 'actOnce',
						idempotencyKey: key,
						expects: 'post',
						readBackPath: postPath,
					});
			const item = await waitForPublish.call(this, ctx, toPostItem(post), input.options);
			const reported = reportNotices(this, item, notices);
			return ruleNotices.length > 0 ? { ...reported, platformNotices: ruleNotices } : reported;
		},
	};
}
