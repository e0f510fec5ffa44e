/**
 * n8n's binary data storage for engine tests: the real BinaryDataService in
 * filesystem mode (as n8n 2.x runs by default), so the node reads files as
 * streams exactly as in n8n.
 */
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
// n8n-core resolves its services from its own copy of the DI container.
import { Container } from 'n8n-core/node_modules/@n8n/di';
import type { IBinaryData } from 'n8n-workflow';

import { tempDir } from '../tempDir';

let ready: Promise<BinaryDataService> | undefined;

async function service(): Promise<BinaryDataService> {
	ready ??= (async () => {
		const config = Container.get(BinaryDataConfig);
		config.mode = 'filesystem';
		config.localStoragePath = tempDir('n8n-social-posting-binary-');
		const binaryData = Container.get(BinaryDataService);
		await binaryData.init();
		return binaryData;
	})();
	return await ready;
}

/** Stores a file as a node before ours would have (Read/Write Files from Disk …). */
export async function storeBinary(
	content: Parameters<BinaryDataService['store']>[1],
	fileName: string,
	mimeType: string,
	workflowId = 'workflow-1',
): Promise<IBinaryData> {
	const binaryData = await service();
	return await binaryData.store({ type: 'execution', workflowId, executionId: 'source' }, content, {
		data: '',
		fileName,
		mimeType,
	});
}
