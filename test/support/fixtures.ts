import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { Signature } from 'smile-identity-core';

import type { Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';

/** The credential a user would fill in to point the node at the local sandbox. */
export function sandboxCredentials(
	sandbox: Sandbox,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	const partner = sandbox.partners[0];
	return {
		partnerId: partner.partnerId,
		apiKey: partner.keys.test,
		email: 'ops@example.com',
		environment: 'sandbox',
		baseUrl: sandbox.url,
		...overrides,
	};
}

/** Retry settings that keep tests fast: the policy is the same, only the waits are short. */
export const FAST_RETRIES = { firstRetryDelay: 5, maxRetryWait: 2, timeout: 2 };

/**
 * A sandbox of its own for each test, on a new port: to the node a Smile ID account that this
 * process has not sent to yet (it shares what it learns about an account, accountLimits.ts).
 */
export function useSandbox(options?: SandboxOptions): () => Sandbox {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox(options);
	});
	afterEach(async () => {
		await sandbox.close();
	});
	return () => sandbox;
}

/** The signature Smile ID's official SDK computes: an independent check of the node's signer. */
export function sdkSignature(partnerId: string, apiKey: string, timestamp: string): string {
	return new Signature(partnerId, apiKey).generate_signature(timestamp).signature;
}
