/**
 * Every Smile ID endpoint the package calls: one row each, read by the network door, the
 * credential test and the tests. `host` says which of the environment's servers serves it
 * (see HOSTS in credentials.ts); a Base URL in the credential, when set, serves both.
 */
export type HostKind = 'partnerApi' | 'jobApi';

/** The credential's own fields a request body may carry, besides the signed ones (partner_id, timestamp, signature). */
export type CredentialField = 'email' | 'environment';

export interface SmileIdEndpoint {
	path: string;
	host: HostKind;
	/** Which of them its body carries, exactly as Smile ID documents the body. */
	credentialFields: readonly CredentialField[];
}

export const ENDPOINTS = {
	/** Changes one enrolled user (deactivate, reactivate, fraud flag, re-enrollment, delete). */
	enrollee: {
		path: '/api/v2/partner/enrollee',
		host: 'partnerApi',
		credentialFields: ['email', 'environment'],
	},
	/** Reads one enrolled user's state and job history; changes nothing. */
	enrolleeInfo: {
		path: '/api/v2/partner/enrollee/info',
		host: 'partnerApi',
		credentialFields: ['environment'],
	},
	/** Reads the wallet balance; changes nothing. The credential test calls it. */
	walletBalance: {
		path: '/api/v2/partner/wallet_balance',
		host: 'partnerApi',
		credentialFields: ['environment'],
	},
	/** Reads one job's result, signed by Smile ID. */
	jobStatus: { path: '/v1/job_status', host: 'jobApi', credentialFields: [] },
} as const satisfies Record<string, SmileIdEndpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/**
 * The credential's fields for a request to `url` (absolute, or a path): its endpoint's, when the
 * path ends with one of the paths above (a Base URL may add a prefix); both for any other path,
 * as the HTTP Request node's calls to endpoints this package does not know always had them.
 */
export function credentialFieldsFor(url: string): readonly CredentialField[] {
	const path = URL.canParse(url, 'http://path.invalid')
		? new URL(url, 'http://path.invalid').pathname.replace(/\/+$/, '')
		: url;
	const endpoint = Object.values(ENDPOINTS).find((row) => path.endsWith(row.path));
	return endpoint ? endpoint.credentialFields : ['email', 'environment'];
}
