import { readRepoFile, trackedFiles } from '../support/gitFiles';

// Links into headings: the nodes' and credentials' documentation links, the per-service
// READMEs (scripts/packages.mjs) and the Markdown pages' own links must each land on a heading.
const REPOSITORY = 'https://github.com/n8n-nodes-social-posting/n8n-nodes-social-posting';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to "-", repeats numbered. */
function anchors(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const result = new Set<string>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const text = heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
		const slug = text
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		result.add(count ? `${slug}-${count}` : slug);
	}
	return result;
}

/** `relative` resolved against the folder of `page` (both relative to the repository root). */
function resolve(page: string, relative: string): string {
	const parts = page.split('/').slice(0, -1);
	for (const part of relative.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

const files = trackedFiles();
const pages = files.filter((file) => file.endsWith('.md') && !file.startsWith('packages/'));

describe('links into headings', () => {
	it('every README heading the nodes, credentials and per-service READMEs link to exists', () => {
		const sources = [
			...files.filter((file) => /^nodes\/[^/]+\/[^/]+\.node\.json$/.test(file)),
			...files.filter((file) => /^credentials\/.+\.ts$/.test(file)),
		];
		const linked = sources.flatMap((file) =>
			[...readRepoFile(file).matchAll(new RegExp(`${REPOSITORY}#([\\w-]+)`, 'g'))].map(
				(match) => match[1],
			),
		);
		const generator = readRepoFile('scripts/packages.mjs');
		linked.push(
			...[...generator.matchAll(/[aA]nchor: '([\w-]+)'/g)].map((match) => match[1]),
			...[...generator.matchAll(/\$\{docs\}#([\w-]+)\)/g)].map((match) => match[1]),
		);
		expect(linked.length).toBeGreaterThan(10);
		const headings = anchors(readRepoFile('README.md'));
		expect([...new Set(linked)].filter((anchor) => !headings.has(anchor))).toEqual([]);
	});

	it.each(pages)('%s links only to pages and headings that exist', (page) => {
		const broken = [...readRepoFile(page).matchAll(/\]\(([^)\s]+)\)/g)]
			.map((match) => match[1])
			.filter((link) => !/^[a-z]+:/.test(link))
			.filter((link) => {
				const [path, anchor] = link.split('#');
				const target = path ? resolve(page, path) : page;
				if (!files.some((file) => file === target || file.startsWith(`${target}/`))) return true;
				return (
					Boolean(anchor) && target.endsWith('.md') && !anchors(readRepoFile(target)).has(anchor)
				);
			});
		expect(broken).toEqual([]);
	});
});
