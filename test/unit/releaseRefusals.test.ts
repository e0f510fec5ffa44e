import { readRepoFile } from '../support/gitFiles';
import { bumpVersion, git, makeRepo, prepareRelease, removeRepo } from '../support/releaseRepo';
import { writeRepoFile } from '../support/repoFile';

// Ways npm run release:prepare (scripts/release.mjs) tags a commit that the release workflow
// then cannot publish, or should not.
describe('npm run release:prepare, what it should refuse', () => {
	let dir: string;

	beforeEach(() => {
		dir = makeRepo();
	});

	afterEach(() => {
		removeRepo(dir);
	});

	it('refuses a branch other than main', () => {
		// CONTRIBUTING says "on an up-to-date main"; an unreviewed branch would be published.
		git(dir, 'switch', '--quiet', '--create', 'feature');
		bumpVersion(dir, '9.8.7');
		const { code } = prepareRelease(dir, '9.8.7');
		expect(code).toBe(1);
		expect(git(dir, 'tag', '--list')).toBe('');
	});

	it('puts no ignored file of the work tree into the release commit', () => {
		// A file git ignores (here through info/exclude, as a global excludes file does for
		// .DS_Store) passes the clean-tree check, is copied by the generator and committed with
		// add --force; the workflow's rebuild lacks it, so "packages/ as built is packages/ as
		// committed" fails after the tag is pushed.
		bumpVersion(dir, '9.8.7');
		writeRepoFile(dir, '.git/info/exclude', '.DS_Store\n');
		writeRepoFile(dir, 'nodes/shared/types/.DS_Store', 'finder');
		// Refusing (nothing tagged) or leaving the file out are both fine.
		const { code } = prepareRelease(dir, '9.8.7');
		const tagged = git(dir, 'tag', '--list') === 'v9.8.7';
		const shipped = tagged
			? git(dir, 'ls-tree', '-r', '--name-only', 'v9.8.7', '--', 'packages')
					.split('\n')
					.filter((file) => file.endsWith('.DS_Store'))
			: [];
		expect({ tagged, shipped }).toEqual({ tagged: code === 0, shipped: [] });
	});

	it('tags only a version the release workflow can publish', () => {
		// The script takes 9.8.7-beta.1; npm 11 refuses to publish a prerelease without --tag.
		bumpVersion(dir, '9.8.7-beta.1');
		const { code } = prepareRelease(dir, '9.8.7-beta.1');
		const publishes = readRepoFile('.github/workflows/release.yml')
			.split('\n')
			.filter((line) => /npm publish --provenance/.test(line));
		expect(publishes.length).toBeGreaterThan(0);
		const publishable = publishes.every((line) => line.includes('--tag'));
		expect({ tagged: code === 0, publishable }).not.toEqual({ tagged: true, publishable: false });
	});
});
