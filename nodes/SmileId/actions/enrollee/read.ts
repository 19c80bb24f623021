import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { isObject } from '../../common/objects';
import { verdictOf } from '../../common/resultCodes';
import type { SendSettings } from '../../transport/send';
import { sendToSmileId } from '../../transport/send';
import { noSuchUserError } from '../../transport/smileIdError';

/** A user's state in plain names, from Smile ID's `enrolled_user`. */
export interface EnrolleeState extends IDataObject {
	userId: string;
	active: boolean;
	fraudulent: boolean;
	deleted: boolean;
	awaitingReenrollment: boolean;
	complete: boolean;
	pending: boolean;
	provisional: boolean;
}

export type EnrolleeReading =
	| { found: true; state: EnrolleeState; history: IDataObject[] }
	| { found: false; error: NodeApiError };

function stateOf(userId: string, user: IDataObject): EnrolleeState {
	return {
		userId,
		active: user.inactive !== true,
		fraudulent: user.is_fraudulent === true,
		deleted: user.deleted === true,
		awaitingReenrollment: user.allow_new_enroll === true,
		complete: user.complete === true,
		pending: user.pending === true,
		provisional: user.provisional === true,
	};
}

/** The job history in plain names; `id_check` (personal data and a photo) only when asked for. */
export function jobsOf(history: IDataObject[], includeIdCheck: boolean): IDataObject[] {
	return history.map((job) => {
		const params = isObject(job.partner_params) ? job.partner_params : {};
		return {
			jobId: job.job_id ?? null,
			createdAt: job.created_at ?? null,
			jobType: params.job_type ?? null,
			resultCode: job.result_code ?? null,
			resultText: job.result_message ?? null,
			verdict: verdictOf(job.result_code),
			...(includeIdCheck ? { idCheck: job.id_check ?? null } : {}),
		};
	});
}

/**
 * Reads one user from Smile ID's read-only enrollee/info endpoint. An unknown user is a 2210
 * refusal (presumed; see sandbox/README.md) or an answer without `enrolled_user`; any other
 * failure is thrown.
 */
export async function readEnrollee(
	context: IExecuteFunctions,
	userId: string,
	itemIndex: number,
	settings: SendSettings,
): Promise<EnrolleeReading> {
	const result = await sendToSmileId(
		context,
		'enrolleeInfo',
		{ user_id: userId },
		itemIndex,
		settings,
	);
	if (!result.ok) {
		if (result.smileIdCode === '2210') return { found: false, error: result.error };
		throw result.error;
	}
	const body = isObject(result.body) ? result.body : {};
	if (!isObject(body.enrolled_user)) {
		return { found: false, error: noSuchUserError(context.getNode(), itemIndex) };
	}
	const history = Array.isArray(body.history) ? body.history.filter(isObject) : [];
	return { found: true, state: stateOf(userId, body.enrolled_user), history };
}
