// Build steps `n8n-node build` (tsc, then icons) leaves out: dist/index.js and the per-service packages.
// `npm run build` runs `gulp clean`, `n8n-node build`, then `gulp`. The clean comes first because
// the CLI copies every .png/.svg it finds outside dist/ into dist/, a generated packages/ folder's too.
const { series } = require('gulp');
const fs = require('fs');
const path = require('path');

// The package's main: index.js at the root requires ./dist/…; its copy inside dist/ requires ./…
function distIndex(done) {
	const source = fs.readFileSync(path.join(__dirname, 'index.js'), 'utf8');
	fs.writeFileSync(path.join(__dirname, 'dist', 'index.js'), source.replace(/\.\/dist\//g, './'));
	done();
}

// n8n-nodes-socialsyncerapi and n8n-nodes-schedulala under packages/, each with its part of dist/.
async function servicePackages() {
	const { writePackages, buildPackages } = await import('./scripts/packages.mjs');
	writePackages();
	buildPackages();
}

async function clean() {
	const { removePackages } = await import('./scripts/packages.mjs');
	removePackages();
}

exports.clean = clean;
exports.default = series(distIndex, servicePackages);
