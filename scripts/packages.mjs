// The per-service packages, generated: n8n's verification takes one service per package,
// so besides the combined n8n-nodes-social-posting the one source tree also makes
// n8n-nodes-socialsyncerapi and n8n-nodes-schedulala, each a folder packages/<name>/
// (package.json, README, LICENSE, the TypeScript sources of its node, trigger, credential
// and the shared layer, its icons, and after the build its dist/). packages/ is ignored by
// git: `npm run build` makes it (gulpfile.js), and only a release commit holds it
// (scripts/release.mjs), because n8n's scanner reads the package's source at the commit
// its npm provenance names.
import {
	cpSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGES_DIR = join(root, 'packages');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

export const SERVICES = [
	{
		name: 'n8n-nodes-socialsyncerapi',
		service: 'SocialSyncerAPI',
		folder: 'SocialSyncer',
		credential: 'SocialSyncerApi',
		nodes: ['SocialSyncer', 'SocialSyncerTrigger'],
		keywords: ['socialsyncerapi', 'instagram', 'tiktok', 'threads'],
		description:
			'n8n community node for SocialSyncerAPI: create, schedule, get and retry social media posts, and a trigger for post and account events',
		anchor: 'socialsyncerapi-node',
		triggerAnchor: 'socialsyncerapi-trigger',
		credentialAnchor: 'socialsyncerapi-credential',
	},
	{
		name: 'n8n-nodes-schedulala',
		service: 'Schedulala',
		folder: 'Schedulala',
		credential: 'SchedulalaApi',
		nodes: ['Schedulala', 'SchedulalaTrigger'],
		keywords: ['schedulala', 'bluesky', 'linkedin', 'mastodon'],
		description:
			'n8n community node for Schedulala: create, schedule, get and retry social media posts, and a trigger for post and account events',
		anchor: 'schedulala-node',
		triggerAnchor: 'schedulala-trigger',
		credentialAnchor: 'schedulala-credential',
	},
];

const docs = rootPackage.homepage.replace(/#readme$/, '');

function packageJson(spec) {
	const { scripts, devDependencies, n8n, ...rest } = rootPackage;
	return {
		...rest,
		name: spec.name,
		description: spec.description,
		keywords: ['n8n-community-node-package', 'n8n', 'social media', ...spec.keywords],
		homepage: `${docs}#${spec.anchor}`,
		main: `dist/nodes/${spec.folder}/${spec.nodes[0]}.node.js`,
		files: ['dist'],
		n8n: {
			n8nNodesApiVersion: n8n.n8nNodesApiVersion,
			strict: n8n.strict,
			credentials: [`dist/credentials/${spec.credential}.credentials.js`],
			nodes: spec.nodes.map((node) => `dist/nodes/${spec.folder}/${node}.node.js`),
		},
		// The peer the package runs against; nothing is installed with it.
		peerDependencies: rootPackage.peerDependencies,
	};
}

function readme(spec) {
	const other = SERVICES.find((candidate) => candidate !== spec);
	return `# ${spec.name}

The ${spec.service} node, the ${spec.service} Trigger and the ${spec.service} credential for n8n, as a
package of their own (n8n's verification takes one service per package). They are the same
nodes as in [n8n-nodes-social-posting](${docs}), which holds both ${spec.service} and
${other.service}, built from the same source.

## Install

In n8n: **Settings → Community Nodes → Install**, enter \`${spec.name}\`. Self-hosted without the
UI: \`npm install ${spec.name}\` in \`~/.n8n/nodes\`, then restart n8n. No runtime dependencies;
tested on n8n 1.123 and 2.41.

**Install one or the other, never both:** either this package (with \`${other.name}\` if you use
${other.service} too) or the combined \`n8n-nodes-social-posting\`. Both define the credential
\`${spec.credential.charAt(0).toLowerCase()}${spec.credential.slice(1)}\`, and with both installed one silently replaces the other.

## Moving a workflow from the combined package

Node and credential names are the same, so credentials carry over. n8n prefixes node types with the
package name, so an exported workflow needs its types rewritten once:

\`\`\`sh
sed -i 's/"n8n-nodes-social-posting\\./"${spec.name}./g' workflow.json
\`\`\`

Then import it (**Workflows → Import from File**) and pick the credential again if n8n asks.

## Documentation

- [Credential](${docs}#${spec.credentialAnchor})
- [Node and operations](${docs}#${spec.anchor})
- [Trigger](${docs}#${spec.triggerAnchor})
- [Errors, retries, rate limits and the never-a-double-post rules](${docs}#errors)
- [In an AI Agent](${docs}#in-an-ai-agent-the-nodes-as-tools)

## License

MIT
`;
}

/** The source files a package holds, relative to the repository. */
function sourceFiles(spec) {
	const walk = (dir) =>
		readdirSync(join(root, dir)).flatMap((name) => {
			const path = join(dir, name);
			return statSync(join(root, path)).isDirectory() ? walk(path) : [path];
		});
	return [
		...walk(`nodes/${spec.folder}`),
		...walk('nodes/shared'),
		`credentials/${spec.credential}.credentials.ts`,
	].sort();
}

/** Writes one package folder (sources, package.json, README, LICENSE) into `target`. */
function writePackage(spec, target) {
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	for (const file of sourceFiles(spec)) {
		mkdirSync(dirname(join(target, file)), { recursive: true });
		// A node's codex names its type, which carries the package name.
		if (file.endsWith('.node.json'))
			writeFileSync(
				join(target, file),
				readFileSync(join(root, file), 'utf8').replaceAll(
					`"${rootPackage.name}.`,
					`"${spec.name}.`,
				),
			);
		else cpSync(join(root, file), join(target, file));
	}
	writeFileSync(join(target, 'package.json'), `${JSON.stringify(packageJson(spec), null, 2)}\n`);
	writeFileSync(join(target, 'README.md'), readme(spec));
	cpSync(join(root, 'LICENSE.md'), join(target, 'LICENSE.md'));
}

/** Removes packages/: before `n8n-node build`, which copies every icon outside dist/ into dist/. */
export function removePackages() {
	rmSync(PACKAGES_DIR, { recursive: true, force: true });
}

/** Writes every package folder, without dist/, under `target` (scripts/release.mjs: a scratch folder). */
export function writePackages(target = PACKAGES_DIR) {
	rmSync(target, { recursive: true, force: true });
	for (const spec of SERVICES) writePackage(spec, join(target, spec.name));
}

/** After the root build: each package's part of dist/ into packages/<name>/dist. */
export function buildPackages() {
	for (const spec of SERVICES) {
		const target = join(PACKAGES_DIR, spec.name, 'dist');
		rmSync(target, { recursive: true, force: true });
		for (const dir of [`nodes/${spec.folder}`, 'nodes/shared'])
			cpSync(join(root, 'dist', dir), join(target, dir), { recursive: true });
		mkdirSync(join(target, 'credentials'), { recursive: true });
		for (const file of readdirSync(join(root, 'dist', 'credentials')).filter((name) =>
			name.startsWith(`${spec.credential}.credentials.`),
		))
			cpSync(join(root, 'dist', 'credentials', file), join(target, 'credentials', file));
	}
}

/** The built package folders, for packing, scanning and publishing; fails clearly before a build. */
export function builtPackageDirs() {
	if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build first');
	return SERVICES.map((spec) => {
		const dir = join(PACKAGES_DIR, spec.name);
		if (!existsSync(join(dir, 'dist')))
			throw new Error(`${dir}/dist is missing: run npm run build first`);
		return dir;
	});
}

/** For a command-line script: the built package folders, or a one-line refusal (no stack). */
export function builtPackageDirsOrExit() {
	try {
		return builtPackageDirs();
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
