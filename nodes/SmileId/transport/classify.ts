import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';

import type { Attempt } from './attempt';
import { field, isKnownErrorCode, smileIdCode } from './errorMessages';
import type { LostAnswerReason } from './smileIdError';
import { notAnAnswerError, redirectError, refusalError } from './smileIdError';

/**
 * What one attempt came to:
 * - done: Smile ID said it did it (a 2xx whose body is a JSON object without a failure signal);
 * - refused: Smile ID (or something in between) answered, but not with a success;
 * - lost: the request went out (or may have) and no answer came back whole;
 * - unsent: the request never left (refused connection, no such host), or failed without a code.
 */
export type AttemptOutcome =
	| { kind: 'done'; statusCode: number; body: IDataObject }
	| { kind: 'refused'; statusCode: number; error: NodeApiError; headers?: Record<string, unknown> }
	| { kind: 'lost'; reason: LostAnswerReason; code: string }
	| { kind: 'unsent'; code: string | undefined };

/** Network codes that say the request never left: nothing can have been applied. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function lostReason(code: string): LostAnswerReason {
	if (code === 'ERR_ANSWER_TOO_LARGE') return 'too large';
	if (['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'].includes(code)) return 'timeout';
	return 'cut';
}

/** Never success unless Smile ID says so: a redirect, a non-object, `success: false`, an `error` or a documented code is a refusal. */
export function classify(
	node: INode,
	{ answer, code }: Attempt,
	itemIndex: number,
): AttemptOutcome {
	if (!answer) {
		if (code === undefined || NEVER_SENT.has(code)) return { kind: 'unsent', code };
		return { kind: 'lost', reason: lostReason(code), code };
	}
	const { statusCode, body, headers } = answer;
	const refused = (error: NodeApiError) => ({
		kind: 'refused' as const,
		statusCode,
		error,
		headers,
	});
	if (statusCode >= 300 && statusCode < 400) return refused(redirectError(node, answer, itemIndex));
	if (statusCode < 200 || statusCode >= 300) return refused(refusalError(node, answer, itemIndex));
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return refused(notAnAnswerError(node, answer, itemIndex));
	const failed =
		(body as { success?: unknown }).success === false ||
		isKnownErrorCode(smileIdCode(body)) ||
		!!field(body, 'error');
	if (failed) return refused(refusalError(node, answer, itemIndex));
	return { kind: 'done', statusCode, body: body as IDataObject };
}
