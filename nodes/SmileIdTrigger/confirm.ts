import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isTrue } from '../SmileId/common/jobResult';
import { asObject, isObject } from '../SmileId/common/objects';
import { ExecutionLimit } from '../SmileId/transport/limiter';
import { sendToSmileId } from '../SmileId/transport/send';
import { loggable } from './callback';

/**
 * One question to job_status per callback, over within seconds: Smile ID waits for the answer
 * to its callback, and a lost question is simply not a confirmation.
 */
const CONFIRM_SETTINGS = {
	timeoutMs: 5_000,
	retry: { maxAttempts: 2, firstDelayMs: 250, maxTotalWaitMs: 1_000 },
};

export type Confirmation =
	| { ok: true; result: IDataObject }
	/** 401: Smile ID says otherwise. 503: no answer to go by; Smile ID may retry the callback. */
	| { ok: false; status: 401 | 503; reason: string };

const text = (value: unknown): string | undefined =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;

/** A claim in a log line: a callback is anyone's text, so only a plain ID is shown. */
const shown = (value: unknown): string => loggable(value) ?? '(not a plain ID)';

/** The first claim of the callback that Smile ID's result contradicts, if any. */
function contradiction(callback: IDataObject, result: IDataObject): string | undefined {
	const claimed = asObject(callback.PartnerParams);
	const confirmed = asObject(result.PartnerParams);
	const claims: Array<[string, unknown, unknown]> = [
		['ResultCode', callback.ResultCode, result.ResultCode],
		['SmileJobID', callback.SmileJobID, result.SmileJobID],
		['user_id', claimed.user_id, confirmed.user_id],
		['job_id', claimed.job_id, confirmed.job_id],
	];
	for (const [name, says, smileIdSays] of claims) {
		if (says === undefined || says === null || text(says) === '') continue;
		if (text(says) !== text(smileIdSays)) {
			return `Smile ID does not confirm it: its ${name} is ${shown(smileIdSays)}, the callback says ${shown(says)}`;
		}
	}
	return undefined;
}

/**
 * Asks Smile ID's job_status, through the network door, for the job the callback names (its
 * PartnerParams user_id and job_id), and takes the result only from an answer signed with the
 * partner's key whose claims the callback does not contradict.
 */
export async function confirmWithSmileId(
	context: IWebhookFunctions,
	callback: IDataObject,
): Promise<Confirmation> {
	const { user_id: userId, job_id: jobId } = asObject(callback.PartnerParams);
	if (!text(userId) || !text(jobId)) {
		return {
			ok: false,
			status: 401,
			reason: 'Smile ID cannot confirm it: the callback has no PartnerParams user_id and job_id',
		};
	}
	const body = { user_id: text(userId), job_id: text(jobId), history: false, image_links: false };
	const sent = await sendToSmileId(context, 'jobStatus', body, 0, {
		...CONFIRM_SETTINGS,
		limit: new ExecutionLimit(1),
	});
	if (!sent.ok) {
		return {
			ok: false,
			status: 503,
			reason: `Smile ID's job API gave no answer: ${sent.error.message}`,
		};
	}
	const answer = sent.body;
	// The network door checked the answer's signature before it took the request's out (answerBody.ts).
	if (!isObject(answer) || !sent.signedBySmileId) {
		return {
			ok: false,
			status: 503,
			reason: "Smile ID's job API answer is not signed with this partner's key",
		};
	}
	if (!isTrue(answer.job_complete) || !isObject(answer.result)) {
		return {
			ok: false,
			status: 503,
			reason: `Smile ID does not show job ${shown(jobId)} of user ${shown(userId)} as complete (yet)`,
		};
	}
	const contradicted = contradiction(callback, answer.result);
	if (contradicted) return { ok: false, status: 401, reason: contradicted };
	return { ok: true, result: answer.result };
}
