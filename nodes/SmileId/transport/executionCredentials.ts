import type { ICredentialsDecrypted, IExecuteFunctions } from 'n8n-workflow';

import type { SmileIdCredentials } from '../common/credentials';
import { readCredentials } from '../common/credentials';

/** The credential of an execution: as n8n decrypted it, and as the node reads it. */
export interface ExecutionCredentials {
	decrypted: ICredentialsDecrypted;
	read: SmileIdCredentials;
}

const credentialsOfExecution = new WeakMap<IExecuteFunctions, Promise<ExecutionCredentials>>();

/**
 * Looked up and decrypted once per execution, not once per request: n8n resolves a credential's
 * expressions for the first item either way. Each attempt hands it to n8n, whose HTTP helper
 * still has the credential sign the request; the key and partner ID also give the signature to
 * keep out of answers, and the Base URL says where each endpoint is.
 */
export async function credentialsOf(context: IExecuteFunctions): Promise<ExecutionCredentials> {
	if (!credentialsOfExecution.has(context)) {
		const { id, name } = context.getNode().credentials?.smileIdApi ?? {};
		credentialsOfExecution.set(
			context,
			context.getCredentials('smileIdApi').then((data) => ({
				decrypted: { id: id ?? '', name: name ?? '', type: 'smileIdApi', data },
				read: readCredentials(data).credentials,
			})),
		);
	}
	return await (credentialsOfExecution.get(context) as Promise<ExecutionCredentials>);
}
