import { lintAs } from '../support/lintLayers';

// The shared layer's import order is a lint rule (eslint.layers.config.mjs, run by npm run lint).
describe('the layering lint rule', () => {
	it('fails an import that runs up a layer', async () => {
		const messages = await lintAs(
			'nodes/shared/errors/wrong.ts',
			"import { route } from '../run/router';\nexport const wrong = route;\n",
		);
		expect(messages).toEqual([
			expect.objectContaining({
				rule: 'import-x/no-restricted-paths',
				message: expect.stringContaining(
					'nodes/shared/errors may import only the folders below it',
				),
			}),
		]);
	}, 60_000);

	it('fails an import between two folders on the same step', async () => {
		const messages = await lintAs(
			'nodes/shared/output/wrong.ts',
			"import { invalidParameter } from '../errors/errors';\nexport const wrong = invalidParameter;\n",
		);
		expect(messages.map((message) => message.rule)).toEqual(['import-x/no-restricted-paths']);
	}, 60_000);

	it('fails a node that imports the other service', async () => {
		const messages = await lintAs(
			'nodes/SocialSyncer/wrong.ts',
			"import { schedulalaDialect } from '../Schedulala/dialect';\nexport const wrong = schedulalaDialect;\n",
		);
		expect(messages.map((message) => message.rule)).toEqual(['import-x/no-restricted-paths']);
	}, 60_000);

	it('fails a circle of files', async () => {
		// toolInput.ts imports postInput.ts; postInput.ts importing it back closes a circle.
		const messages = await lintAs(
			'nodes/shared/input/postInput.ts',
			"import { runsAsTool } from './toolInput';\nexport const wrong = runsAsTool;\n",
		);
		expect(messages.map((message) => message.rule)).toContain('import-x/no-cycle');
	}, 60_000);

	it('passes an import down the layers', async () => {
		const messages = await lintAs(
			'nodes/shared/run/fine.ts',
			"import { invalidParameter } from '../errors/errors';\nexport const fine = invalidParameter;\n",
		);
		expect(messages).toEqual([]);
	}, 60_000);
});
