import type { IDataObject } from 'n8n-workflow';

/**
 * Every Smile ID endpoint the package calls: one row each, read by the network door, the
 * credential test and the tests. `host` says which of the environment's servers serves it
 * (see HOSTS in credentials.ts); a Base URL in the credential, when set, serves both.
 */
export type HostKind = 'partnerApi' | 'jobApi';

/** The credential's own fields a request body may carry, besides the signed ones (partner_id, timestamp, signature). */
export type CredentialField = 'email' | 'environment';

export interface SmileIdEndpoint {
	/** A `{field}` in the path is filled from the body's field of that name, which leaves the body. */
	path: string;
	host: HostKind;
	/** Which of them its body carries, exactly as Smile ID documents the body. */
	credentialFields: readonly CredentialField[];
	/**
	 * A paid check: each accepted submission is billed. A lost answer or a 5xx is settled by
	 * reading (job_status) before anything is resent, and a lost answer not settled is never resent.
	 */
	billed?: true;
	/** Its answer is signed by Smile ID like a callback (and must verify before it is used). */
	signsAnswer?: true;
	/** Default POST. A GET sends its fields, signed ones included, as query parameters. */
	method?: 'GET' | 'PUT';
	/** Its answer may be a bare JSON list: read as `{items: [...]}`. */
	listAnswer?: true;
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
	/** Enhanced KYC: an ID number looked up with the issuer. Paid; answers signed. */
	idVerification: {
		path: '/v1/id_verification',
		host: 'jobApi',
		credentialFields: [],
		billed: true,
		signsAnswer: true,
	},
	/** Enhanced KYC, the result sent to callback_url. Paid; answers `{success: true}`. */
	asyncIdVerification: {
		path: '/v1/async_id_verification',
		host: 'jobApi',
		credentialFields: [],
		billed: true,
	},
	/** Business verification (KYB): a company, its directors and owners. Paid; answers signed. */
	businessVerification: {
		path: '/v1/business_verification',
		host: 'jobApi',
		credentialFields: [],
		billed: true,
		signsAnswer: true,
	},
	/** Business verification, the result sent to callback_url. Paid. */
	asyncBusinessVerification: {
		path: '/v1/async_business_verification',
		host: 'jobApi',
		credentialFields: [],
		billed: true,
	},
	/** AML screening against sanctions, PEP and adverse-media lists. Paid; answers signed. */
	aml: { path: '/v1/aml', host: 'jobApi', credentialFields: [], billed: true, signsAnswer: true },
	/** Reads the countries, ID types per product and bank codes Smile ID offers; changes nothing. */
	services: { path: '/v1/services', host: 'jobApi', credentialFields: [], method: 'GET' },
	/** Reads which ID types this partner has enabled; changes nothing. */
	productsConfig: { path: '/v1/products_config', host: 'jobApi', credentialFields: [] },
	/** Creates a Smile Link: not billed itself, each verification completed through it is. */
	createLink: { path: '/v1/smile_links', host: 'jobApi', credentialFields: [] },
	/** Reads the partner's Smile Links; changes nothing. */
	listLinks: {
		path: '/v1/smile_links',
		host: 'jobApi',
		credentialFields: [],
		method: 'GET',
		listAnswer: true,
	},
	/** Reads one Smile Link; changes nothing. */
	getLink: {
		path: '/v1/smile_links/{ref_id}',
		host: 'jobApi',
		credentialFields: [],
		method: 'GET',
	},
	/** Changes one Smile Link (`is_disabled: true` disables it). */
	updateLink: {
		path: '/v1/smile_links/{ref_id}',
		host: 'jobApi',
		credentialFields: [],
		method: 'PUT',
	},
} as const satisfies Record<string, SmileIdEndpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/**
 * The credential's fields for a request to `url` (absolute, or a path): its endpoint's, when the
 * path ends with one of the paths above (a `{field}` stands for one segment; a Base URL may add a
 * prefix); both for any other path, as the HTTP Request node's calls to endpoints this package
 * does not know always had them.
 */
export function credentialFieldsFor(url: string): readonly CredentialField[] {
	const path = new URL(url, 'http://path.invalid').pathname.replace(/\/+$/, '');
	const endpoint = Object.values(ENDPOINTS).find((row) =>
		new RegExp(`${row.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
	);
	return endpoint ? endpoint.credentialFields : ['email', 'environment'];
}

/** The endpoint's path with its `{field}`s filled (URL-encoded) from the body, and the body without them. */
export function requestPath(
	endpoint: SmileIdEndpoint,
	body: IDataObject,
): { path: string; fields: IDataObject } {
	const fields = { ...body };
	const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = String(fields[name] ?? '');
		delete fields[name];
		return encodeURIComponent(value);
	});
	return { path, fields };
}

/** The paid checks' endpoints (billed: true). */
export type PaidEndpointName = {
	[Name in EndpointName]: (typeof ENDPOINTS)[Name] extends { billed: true } ? Name : never;
}[EndpointName];

/** Who sends the paid checks, as Smile ID's SDKs say it; the version is the package's (a test keeps them equal). */
export const SOURCE_SDK = { source_sdk: 'rest_api', source_sdk_version: '0.1.0' };
