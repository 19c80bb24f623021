import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { noSuchUserError } from '../../transport/errors';
import type { SendSettings } from '../../transport/request';
import { ENROLLEE_INFO_PATH, sendToSmileId } from '../../transport/request';
import { verdictOf } from '../../transport/resultCodes';

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

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

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
		ENROLLEE_INFO_PATH,
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
