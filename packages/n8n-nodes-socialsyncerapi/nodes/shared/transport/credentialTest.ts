import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Plain http: to anything but this machine (the node refuses it too: transport/baseUrl.ts).
 * Any run of slashes and backslashes after "http:" counts: URL parsers read "http:host",
 * "http:/host" and "http:\\host" as http://host. The run is taken whole, so that
 * "http://localhost" cannot match as "/" + "/localhost".
 */
const CLEARTEXT_REMOTE = String.raw`^\s*[hH][tT][tT][pP]:[\\/]*(?![\\/])(?!(localhost|[^/?#\\]*\.localhost|127\.\d+\.\d+\.\d+|\[::1\])([:/?#\\]|$))`;

/** Not a URL (an unclosed IPv6 host): the request fails before it leaves n8n. */
const UNSENDABLE = 'http://[plain-http-to-another-machine-refused]';

/** Shown under Base URL while it is plain http:// to another machine (same rule as above). */
export function cleartextNotice(service: string): INodeProperties {
	return {
		displayName: `Plain http:// sends the API key unencrypted. The ${service} nodes refuse it for any host but this machine (localhost, 127.0.0.1), and the credential test fails as an invalid URL without sending anything. Use https://.`,
		name: 'cleartextNotice',
		type: 'notice',
		default: '',
		displayOptions: {
			show: {
				baseUrl: [
					{
						_cnd: {
							regex: CLEARTEXT_REMOTE,
						},
					},
				],
			},
		},
	};
}

/**
 * The credential test's request: GET `path` at the Base URL, never anywhere else.
 * n8n follows redirects and by default sends the credential along to another host;
 * here a redirect is not followed but fails the test, saying what to fix. A plain
 * http:// Base URL to another machine is not tried at all, so the key is not sent in
 * clear text: it is swapped for an address no client can parse (the test fails as an
 * invalid URL, before any connection), and the form's notice says why.
 */
export function credentialTest(
	service: string,
	path: string,
	qs: Record<string, number> | undefined,
	bodyRules: IAuthenticateRuleResponseSuccessBody[],
): ICredentialTestRequest {
	const redirected: IAuthenticateRuleResponseCode[] = [301, 302, 303, 307, 308].map((value) => ({
		type: 'responseCode',
		properties: {
			value,
			message: `The Base URL redirected the test to another address (HTTP ${value}). The test does not follow redirects, so that the API key goes nowhere but the Base URL: set the Base URL to the API's own address.`,
		},
	}));
	return {
		request: {
			baseURL: `={{ /${CLEARTEXT_REMOTE}/.test(String($credentials.baseUrl).trim()) ? ${JSON.stringify(UNSENDABLE)} : String($credentials.baseUrl).trim().replace(/\\/+$/, "") }}`,
			url: path,
			method: 'GET',
			...(qs ? { qs } : {}),
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		// n8n applies every rule whatever its type; the type allows only one kind a list.
		rules: [...redirected, ...bodyRules] as unknown as ICredentialTestRequest['rules'],
	};
}
