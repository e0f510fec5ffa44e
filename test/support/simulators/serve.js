// Starts both simulators and keeps them running: for the demo and for trying
// the nodes by hand. Usage: node test/support/simulators/serve.js [socialSyncerPort] [schedulalaPort]
'use strict';
const { createSocialSyncerSimulator } = require('./socialsyncer');
const { createSchedulalaSimulator } = require('./schedulala');

async function main() {
	const [socialPort = '0', schedulalaPort = '0'] = process.argv.slice(2);
	const social = createSocialSyncerSimulator();
	const schedulala = createSchedulalaSimulator();
	const socialUrl = await social.start(Number(socialPort));
	const schedulalaUrl = await schedulala.start(Number(schedulalaPort));
	process.stdout.write(
		JSON.stringify({ socialSyncer: socialUrl, schedulala: schedulalaUrl }) + '\n',
	);
	const stop = async () => {
		await Promise.all([social.stop(), schedulala.stop()]);
		process.exit(0);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((error) => {
	process.stderr.write(String(error && error.stack) + '\n');
	process.exit(1);
});
