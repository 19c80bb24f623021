/**
 * A stand-in for n8n's webhook, for the sandbox's callbacks: a loopback HTTP server for the whole
 * test file that records each body it gets (parsed, and as the bytes came) and answers 200.
 * Emptied before each test.
 */
import http from 'http';
import type { AddressInfo } from 'net';

export function useCallbackReceiver() {
	const received: Array<Record<string, unknown>> = [];
	const raw: Buffer[] = [];
	let server: http.Server;
	let url = '';
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				raw.push(Buffer.concat(chunks));
				received.push(JSON.parse(raw[raw.length - 1].toString('utf8')) as Record<string, unknown>);
				res
					.writeHead(200, { 'content-type': 'application/json' })
					.end('{"message":"Workflow was started"}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/smile-id-callback`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
	beforeEach(() => {
		received.length = 0;
		raw.length = 0;
	});
	return { received, raw, url: () => url };
}
