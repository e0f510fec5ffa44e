// The per-service packages in real n8n (2.41.1 and 1.123.81): n8n-nodes-socialsyncerapi and
// n8n-nodes-schedulala, packed as npm would publish them and installed side by side (without
// the combined package), load their nodes, triggers and credentials under the same names; an
// example workflow moves over with the one-line type rewrite their READMEs give, and runs.
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { packPackage, readExample } from '../support/n8n/n8n.mjs';
import { RUNTIMES } from '../support/n8n/runtime.mjs';
import { majors, require, simulators, jsonOf, n8nWithSimulators } from '../support/n8n/common.mjs';
import { builtPackageDirs } from '../../scripts/packages.mjs';

const PACKAGES = ['n8n-nodes-socialsyncerapi', 'n8n-nodes-schedulala'];
// Generated into the ignored packages/ by `npm run build`.
const dirs = builtPackageDirs();
assert.deepEqual(dirs.map((dir) => basename(dir)), PACKAGES);
const packed = dirs.map((dir) => packPackage(dir));

/** The README's move: `sed 's/"n8n-nodes-social-posting\./"<package>./g'` on the exported file. */
function moved(example, packageName) {
	return JSON.parse(
		JSON.stringify(readExample(example)).replaceAll(
			'"n8n-nodes-social-posting.',
			`"${packageName}.`,
		),
	);
}

for (const major of majors) {
	describe(`per-service packages in real n8n ${RUNTIMES[major].n8n}`, { concurrency: 1 }, () => {
		const sims = simulators();
		let n8n;

		before(async () => {
			({ n8n } = await n8nWithSimulators({ major, packageDir: packed, sims }));
			await n8n.importWorkflow(
				moved('post-now-and-retry-failed.json', 'n8n-nodes-socialsyncerapi'),
			);
			await n8n.importWorkflow(moved('error-output-branch.json', 'n8n-nodes-schedulala'));
		});

		after(async () => {
			n8n?.cleanup();
			await Promise.all(Object.values(sims).map((sim) => sim.stop()));
		});

		it('the packed packages hold only their own service', () => {
			for (const [index, name] of PACKAGES.entries()) {
				const manifest = require(join(packed[index], 'package.json'));
				assert.equal(manifest.name, name);
				assert.equal(manifest.dependencies, undefined);
				const service = name === 'n8n-nodes-schedulala' ? 'Schedulala' : 'SocialSyncer';
				assert.deepEqual(manifest.n8n.nodes, [
					`dist/nodes/${service}/${service}.node.js`,
					`dist/nodes/${service}/${service}Trigger.node.js`,
				]);
				assert.equal(manifest.n8n.credentials.length, 1);
			}
		});

		it('n8n-nodes-socialsyncerapi: the moved example posts and retries', async () => {
			sims.socialSyncer.failPlatform('tiktok', 'Video processing failed: unsupported codec');
			const { code, run, stdout, stderr } = await n8n.execute('PostRetryFailed1');
			assert.equal(code, 0, `${stdout}\n${stderr}`.slice(-3000));
			const [created] = jsonOf(run, 'Create post');
			assert.equal(created.status, 'partial');
			assert.equal(jsonOf(run, 'Retry failed platforms')[0].status, 'published');
		});

		it('n8n-nodes-schedulala: the moved example sends the refused post to its error branch', async () => {
			const { code, run, stdout, stderr } = await n8n.execute('ErrorOutputDemo1');
			assert.equal(code, 0, `${stdout}\n${stderr}`.slice(-3000));
			assert.equal(jsonOf(run, 'Posted').length, 2);
			assert.equal(jsonOf(run, 'Failed: notify the team')[0].code, 'validation_error');
			assert.equal(sims.schedulala.posts.size, 2);
		});
	});
}
