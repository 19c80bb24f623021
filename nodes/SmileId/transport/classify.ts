import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';

import type { SmileIdAnswer } from './answerBody';
import type { Attempt } from './attempt';
import {
	describeStatus,
	field,
	isKnownErrorCode,
	knownRefusal,
	smileIdCode,
	smileIdText,
} from './errorMessages';
import type { LostAnswerReason } from './smileIdError';
import { smileIdError } from './smileIdError';

/**
 * What one attempt came to:
 * - done: Smile ID said it did it (a 2xx whose body is a JSON object without a failure signal);
 * - refused: Smile ID (or something in between) answered, but not with a success;
 * - lost: the request went out (or may have) and no answer came back whole;
 * - unsent: the request never left (refused connection, no such host), or failed without a code.
 */
export type AttemptOutcome =
	| { kind: 'done'; statusCode: number; body: IDataObject; signedBySmileId: boolean }
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

/** A refusal from Smile ID (any status, or a failure signal inside a 2xx), with Smile ID's own words. */
function refusalError(node: INode, answer: SmileIdAnswer, itemIndex: number): NodeApiError {
	const code = smileIdCode(answer.body);
	const { message, description } =
		knownRefusal(code) ?? describeStatus(answer.statusCode, answer.body);
	const said = smileIdText(answer.body);
	const httpStatus = String(answer.statusCode);
	return smileIdError(
		node,
		{ httpCode: httpStatus, code: code ?? null, smileIdMessage: said ?? null },
		{
			message: code ? `${message} (Smile ID code ${code})` : message,
			description: said ? `${description} Smile ID said: "${said}"` : description,
			itemIndex,
			httpStatus,
			smileIdCode: code,
			// n8n's error panel shows this as "Error code": Smile ID's own code first, the HTTP status beside it.
			shownCode: code ? `${code} (HTTP ${httpStatus})` : httpStatus,
		},
	);
}

function redirectError(node: INode, answer: SmileIdAnswer, itemIndex: number): NodeApiError {
	const location = answer.headers?.location;
	const target =
		typeof location === 'string' && URL.canParse(location, answer.url)
			? new URL(location, answer.url).host
			: undefined;
	const httpStatus = String(answer.statusCode);
	return smileIdError(
		node,
		{ httpCode: httpStatus },
		{
			message: `Smile ID answered with a redirect (HTTP ${httpStatus})${target ? ` to ${target}` : ''}; it was not followed`,
			description:
				'The request carries a signature, so it is never sent anywhere else. Check the Base URL in the credential: leave it empty to use Smile ID itself.',
			itemIndex,
			httpStatus,
		},
	);
}

/** What a non-JSON or non-object answer looks like, for "not a Smile ID answer: ...". */
function describeNonObject(body: unknown): string {
	if (typeof body === 'string') {
		if (body.trim() === '') return 'an empty answer';
		return /^\s*<(!doctype|html|head|body)/i.test(body) ? 'HTML page' : 'text that is not JSON';
	}
	if (body === null) return 'null';
	if (Array.isArray(body)) return 'a list';
	return `a ${typeof body}`;
}

/** A 2xx whose body is not a JSON object: something other than Smile ID answered. */
function notAnAnswerError(node: INode, answer: SmileIdAnswer, itemIndex: number) {
	const httpStatus = String(answer.statusCode);
	return smileIdError(
		node,
		{ httpCode: httpStatus },
		{
			message: `Not a Smile ID answer: ${describeNonObject(answer.body)} (HTTP ${httpStatus})`,
			description:
				'Something other than Smile ID answered. Check the Base URL in the credential and any proxy in between.',
			itemIndex,
			httpStatus,
		},
	);
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
	const signedBySmileId = answer.signedBySmileId === true;
	return { kind: 'done', statusCode, body: body as IDataObject, signedBySmileId };
}
