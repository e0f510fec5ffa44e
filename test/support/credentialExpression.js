'use strict';
// The Base URL a credential test would request, its `={{ … }}` expression evaluated with
// $credentials as n8n would (plain JavaScript; the expression uses no n8n helpers).
function credentialTestBaseUrl(expression, baseUrl) {
	const body = String(expression)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	return new Function('$credentials', `return (${body});`)({ baseUrl });
}

module.exports = { credentialTestBaseUrl };
