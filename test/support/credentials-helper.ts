/**
 * The credential store n8n-core asks for the Smile ID API credential, holding one test's credential
 * data; the signing is the real credential class's own authenticate(). Shared by the engine harness
 * (n8n-engine.ts) and the trigger's webhook harness (webhook-trigger.ts).
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { SmileIdApi } from '../../credentials/SmileIdApi.credentials';

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_type: string,
		requestOptions: IHttpRequestOptions,
	) {
		const authenticate = new SmileIdApi().authenticate;
		if (typeof authenticate !== 'function')
			throw new Error('SmileIdApi.authenticate must be a function');
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async getDecrypted() {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return new SmileIdApi().properties;
	}
}
