/**
 * Whether a Base URL would carry the API key in clear text over the network:
 * plain http:// to anything but this machine. Loopback stays allowed for local
 * proxies and test servers, where nothing crosses a network.
 */
export function isCleartextRemote(baseUrl: string): boolean {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return false;
	}
	if (url.protocol !== 'http:') return false;
	const host = url.hostname.toLowerCase();
	const loopback =
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		/^127(\.\d{1,3}){3}$/.test(host) ||
		host === '[::1]';
	return !loopback;
}
