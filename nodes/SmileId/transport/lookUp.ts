import type { IDataObject, NodeApiError } from 'n8n-workflow';

import type { EndpointName } from '../common/endpoints';
import { ENDPOINTS } from '../common/endpoints';
import type { SmileIdContext } from './executionCredentials';
import { attempt } from './attempt';
import { classify } from './classify';
import { credentialsOf } from './executionCredentials';
import { answerLostError, networkError } from './smileIdError';

/**
 * One read that changes nothing (Smile ID's reference lists), in a run or while the editor loads a
 * dropdown: a single attempt within `timeoutMs`, no retry (the editor asks again when the list is
 * opened again), read as untrusted like every answer (attempt.ts, classify.ts).
 */
export async function lookUpSmileId(
	context: SmileIdContext,
	endpoint: EndpointName,
	body: IDataObject,
	timeoutMs: number,
): Promise<{ ok: true; body: IDataObject } | { ok: false; error: NodeApiError }> {
	const node = context.getNode();
	const credentials = await credentialsOf(context);
	const timestamp = new Date().toISOString();
	const tried = await attempt(
		context,
		ENDPOINTS[endpoint],
		{ ...body, timestamp },
		timeoutMs,
		credentials,
	);
	const outcome = classify(node, tried, 0);
	if (outcome.kind === 'done') return { ok: true, body: outcome.body };
	if (outcome.kind === 'refused') return { ok: false, error: outcome.error };
	const error =
		outcome.kind === 'lost'
			? answerLostError(node, outcome.reason, 0)
			: networkError(node, outcome.code, 0);
	return { ok: false, error };
}
