/**
 * What the n8n editor shows for each node and credential, compared with the committed
 * listing in editorFields/: a UI change fails here until the listing is rewritten
 * (UPDATE_SNAPSHOTS=1 npx jest test/unit/editorFields.test.ts), and the PR then shows it
 * as a readable diff.
 */
import type { ICredentialType, INodeType } from 'n8n-workflow';

import { SchedulalaApi } from '../../credentials/SchedulalaApi.credentials';
import { SocialSyncerApi } from '../../credentials/SocialSyncerApi.credentials';
import { Schedulala } from '../../nodes/Schedulala/Schedulala.node';
import { SchedulalaTrigger } from '../../nodes/Schedulala/SchedulalaTrigger.node';
import { SocialSyncer } from '../../nodes/SocialSyncer/SocialSyncer.node';
import { SocialSyncerTrigger } from '../../nodes/SocialSyncer/SocialSyncerTrigger.node';
import { credentialText, nodeText } from '../support/editorFields';
import { committedText } from '../support/textSnapshot';

const nodes: INodeType[] = [
	new SocialSyncer(),
	new Schedulala(),
	new SocialSyncerTrigger(),
	new SchedulalaTrigger(),
];
const credentials: ICredentialType[] = [new SocialSyncerApi(), new SchedulalaApi()];

describe("the editor's fields match the committed listing", () => {
	it.each(nodes.map((node) => [node.description.name, node] as const))('node %s', (name, node) => {
		const text = nodeText(node.description);
		expect(text).toBe(committedText(`test/unit/editorFields/${name}.txt`, text));
	});

	it.each(credentials.map((credential) => [credential.name, credential] as const))(
		'credential %s',
		(name, credential) => {
			const text = credentialText(credential);
			expect(text).toBe(committedText(`test/unit/editorFields/${name}.txt`, text));
		},
	);
});
