/**
 * CONTRIBUTING.md's layout block matches the tree: every path it lists is tracked by git
 * (a file, or a folder holding tracked files), and every folder of nodes/shared/ and of
 * test/ is listed, so the block fails here when docs and tree drift apart.
 */
import { readRepoFile, trackedFiles } from '../support/gitFiles';

/** The lines of the fenced block under "## Layout". */
function layoutLines(markdown: string): string[] {
	const section = markdown.split(/^## Layout$/m)[1] ?? '';
	const block = /^```\n([\s\S]*?)^```$/m.exec(section)?.[1] ?? '';
	return block.split('\n').filter((line) => line.trim() !== '');
}

/** The first path of each line of the layout block. */
function layoutPaths(markdown: string): string[] {
	return layoutLines(markdown).map((line) => line.split(/\s+/)[0]);
}

/** SHARED_LAYERS as the lint config writes it: an array of arrays of folder names. */
function sharedLayers(config: string): string[][] {
	const literal = /export const SHARED_LAYERS = (\[[\s\S]*?\]);/.exec(config)?.[1] ?? '[]';
	return JSON.parse(literal.replace(/'/g, '"').replace(/,(\s*\])/g, '$1')) as string[][];
}

/** The folders directly under `prefix` that hold tracked files, each ending with "/". */
function foldersUnder(files: string[], prefix: string): string[] {
	const folders = files
		.filter((file) => file.startsWith(prefix) && file.slice(prefix.length).includes('/'))
		.map((file) => prefix + file.slice(prefix.length).split('/')[0] + '/');
	return [...new Set(folders)].sort();
}

/** The pages under docs/. */
function docsPages(files: string[]): string[] {
	return files.filter((file) => file.startsWith('docs/') && file.endsWith('.md'));
}

/** Paths of the source tree a page names in backticks (placeholders and globs left out). */
function pathsNamedIn(markdown: string): string[] {
	const named = [
		...markdown.matchAll(/`((?:nodes|credentials|test|scripts|docs|bench|examples)\/[^`\s]*)`/g),
	]
		.map((match) => match[1].replace(/[:#].*$/, ''))
		.filter((path) => !/[<>*{}]/.test(path));
	return [...new Set(named)];
}

describe("CONTRIBUTING.md's layout", () => {
	const files = trackedFiles();
	const listed = layoutPaths(readRepoFile('CONTRIBUTING.md'));

	it('is a fenced block of paths, one a line, each listed once', () => {
		expect(listed.length).toBeGreaterThan(10);
		expect(listed.filter((path, index) => listed.indexOf(path) !== index)).toEqual([]);
	});

	it('lists only paths the tree has (a file, or a folder holding tracked files)', () => {
		const missing = listed.filter((path) =>
			path.endsWith('/') ? !files.some((file) => file.startsWith(path)) : !files.includes(path),
		);
		expect(missing).toEqual([]);
	});

	it.each(['nodes/shared/', 'test/'])('lists every folder of %s', (prefix) => {
		const unlisted = foldersUnder(files, prefix).filter((folder) => !listed.includes(folder));
		expect(unlisted).toEqual([]);
	});

	it('fails on a folder the tree does not have, and notices one the block leaves out', () => {
		// The checks above, on a made-up block and tree: the test can fail at all.
		const block = '## Layout\n\n```\nnodes/shared/gone/   moved away\n```\n';
		const paths = layoutPaths(block);
		expect(paths).toEqual(['nodes/shared/gone/']);
		expect(files.some((file) => file.startsWith(paths[0]))).toBe(false);
		expect(foldersUnder(['test/new/a.ts', 'test/b.ts'], 'test/')).toEqual(['test/new/']);
	});

	it.each(['README.md', 'CONTRIBUTING.md', 'bench/README.md', ...docsPages(files)])(
		'%s names only files and folders the tree has',
		(page) => {
			const missing = pathsNamedIn(readRepoFile(page)).filter(
				(path) =>
					!files.some((file) => file === path || file.startsWith(path.replace(/\/?$/, '/'))),
			);
			expect(missing).toEqual([]);
		},
	);

	it("gives each folder of nodes/shared the step it has in the lint rule's SHARED_LAYERS, ground first", () => {
		const layers = sharedLayers(readRepoFile('eslint.layers.config.mjs'));
		const stepOf = new Map(
			layers.flatMap((step, index) => step.map((folder) => [folder, index + 1])),
		);
		const block = layoutLines(readRepoFile('CONTRIBUTING.md'));
		const documented = block
			.map((line) => /^nodes\/shared\/([a-z]+)\/\s+\[(\d+)\]/.exec(line))
			.filter((match) => match !== null)
			.map((match) => ({ folder: match[1], step: Number(match[2]) }));
		expect(documented.map(({ folder }) => folder).sort()).toEqual([...stepOf.keys()].sort());
		expect(documented.filter(({ folder, step }) => stepOf.get(folder) !== step)).toEqual([]);
		const steps = documented.map(({ step }) => step);
		expect(steps).toEqual([...steps].sort((a, b) => a - b));
	});
});
