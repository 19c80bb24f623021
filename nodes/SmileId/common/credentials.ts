import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { HostKind } from './endpoints';

export type SmileIdEnvironment = 'sandbox' | 'production';

/** Each environment's servers, per kind of endpoint (endpoints.ts), and its name in a request body. */
export const SMILE_ID_ENVIRONMENTS: Record<
	SmileIdEnvironment,
	{ hosts: Record<HostKind, string>; bodyValue: 'test' | 'production' }
> = {
	sandbox: {
		hosts: {
			partnerApi: 'https://portal.smileidentity.com',
			jobApi: 'https://testapi.smileidentity.com',
		},
		bodyValue: 'test',
	},
	production: {
		hosts: {
			partnerApi: 'https://prod.smileidentity.com',
			jobApi: 'https://api.smileidentity.com',
		},
		bodyValue: 'production',
	},
};

/** What to check when Smile ID refuses the credential, in every message that says so. */
export const CHECK_CREDENTIALS =
	'Check the Partner ID (exactly as the Smile ID portal shows it, leading zeros included), the API key, and that the key belongs to the chosen environment: a Sandbox key only works with Sandbox, a Production key only with Production.';

export interface SmileIdCredentials {
	partnerId: string;
	apiKey: string;
	email: string;
	environment: SmileIdEnvironment;
	baseUrl: string;
}

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** This machine: 127.0.0.0/8, ::1 or localhost (as the URL parser writes them), where a local sandbox runs. */
function isLoopback(hostname: string): boolean {
	return /^127\.\d+\.\d+\.\d+$/.test(hostname) || ['[::1]', 'localhost'].includes(hostname);
}

/** What is wrong with a Base URL, if anything; checked before anything is sent to it. */
function baseUrlProblem(baseUrl: string): string | undefined {
	const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
	if (!url || !/^https?:$/.test(url.protocol))
		return 'the Base URL must start with http:// or https://, for example https://portal.smileidentity.com';
	// Every request carries a signature valid for minutes: only this machine may see it in clear.
	if (url.protocol === 'http:' && !isLoopback(url.hostname))
		return `the Base URL must start with https:// (http:// only for this machine: localhost, 127.0.0.1 or [::1]), not ${url.origin}`;
	// The request path is appended to it: a query or fragment would swallow the path.
	if (/[?#]/.test(baseUrl))
		return 'the Base URL must not have a query string (?…) or a fragment (#…): give only the address, for example https://portal.smileidentity.com';
	return undefined;
}

/**
 * Reads the credential as typed, and says in plain words what is missing or malformed.
 * The partner ID is kept exactly as typed (leading zeros change the signature), only
 * surrounding spaces are dropped.
 */
export function readCredentials(data: ICredentialDataDecryptedObject): {
	credentials: SmileIdCredentials;
	problems: string[];
} {
	const credentials: SmileIdCredentials = {
		partnerId: text(data.partnerId).trim(),
		apiKey: text(data.apiKey).trim(),
		email: text(data.email).trim(),
		environment: data.environment === 'production' ? 'production' : 'sandbox',
		baseUrl: text(data.baseUrl).trim().replace(/\/+$/, ''),
	};
	const problems: string[] = [];
	if (!credentials.partnerId) problems.push('the Partner ID is empty');
	if (!credentials.apiKey) problems.push('the API Key is empty');
	if (!credentials.email) problems.push('the Email is empty');
	else if (!/^[^\s@]+@[^\s@]+$/.test(credentials.email))
		problems.push('the Email is not an e-mail address');
	if (
		data.environment !== undefined &&
		!Object.keys(SMILE_ID_ENVIRONMENTS).includes(String(data.environment))
	) {
		problems.push('the Environment must be Sandbox or Production');
	}
	const baseUrl = credentials.baseUrl ? baseUrlProblem(credentials.baseUrl) : undefined;
	if (baseUrl) problems.push(baseUrl);
	return { credentials, problems };
}

/** The message for a credential that misses or mangles a field, as readCredentials names them. */
export function incompleteCredentialMessage(problems: string[]): string {
	return `The Smile ID credential is incomplete: ${problems.join('; ')}`;
}

/** The server of one kind of endpoint: the Base URL when set (it serves both), else the environment's own. */
export function hostOf(credentials: SmileIdCredentials, kind: HostKind): string {
	return credentials.baseUrl || SMILE_ID_ENVIRONMENTS[credentials.environment].hosts[kind];
}
