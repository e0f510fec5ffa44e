import { bumpVersion, git, makeRepo, prepareRelease, removeRepo } from '../support/releaseRepo';

const PACKAGES = ['n8n-nodes-socialsyncerapi', 'n8n-nodes-schedulala'];

describe('npm run release:prepare (scripts/release.mjs)', () => {
	let dir: string;

	beforeEach(() => {
		dir = makeRepo();
	});

	afterEach(() => {
		removeRepo(dir);
	});

	it('tags a commit on top of main that adds packages/, and leaves main as it was', () => {
		bumpVersion(dir, '9.8.7');
		const main = git(dir, 'rev-parse', 'main');

		const { code, output } = prepareRelease(dir, '9.8.7');
		expect({ code, output }).toMatchObject({ code: 0 });

		// main: same commit, still checked out, nothing changed or staged, no packages/.
		expect(git(dir, 'rev-parse', 'main')).toBe(main);
		expect(git(dir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
		expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');
		expect(git(dir, 'ls-tree', '-r', '--name-only', 'main', '--', 'packages')).toBe('');

		// The tag: annotated, on a child of main that differs from it only under packages/.
		expect(git(dir, 'cat-file', '-t', 'v9.8.7')).toBe('tag');
		const released = git(dir, 'rev-parse', 'v9.8.7^{commit}');
		expect(git(dir, 'rev-parse', `${released}^`)).toBe(main);
		const changed = git(dir, 'diff', '--name-only', main, released).split('\n');
		expect(changed.filter((file) => !file.startsWith('packages/'))).toEqual([]);

		for (const name of PACKAGES) {
			const manifest = JSON.parse(git(dir, 'show', `${released}:packages/${name}/package.json`));
			expect(manifest).toMatchObject({ name, version: '9.8.7' });
			// What the scanner lints at this commit: the node, credential and shared sources.
			const files = changed.filter((file) => file.startsWith(`packages/${name}/`));
			expect(files).toEqual(
				expect.arrayContaining([
					`packages/${name}/README.md`,
					`packages/${name}/LICENSE.md`,
					expect.stringMatching(
						new RegExp(`^packages/${name}/credentials/\\w+\\.credentials\\.ts$`),
					),
					expect.stringMatching(new RegExp(`^packages/${name}/nodes/shared/.+\\.ts$`)),
				]),
			);
			expect(files.filter((file) => file.includes('/dist/'))).toEqual([]);
		}
	});

	it('refuses a version that package.json does not carry, and tags nothing', () => {
		bumpVersion(dir, '9.8.7');
		const { code, output } = prepareRelease(dir, '9.8.8');
		expect(code).toBe(1);
		expect(output).toContain('package.json says 9.8.7');
		expect(git(dir, 'tag', '--list')).toBe('');
	});

	it('refuses a version without a CHANGELOG section, and tags nothing', () => {
		bumpVersion(dir, '9.8.7', { changelog: false });
		const { code, output } = prepareRelease(dir, '9.8.7');
		expect(code).toBe(1);
		expect(output).toContain('CHANGELOG.md has no section "## 9.8.7"');
		expect(git(dir, 'tag', '--list')).toBe('');
	});

	it('refuses uncommitted changes and a tag that exists already', () => {
		bumpVersion(dir, '9.8.7');
		git(dir, 'tag', 'v9.8.7');
		const again = prepareRelease(dir, '9.8.7');
		expect(again).toMatchObject({ code: 1 });
		expect(again.output).toContain('the tag v9.8.7 exists already');

		git(dir, 'tag', '--delete', 'v9.8.7');
		git(dir, 'rm', '--quiet', 'LICENSE.md');
		const dirty = prepareRelease(dir, '9.8.7');
		expect(dirty).toMatchObject({ code: 1 });
		expect(dirty.output).toContain('commit or stash your changes first');
		expect(git(dir, 'tag', '--list')).toBe('');
	});
});
