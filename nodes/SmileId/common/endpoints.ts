/**
 * Every Smile ID endpoint the package calls: one row each, read by the network door, the
 * credential test and the tests. `host` says which of the environment's servers serves it
 * (see HOSTS in credentials.ts); a Base URL in the credential, when set, serves both.
 */
export type HostKind = 'partnerApi' | 'jobApi';

export interface SmileIdEndpoint {
	path: string;
	host: HostKind;
}

export const ENDPOINTS = {
	/** Changes one enrolled user (deactivate, reactivate, fraud flag, re-enrollment, delete). */
	enrollee: { path: '/api/v2/partner/enrollee', host: 'partnerApi' },
	/** Reads one enrolled user's state and job history; changes nothing. */
	enrolleeInfo: { path: '/api/v2/partner/enrollee/info', host: 'partnerApi' },
	/** Reads the wallet balance; changes nothing. The credential test calls it. */
	walletBalance: { path: '/api/v2/partner/wallet_balance', host: 'partnerApi' },
	/** Reads one job's result, signed by Smile ID. */
	jobStatus: { path: '/v1/job_status', host: 'jobApi' },
} as const satisfies Record<string, SmileIdEndpoint>;

export type EndpointName = keyof typeof ENDPOINTS;
