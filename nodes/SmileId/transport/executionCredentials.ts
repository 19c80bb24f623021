import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { SmileIdCredentials } from '../common/credentials';
import { readCredentials } from '../common/credentials';

/** The credential of an execution: as n8n decrypted it, and as the node reads it. */
export interface ExecutionCredentials {
	decrypted: ICredentialsDecrypted;
	read: SmileIdCredentials;
}

/** Who sends: an execution of the node, the editor loading a dropdown's options (no Stop there), or the trigger asking job_status about a callback. */
export type SmileIdContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

const credentialsOfExecution = new WeakMap<SmileIdContext, Promise<ExecutionCredentials>>();

/**
 * Looked up and decrypted once per execution, not once per request: n8n resolves a credential's
 * expressions for the first item either way. Each attempt hands it to n8n, whose HTTP helper
 * still has the credential sign the request; the key and partner ID also give the signature to
 * keep out of answers, and the Base URL says where each endpoint is.
 */
export async function credentialsOf(context: SmileIdContext): Promise<ExecutionCredentials> {
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
