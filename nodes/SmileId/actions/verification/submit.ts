import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isTrue } from '../../common/jobResult';
import { isObject } from '../../common/objects';
import type { PaidEndpointName, SmileIdEndpoint } from '../../common/endpoints';
import { ENDPOINTS } from '../../common/endpoints';
import { sendToSmileId } from '../../transport/send';
import { unconfirmedAnswerError } from '../../transport/smileIdError';
import type { RunContext } from '../../helpers/itemRun';
import { jobStatusBody } from '../job/status';

/**
 * A paid check, never billed twice. Each item's job has its own job_id (the one mapped by the
 * user, or a new one), so job_status can say whether it ran:
 * - with a job_id the user mapped, job_status is asked first: a job that already ran is reported
 *   from its result and not submitted again (a rerun of the same workflow costs nothing);
 * - an answer lost on its way back (cut connection, timeout) or a 5xx is settled by one job_status
 *   request (transport's SettleByReading): a job that ran is reported from its result; a lost
 *   answer whose job Smile ID does not show as finished is never sent again (transport/send.ts).
 * Every answer used must carry Smile ID's signature for this credential.
 */

export interface JobIds {
	userId: string;
	jobId: string;
}

export interface CheckOutcome {
	/** The job's result: the check's own answer, or job_status's `result` for the same job. */
	result: IDataObject;
	/** How the result was learnt when the submission's own answer was not used. */
	from: 'answer' | 'jobStatusAfterLostAnswer' | 'jobStatusBeforeSending';
}

/** One job_status request, not retried; the job's result when Smile ID shows it finished and signed. */
async function finishedResult(
	context: IExecuteFunctions,
	ids: JobIds,
	itemIndex: number,
	run: RunContext,
): Promise<IDataObject | undefined> {
	const once = { ...run.settings, retry: { ...run.settings.retry, maxAttempts: 1 } };
	const body = jobStatusBody(ids.userId, ids.jobId, { history: false, imageLinks: false });
	const asked = await sendToSmileId(context, 'jobStatus', body, itemIndex, once).catch(
		() => undefined,
	);
	if (!asked?.ok || !isObject(asked.body) || !asked.signedBySmileId) return undefined;
	const { job_complete: complete, result } = asked.body;
	return isTrue(complete) && isObject(result) ? result : undefined;
}

/** Submits one paid check (or reports the job that already ran); throws the item's error. */
export async function submitOnce(
	context: IExecuteFunctions,
	endpoint: PaidEndpointName,
	body: IDataObject,
	ids: JobIds & { mapped: boolean },
	itemIndex: number,
	run: RunContext,
): Promise<CheckOutcome> {
	const fields = { userId: ids.userId, jobId: ids.jobId };
	if (ids.mapped) {
		const ran = await finishedResult(context, ids, itemIndex, run);
		if (ran) return { result: ran, from: 'jobStatusBeforeSending' };
	}
	let settled: IDataObject | undefined;
	const settle = async () => {
		settled = await finishedResult(context, ids, itemIndex, run);
		return settled !== undefined;
	};
	const sent = await sendToSmileId(context, endpoint, body, itemIndex, run.settings, settle);
	if (!sent.ok) {
		sent.error.context.itemFields = fields;
		throw sent.error;
	}
	if (sent.verifiedByReading && settled)
		return { result: settled, from: 'jobStatusAfterLostAnswer' };
	const answer = sent.body ?? {};
	if ((ENDPOINTS[endpoint] as SmileIdEndpoint).signsAnswer && !sent.signedBySmileId) {
		const error = unconfirmedAnswerError(context.getNode(), itemIndex);
		error.context.itemFields = fields;
		throw error;
	}
	return { result: answer, from: 'answer' };
}
