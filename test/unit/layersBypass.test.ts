import { lintAs } from '../support/lintLayers';

// Imports the layering rule (eslint.layers.config.mjs) should fail but lets through. Each case
// is one file linted on its own; the expected answer is an error.
const RESTRICTED = 'import-x/no-restricted-paths';

describe('the layering lint rule, imports that get past it', () => {
	it('fails an upward import from a folder SHARED_LAYERS does not name', async () => {
		// A new folder is under no zone: it can import run/, and any folder can import it.
		const messages = await lintAs(
			'nodes/shared/util/helper.ts',
			"import { route } from '../run/router';\nexport const wrong = route;\n",
		);
		expect(messages.map((message) => message.rule)).toContain(RESTRICTED);
	}, 60_000);

	it('fails an upward import from a file at the root of nodes/shared', async () => {
		// nodes/shared/index.ts re-exporting run/ would let types/ reach run/ through it.
		const messages = await lintAs('nodes/shared/index.ts', "export * from './run/router';\n");
		expect(messages.map((message) => message.rule)).toContain(RESTRICTED);
	}, 60_000);

	it('fails a wrong import that an eslint-disable comment hides', async () => {
		// n8n-node lint reports the unused directive as a warning only, so npm run lint passes.
		const messages = await lintAs(
			'nodes/shared/errors/wrong.ts',
			"// eslint-disable-next-line import-x/no-restricted-paths\nimport { route } from '../run/router';\nexport const wrong = route;\n",
		);
		expect(messages.map((message) => message.rule)).toContain(RESTRICTED);
	}, 60_000);

	it('fails an upward type import written as import() in a type', async () => {
		// `import type { … } from '../run/router'` fails the rule; the same dependency as a type
		// query passes it and n8n's lint.
		const messages = await lintAs(
			'nodes/shared/errors/wrong.ts',
			"export type Wrong = typeof import('../run/router').route;\n",
		);
		expect(messages).not.toEqual([]);
	}, 60_000);

	it("fails a credential that imports a service's node folder", async () => {
		// The per-service package n8n-nodes-schedulala has no nodes/SocialSyncer/.
		const messages = await lintAs(
			'credentials/SchedulalaApi.credentials.ts',
			"import { socialSyncerDialect } from '../nodes/SocialSyncer/dialect';\nexport const wrong = socialSyncerDialect;\n",
		);
		expect(messages.map((message) => message.rule)).toContain(RESTRICTED);
	}, 60_000);

	it("fails the shared layer or a node importing one service's credential", async () => {
		// n8n-nodes-socialsyncerapi holds only credentials/SocialSyncerApi.credentials.ts.
		const shared = await lintAs(
			'nodes/shared/types/wrong.ts',
			"import { SchedulalaApi } from '../../../credentials/SchedulalaApi.credentials';\nexport const wrong = SchedulalaApi;\n",
		);
		const node = await lintAs(
			'nodes/SocialSyncer/wrong.ts',
			"import { SchedulalaApi } from '../../credentials/SchedulalaApi.credentials';\nexport const wrong = SchedulalaApi;\n",
		);
		expect({
			shared: shared.map((message) => message.rule),
			node: node.map((message) => message.rule),
		}).toEqual({ shared: [RESTRICTED], node: [RESTRICTED] });
	}, 60_000);
});
