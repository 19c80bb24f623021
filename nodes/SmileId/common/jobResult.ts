import type { IDataObject } from 'n8n-workflow';

import type { Verdict } from './resultCodes';
import { asObject } from './objects';
import { verdictOf } from './resultCodes';

/** The fields of a Smile ID job result that a workflow decides on; callbacks and job_status answers share them. */
export interface JobResultFields extends IDataObject {
	userId: IDataObject[string];
	jobId: IDataObject[string];
	jobType: IDataObject[string];
	smileJobId: IDataObject[string];
	resultCode: IDataObject[string];
	resultText: IDataObject[string];
	verdict: Verdict;
	suspectUsers: IDataObject[] | [];
	actions: IDataObject;
	isFinalResult: boolean;
}

/** Smile ID writes booleans as "true"/"false" strings in job results. */
export function isTrue(value: unknown): boolean {
	return value === true || value === 'true';
}

/** Reads a job result (a callback body, or job_status's `result`); a missing field is null, never a guess. */
export function readJobResult(result: IDataObject): JobResultFields {
	const partnerParams = asObject(result.PartnerParams);
	const suspectUsers = asObject(result.Antifraud).SuspectUsers;
	return {
		userId: partnerParams.user_id ?? null,
		jobId: partnerParams.job_id ?? null,
		jobType: partnerParams.job_type ?? null,
		smileJobId: result.SmileJobID ?? null,
		resultCode: result.ResultCode ?? null,
		resultText: result.ResultText ?? null,
		verdict: verdictOf(result.ResultCode),
		suspectUsers: Array.isArray(suspectUsers) ? (suspectUsers as IDataObject[]) : [],
		actions: asObject(result.Actions),
		isFinalResult: isTrue(result.IsFinalResult),
	};
}
