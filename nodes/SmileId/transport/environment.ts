import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export type SmileIdEnvironment = 'sandbox' | 'production';

/** `host` serves the partner API (enrollee, wallet); `jobApiHost` serves job results (job_status). */
export const SMILE_ID_ENVIRONMENTS: Record<
	SmileIdEnvironment,
	{ host: string; jobApiHost: string; bodyValue: 'test' | 'production' }
> = {
	sandbox: {
		host: 'https://portal.smileidentity.com',
		jobApiHost: 'https://testapi.smileidentity.com',
		bodyValue: 'test',
	},
	production: {
		host: 'https://prod.smileidentity.com',
		jobApiHost: 'https://api.smileidentity.com',
		bodyValue: 'production',
	},
};

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

function isHttpUrl(value: string): boolean {
	return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
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
	if (credentials.baseUrl && !isHttpUrl(credentials.baseUrl)) {
		problems.push(
			'the Base URL must start with http:// or https://, for example https://portal.smileidentity.com',
		);
	} else if (/[?#]/.test(credentials.baseUrl)) {
		// The request path is appended to it: a query or fragment would swallow the path.
		problems.push(
			'the Base URL must not have a query string (?…) or a fragment (#…): give only the address, for example https://portal.smileidentity.com',
		);
	}
	return { credentials, problems };
}

export function smileIdBaseUrl(credentials: SmileIdCredentials): string {
	return credentials.baseUrl || SMILE_ID_ENVIRONMENTS[credentials.environment].host;
}

/** Where job results are read: a Base URL, when set, serves both APIs. */
export function smileIdJobApiUrl(credentials: SmileIdCredentials): string {
	return credentials.baseUrl || SMILE_ID_ENVIRONMENTS[credentials.environment].jobApiHost;
}
