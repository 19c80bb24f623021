import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	CHECK_CREDENTIALS,
	hostOf,
	incompleteCredentialMessage,
	readCredentials,
	SMILE_ID_ENVIRONMENTS,
} from '../nodes/SmileId/common/credentials';
import { credentialFieldsFor, ENDPOINTS } from '../nodes/SmileId/common/endpoints';
import { signNow } from '../nodes/SmileId/common/signature';

const REFUSED = `Smile ID refused these credentials (code 2205). ${CHECK_CREDENTIALS}`;

function bodyAsObject(body: IHttpRequestOptions['body']): IDataObject {
	if (typeof body === 'string' && body.trim().startsWith('{'))
		return JSON.parse(body) as IDataObject;
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	return {};
}

/**
 * The node picks each attempt's timestamp, so that it knows the signature and can keep it out of
 * whatever Smile ID echoes back. Anything but a fresh timestamp in ISO form is signed as now.
 */
function signingTime(requested: unknown): Date {
	const now = new Date();
	if (typeof requested !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(requested))
		return now;
	const time = new Date(requested);
	return Math.abs(time.getTime() - now.getTime()) <= 60_000 ? time : now;
}

export class SmileIdApi implements ICredentialType {
	name = 'smileIdApi';

	displayName = 'Smile ID API';

	icon: Icon = {
		light: 'file:../nodes/SmileId/smileId.svg',
		dark: 'file:../nodes/SmileId/smileId.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-smile-id/n8n-nodes-smile-id/blob/main/README.md#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Partner ID',
			name: 'partnerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '085',
			description:
				'Your partner ID exactly as the Smile ID portal shows it in its menu, leading zeros included: "085" and "85" are different IDs to Smile ID',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key for the environment chosen below, from the Developer page of the Smile ID portal. Sandbox and Production have different keys, and generating a new key disables the old one at once.',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description:
				'Your own e-mail address as a Smile ID portal user: Smile ID records it with every change this node makes',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'Test users on portal.smileidentity.com, with a sandbox API key',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'Real users on prod.smileidentity.com, with a production API key',
				},
			],
			default: 'sandbox',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://portal.smileidentity.com',
			description:
				"Leave empty to use Smile ID's own server for the chosen environment. Set it only for a proxy or a local Smile ID sandbox.",
		},
	];

	authenticate: IAuthenticate = async (
		data: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const { credentials, problems } = readCredentials(data);
		if (problems.length > 0) {
			throw new Error(incompleteCredentialMessage(problems));
		}
		// A GET (Smile Links reads, the services list) carries its fields, and so its signature, in the query.
		const isGet = requestOptions.method === 'GET';
		const fields = isGet
			? ((requestOptions.qs ?? {}) as IDataObject)
			: bodyAsObject(requestOptions.body);
		const { timestamp, signature } = signNow(
			credentials.apiKey,
			credentials.partnerId,
			signingTime(fields.timestamp),
		);
		const own = {
			email: credentials.email,
			environment: SMILE_ID_ENVIRONMENTS[credentials.environment].bodyValue,
		};
		const signed = {
			...fields,
			partner_id: credentials.partnerId,
			timestamp,
			signature,
			// Only the fields Smile ID documents for this endpoint (endpoints.ts).
			...Object.fromEntries(
				credentialFieldsFor(requestOptions.url).map((field) => [field, own[field]]),
			),
		};
		return {
			...requestOptions,
			// The node's own requests name their server; this serves the test and the HTTP Request node's relative URLs.
			baseURL: requestOptions.baseURL || hostOf(credentials, 'partnerApi'),
			...(isGet ? { qs: signed } : { body: signed }),
		};
	};

	/**
	 * Reads the wallet balance: read-only, signed like every request. Error statuses are let
	 * through so that the rules can say what Smile ID's answer means (n8n 1.x ignores
	 * status-code rules); any answer without a balance fails the test. A redirect is not
	 * followed (the body carries a signature valid for minutes), so it fails the test too.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: ENDPOINTS.walletBalance.path,
			body: {},
			json: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'code', value: '2205', message: REFUSED } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 2205, message: REFUSED } },
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'wallet_balance',
					value: undefined,
					message:
						'Smile ID did not confirm these credentials: its answer has no wallet balance. Check the Environment and, if set, the Base URL.',
				},
			},
		],
	};
}
