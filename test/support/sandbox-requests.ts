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
