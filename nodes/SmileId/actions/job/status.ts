import type { IDataObject, INode } from 'n8n-workflow';

import { isTrue, readJobResult } from '../../common/jobResult';
import { isObject } from '../../common/objects';
import { unconfirmedAnswerError } from '../../transport/smileIdError';

/** What job_status is asked, besides the signed fields the credential adds. */
export function jobStatusBody(
	userId: string,
	jobId: string,
	options: { history: boolean; imageLinks: boolean },
): IDataObject {
	return {
		user_id: userId,
		job_id: jobId,
		history: options.history,
		image_links: options.imageLinks,
	};
}

/**
 * A job_status answer as output fields, once its own signature is confirmed with the partner's
 * key, as Smile ID's SDKs do: an answer that does not verify is refused, whatever it says. The
 * network door checks it (`signedBySmileId`) before it takes this request's signature out of the
 * answer, as an answer signed with the request's own timestamp carries that very signature.
 */
export function readJobStatus(
	node: INode,
	answer: unknown,
	signedBySmileId: boolean,
	itemIndex: number,
): IDataObject {
	if (!isObject(answer) || !signedBySmileId) {
		throw unconfirmedAnswerError(node, itemIndex, 'job status answer');
	}
	const result = readJobResult(isObject(answer.result) ? answer.result : {});
	return {
		jobComplete: isTrue(answer.job_complete),
		jobSuccess: isTrue(answer.job_success),
		resultCode: result.resultCode,
		resultText: result.resultText,
		verdict: result.verdict,
		smileJobId: result.smileJobId,
		history: Array.isArray(answer.history) ? answer.history : [],
		imageLinks: isObject(answer.image_links) ? answer.image_links : {},
	};
}
