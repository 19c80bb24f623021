import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { SmileIdAnswer } from './answerBody';
import { MAX_ANSWER_BYTES } from './answerBody';
import { describeStatus, knownRefusal, smileIdCode, smileIdText } from './errorMessages';

interface ErrorContext {
	message: string;
	description: string;
	itemIndex: number;
	/** The HTTP status of Smile ID's answer, when there was one: shown in error items as httpCode. */
	httpStatus?: string;
	/** Smile ID's own error code: shown in error items, and read by the operations. */
	smileIdCode?: string;
	/** What n8n's error panel shows as "Error code"; absent: the HTTP status. */
	shownCode?: string;
}

/** The one way an error about a request is built: its message, what to do, and the context error items show. */
export function smileIdError(node: INode, cause: JsonObject, context: ErrorContext): NodeApiError {
	const { message, description, itemIndex, httpStatus, smileIdCode: code } = context;
	const httpCode = context.shownCode ?? httpStatus;
	const error = new NodeApiError(node, cause, { message, description, itemIndex, httpCode });
	if (httpStatus) error.context.httpStatus = httpStatus;
	if (code) error.context.smileIdCode = code;
	return error;
}

/** A refusal from Smile ID (any status, or a failure signal inside a 2xx), with Smile ID's own words. */
export function refusalError(node: INode, answer: SmileIdAnswer, itemIndex: number): NodeApiError {
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

export function redirectError(node: INode, answer: SmileIdAnswer, itemIndex: number): NodeApiError {
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
export function notAnAnswerError(node: INode, answer: SmileIdAnswer, itemIndex: number) {
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

/** Smile ID answered without the user it was asked about: the same meaning as its code 2210. */
export function noSuchUserError(node: INode, itemIndex: number): NodeApiError {
	const { message, description } = knownRefusal('2210') as { message: string; description: string };
	return smileIdError(
		node,
		{ code: '2210' },
		{
			message,
			description: `${description} Smile ID's answer held no such user.`,
			itemIndex,
			smileIdCode: '2210',
		},
	);
}

const NO_ANSWER_MESSAGES: Record<string, string> = {
	ECONNREFUSED: 'Could not connect to Smile ID',
	ENOTFOUND: 'Could not find the Smile ID server',
	EAI_AGAIN: 'Could not find the Smile ID server',
};

/**
 * A request that never reached Smile ID: refused, or no such host. The network code goes into
 * the description, because n8n replaces any message that names one with its own generic text.
 */
export function networkError(node: INode, code: string | undefined, itemIndex: number) {
	const reason = code ?? 'no answer';
	return smileIdError(
		node,
		{ networkError: reason },
		{
			message: (code && NO_ANSWER_MESSAGES[code]) ?? 'Smile ID could not be reached',
			description: `Check the network and the Base URL in the credential, then try again. (${reason})`,
			itemIndex,
		},
	);
}

export type LostAnswerReason = 'timeout' | 'cut' | 'too large' | 'stopped';

const LOST_ANSWER_REASONS: Record<LostAnswerReason, string> = {
	timeout: 'no complete answer within the Timeout',
	cut: 'the connection was cut',
	'too large': `it was larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`,
	stopped: 'the execution was stopped',
};

/** The request went out but no answer came back whole: Smile ID may have done what it asked. */
export function answerLostError(node: INode, reason: LostAnswerReason, itemIndex: number) {
	return smileIdError(
		node,
		{ answerLost: reason },
		{
			message: `Smile ID may have applied this change; its answer was lost (${LOST_ANSWER_REASONS[reason]})`,
			description:
				"Check the user's state in the Smile ID portal before acting on this item again; sending the same change twice is harmless.",
			itemIndex,
		},
	);
}

/** Stop was pressed, while a request of this item was awaiting its answer or between its attempts. */
export function stoppedError(node: INode, itemIndex: number, inFlight: boolean): NodeApiError {
	if (inFlight) return answerLostError(node, 'stopped', itemIndex);
	return smileIdError(
		node,
		{ stopped: true },
		{
			message: 'The execution was stopped before Smile ID confirmed this item',
			description: 'Run the workflow again for the items without a result.',
			itemIndex,
		},
	);
}
