// The import order of the source tree, checked by `npm run lint` after n8n's own lint
// (whose eslint.config.mjs must stay n8n's default for strict mode).
import { config } from '@n8n/node-cli/eslint';

/**
 * The shared layer's folders, from the ground up: a folder imports only folders on a lower
 * step, never one on its own step or above, so the layer reads bottom-up without circles.
 * CONTRIBUTING.md ("Layout") says what each folder holds.
 */
export const SHARED_LAYERS = [
	['types'],
	['errors', 'descriptions', 'output', 'reruns'],
	['input'],
	['transport'],
	['media'],
	['trigger', 'methods'],
	['operations'],
	['run'],
];

const NODE_FOLDERS = ['SocialSyncer', 'Schedulala'];

const sharedZones = SHARED_LAYERS.flatMap((step, rank) =>
	step.map((folder) => ({
		target: `./nodes/shared/${folder}`,
		from: [
			...SHARED_LAYERS.slice(rank)
				.flat()
				.filter((other) => other !== folder)
				.map((other) => `./nodes/shared/${other}`),
			...NODE_FOLDERS.map((node) => `./nodes/${node}`),
		],
		message: `nodes/shared/${folder} may import only the folders below it (SHARED_LAYERS in eslint.layers.config.mjs).`,
	})),
);

// One service never reaches into the other: what they share lives in nodes/shared.
const credentialZones = [
	{
		target: './credentials',
		from: NODE_FOLDERS.map((node) => `./nodes/${node}`),
		message: 'A credential imports only the shared layer.',
	},
	{
		target: './nodes/shared',
		from: './credentials',
		message: 'The shared layer imports no credential.',
	},
	{
		target: './nodes/SocialSyncer',
		from: './credentials/SchedulalaApi.credentials.ts',
		message: 'A node imports the shared layer, never the other service.',
	},
	{
		target: './nodes/Schedulala',
		from: './credentials/SocialSyncerApi.credentials.ts',
		message: 'A node imports the shared layer, never the other service.',
	},
];
const nodeZones = NODE_FOLDERS.map((node) => ({
	target: `./nodes/${node}`,
	from: NODE_FOLDERS.filter((other) => other !== node).map((other) => `./nodes/${other}`),
	message: 'A node imports the shared layer, never the other service.',
}));

// The parser, the import plugin and its resolver as n8n's config sets them up.
const parser = config.find((entry) => entry.languageOptions?.parser)?.languageOptions.parser;
const importPlugin = config.find((entry) => entry.plugins?.['import-x'])?.plugins['import-x'];
const resolver = config.find((entry) => entry.settings?.['import-x/resolver-next'])?.settings;

export default [
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser },
		plugins: { 'import-x': importPlugin },
		settings: {
			...resolver,
			// no-cycle reads the imported files: it needs to know they are TypeScript.
			'import-x/extensions': ['.ts', '.js'],
			'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
		},
		linterOptions: { noInlineConfig: true },
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: 'TSImportType',
					message: 'Import types with import type, so the layering rule sees them.',
				},
			],
			'import-x/no-restricted-paths': [
				'error',
				{
					zones: [
						...sharedZones,
						...nodeZones,
						...credentialZones,
						// A file outside the listed folders has no place in the order: it may import nothing here.
						{
							target: `./nodes/shared/!(${SHARED_LAYERS.flat().join('|')})/**/*`,
							from: './nodes',
							message: 'Put the file in a folder of SHARED_LAYERS.',
						},
						{
							target: './nodes/shared/*.ts',
							from: './nodes',
							message: 'Put the file in a folder of SHARED_LAYERS.',
						},
					],
				},
			],
			'import-x/no-cycle': 'error',
		},
	},
];
