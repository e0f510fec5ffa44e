// Build steps that tsc does not do: icons next to the compiled nodes and
// credentials, and a dist/index.js so the shipped package can be required.
const { src, dest, series } = require('gulp');
const fs = require('fs');
const path = require('path');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

// index.js at the root points into dist/; the shipped copy lives inside dist/.
function buildIndex(done) {
	const source = fs.readFileSync(path.join(__dirname, 'index.js'), 'utf8');
	fs.writeFileSync(path.join(__dirname, 'dist', 'index.js'), source.replace(/\.\/dist\//g, './'));
	done();
}

exports['build:icons'] = series(buildIcons, buildIndex);
exports.default = exports['build:icons'];
