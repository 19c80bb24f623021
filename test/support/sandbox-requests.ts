import http from 'http';
import type { AddressInfo } from 'net';

import { DEFAULT_PARTNERS, ENROLLEE_PATH, WALLET_PATH } from '../../sandbox';
import type { SandboxPartner } from '../../sandbox';
import { sdkSignature } from './fixtures';

export { ENROLLEE_PATH, WALLET_PATH };
export const PARTNER: SandboxPartner = DEFAULT_PARTNERS[0];
export const OTHER_PARTNER: SandboxPartner = DEFAULT_PARTNERS[1];

/** Signed fields made by the official SDK for the given partner and environment. */
export function signed(
	partner: SandboxPartner = PARTNER,
	environment: 'test' | 'production' = 'test',
	timestamp: string = new Date().toISOString(),
): { partner_id: string; environment: string; timestamp: string; signature: string } {
	const signature = sdkSignature(partner.partnerId, partner.keys[environment], timestamp);
	return { partner_id: partner.partnerId, environment, timestamp, signature };
}

export function enrolleeBody(
	userId: string,
	action: Record<string, unknown>,
	partner: SandboxPartner = PARTNER,
	environment: 'test' | 'production' = 'test',
): Record<string, unknown> {
	return { email: 'ops@example.com', user_id: userId, ...signed(partner, environment), ...action };
}

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	json: unknown;
}

/** POSTs a JSON value (or a raw string as is) and reads the whole answer. */
export async function post(
	baseUrl: string,
	path: string,
	body: unknown,
	init: RequestInit = {},
): Promise<Reply> {
	const res = await fetch(baseUrl + path, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		...init,
	});
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

export async function get(baseUrl: string, path: string): Promise<Reply> {
	const res = await fetch(baseUrl + path);
	const text = await res.text();
	return { status: res.status, headers: res.headers, text, json: JSON.parse(text) };
}

/** A stand-in for n8n's webhook: records each callback and answers 200. */
export function useReceiver() {
	const received: Array<Record<string, unknown>> = [];
	let server: http.Server;
	let url = '';
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				received.push(
					JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
				);
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
	});
	return { received, url: () => url };
}
