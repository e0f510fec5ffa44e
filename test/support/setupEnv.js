// Runs before every test file. n8n-core writes an encryption key into the user
// folder on first use: give it a throwaway one instead of ~/.n8n.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (
	!process.env.N8N_USER_FOLDER ||
	!process.env.N8N_USER_FOLDER.includes('n8n-social-posting-test')
) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-social-posting-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = 'silent';
