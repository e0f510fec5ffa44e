/**
 * Whether a URL points into a private network: loopback, private, link-local,
 * carrier-grade NAT, multicast or a name that only a local resolver knows.
 * Works on the host as the WHATWG URL parser normalised it, so that decimal,
 * hex and short IPv4 forms (2130706433, 0x7f.1) and IPv4-mapped IPv6 are caught.
 * Names are not resolved: community nodes may not import node:dns.
 */

const LOCAL_SUFFIXES = [
	'.localhost',
	'.local',
	'.internal',
	'.intranet',
	'.lan',
	'.home',
	'.corp',
	'.home.arpa',
];

function ipv4Parts(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const numbers = parts.map(Number);
	return numbers.every((part) => part <= 255) ? numbers : undefined;
}

function isInternalIpv4([a, b]: number[]): boolean {
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 192 && b === 0) ||
		(a === 198 && (b === 18 || b === 19)) ||
		a >= 224
	);
}

/** The 16-bit groups of a normalised IPv6 address (no brackets), or undefined. */
function ipv6Groups(host: string): number[] | undefined {
	if (!host.includes(':')) return undefined;
	const [head, tail = ''] = host.split('::');
	const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
	const start = parse(head);
	const end = host.includes('::') ? parse(tail) : [];
	const groups = [...start, ...new Array<number>(8 - start.length - end.length).fill(0), ...end];
	return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : undefined;
}

function isInternalIpv6(groups: number[]): boolean {
	const [first] = groups;
	if (groups.every((g) => g === 0)) return true; // ::
	if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return true; // ::1
	if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
	if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
	if ((first & 0xff00) === 0xff00) return true; // multicast
	// IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
	const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
	const nat64 = first === 0x64 && groups[1] === 0xff9b;
	if (mapped || nat64) {
		return isInternalIpv4([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]);
	}
	return false;
}

/** True for a URL whose host is not on the public internet (or that does not parse). */
export function isInternalUrl(url: string): boolean {
	let hostname: string;
	try {
		hostname = new URL(url).hostname.toLowerCase();
	} catch {
		return true;
	}
	const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
	const v4 = ipv4Parts(host);
	if (v4) return isInternalIpv4(v4);
	const v6 = ipv6Groups(host);
	if (v6) return isInternalIpv6(v6);
	if (host === 'localhost' || !host.includes('.')) return true;
	return LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
