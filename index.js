// The package's main (gulpfile.js copies it to dist/index.js): the node and credential classes.
// n8n itself loads the files listed under "n8n" in package.json, not this one.
module.exports = {
	SocialSyncer: require('./dist/nodes/SocialSyncer/SocialSyncer.node.js').SocialSyncer,
	Schedulala: require('./dist/nodes/Schedulala/Schedulala.node.js').Schedulala,
	SocialSyncerTrigger: require('./dist/nodes/SocialSyncer/SocialSyncerTrigger.node.js')
		.SocialSyncerTrigger,
	SchedulalaTrigger: require('./dist/nodes/Schedulala/SchedulalaTrigger.node.js').SchedulalaTrigger,
	SocialSyncerApi: require('./dist/credentials/SocialSyncerApi.credentials.js').SocialSyncerApi,
	SchedulalaApi: require('./dist/credentials/SchedulalaApi.credentials.js').SchedulalaApi,
};
