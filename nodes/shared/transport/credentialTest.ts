import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
} from 'n8n-workflow';

/** Plain http:// to anything but this machine (the node refuses it too: transport/baseUrl.ts). */
const CLEARTEXT_REMOTE = String.raw`/^http:\/\/(?!(localhost|[^/?#]*\.localhost|127\.\d+\.\d+\.\d+|\[::1\])([:/?#]|$))/i`;

/**
 * The credential test's request: GET `path` at the Base URL, never anywhere else.
 * n8n follows redirects and by default sends the credential along to another host;
 * here a redirect is not followed but fails the test, saying what to fix. A plain
 * http:// Base URL to another machine is not tried at all: the key is not sent in
 * clear text (the expression fails the test with that sentence).
 */
export function credentialTest(
	service: string,
	path: string,
	qs: Record<string, number> | undefined,
	bodyRules: IAuthenticateRuleResponseSuccessBody[],
): ICredentialTestRequest {
	const refusal = `The Base URL is plain http:// to another machine: the ${service} API key would be sent in clear text. Use https:// (http:// is allowed only for localhost).`;
	const redirected: IAuthenticateRuleResponseCode[] = [301, 302, 303, 307, 308].map((value) => ({
		type: 'responseCode',
		properties: {
			value,
			message: `The Base URL redirected the test to another address (HTTP ${value}). The test does not follow redirects, so that the API key goes nowhere but the Base URL: set the Base URL to the API's own address.`,
		},
	}));
	return {
		request: {
			baseURL: `={{ ${CLEARTEXT_REMOTE}.test(String($credentials.baseUrl).trim()) ? (() => { throw new Error(${JSON.stringify(refusal)}); })() : String($credentials.baseUrl).trim().replace(/\\/+$/, "") }}`,
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
