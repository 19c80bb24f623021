/** Data shared by `npm run dev` and `npm run test:e2e`: the owner login and the sandbox credential. */
import type { Owner } from './n8n/session';

/** The local owner account of `npm run dev` (loopback only, printed on start). */
export const DEV_OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'Smile',
	lastName: 'Developer',
	password: 'SmileDev-2024',
};

/** The id and name the example workflows use for their credential. */
export const SANDBOX_CREDENTIAL = { id: 'smileIdSandboxCr', name: 'Smile ID sandbox (local)' };

export interface PartnerKeys {
	partnerId: string;
	keys: { test: string; production: string };
}

/** An importable "Smile ID API" credential for a sandbox partner (n8n encrypts `data` on import). */
export function sandboxCredential(
	baseUrl: string,
	partner: PartnerKeys,
	apiKey = partner.keys.test,
) {
	return {
		...SANDBOX_CREDENTIAL,
		type: 'smileIdApi',
		data: {
			partnerId: partner.partnerId,
			apiKey,
			email: 'owner@example.com',
			environment: 'sandbox',
			baseUrl,
		},
	};
}

/** The bearer credential the MCP example's trigger uses here: a made-up token, for loopback only. */
export const MCP_BEARER_CREDENTIAL = {
	id: 'smileIdMcpBearer',
	name: 'MCP clients of the Smile ID tools',
	type: 'httpBearerAuth',
	data: { token: 'smile-id-local-mcp-token' },
};
