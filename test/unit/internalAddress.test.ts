import { isInternalUrl } from '../../nodes/shared/media/internalAddress';

describe('which media URLs an agent may not make n8n open', () => {
	it.each([
		'http://127.0.0.1/a.png',
		'http://127.1.2.3:8080/a.png',
		'http://2130706433/a.png',
		'http://0x7f.0.0.1/a.png',
		'http://0177.0.0.1/a.png',
		'http://0.0.0.0/a.png',
		'http://10.1.2.3/a.png',
		'http://172.16.0.1/a.png',
		'http://172.31.255.255/a.png',
		'http://192.168.1.10/a.png',
		'http://169.254.169.254/latest/meta-data/',
		'http://100.64.0.1/a.png',
		'http://[::1]/a.png',
		'http://[::]/a.png',
		'http://[fe80::1]/a.png',
		'http://[fd00::5]/a.png',
		'http://[::ffff:127.0.0.1]/a.png',
		'http://[::ffff:10.0.0.1]/a.png',
		'http://[64:ff9b::a9fe:a9fe]/a.png',
		'http://localhost:5678/a.png',
		'http://api.localhost/a.png',
		'http://intranet/a.png',
		'http://printer.local/a.png',
		'http://metadata.google.internal/a.png',
		'http://nas.home.arpa/a.png',
		'http://LOCALHOST./a.png',
		'not a url',
	])('%s is internal', (url) => {
		expect(isInternalUrl(url)).toBe(true);
	});

	it.each([
		'https://cdn.example.com/a.png',
		'https://93.184.216.34/a.png',
		'https://172.32.0.1/a.png',
		'https://[2606:4700::1111]/a.png',
		'https://[::ffff:93.184.216.34]/a.png',
		'https://images.unsplash.com/photo-1?w=800',
	])('%s is public', (url) => {
		expect(isInternalUrl(url)).toBe(false);
	});
});
