// The registry these machines use lacks the prebuilt @unrs/resolver-binding-*
// packages for other platforms, so `npm install` leaves them out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This
// adds the missing optional entries (with their os/cpu, so npm skips them on
// this platform). Run it after `npm install` changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [path, entry] of Object.entries(packages)) {
	for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
		const base = path === '' ? 'node_modules' : `${path}/node_modules`;
		if (packages[`${base}/${name}`] || packages[`node_modules/${name}`]) continue;
		const match = /resolver-binding-([a-z0-9]+)-([a-z0-9]+)/.exec(name);
		if (!match) continue;
		const platform = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', openharmony: 'openharmony', win32: 'win32', wasm32: undefined }[match[1]];
		const cpu = match[1] === 'wasm32' ? 'wasm32' : match[2];
		packages[`node_modules/${name}`] = {
			version: String(range).replace(/^[\^~]/, ''),
			cpu: [cpu],
			dev: true,
			license: 'MIT',
			optional: true,
			...(platform ? { os: [platform] } : { cpu: ['wasm32'] }),
		};
		added++;
	}
}

writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} missing optional platform entries`);
