import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MAX_ANSWER_BYTES } from './answerBody';
import { knownRefusal } from './errorMessages';

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

/**
 * The one way an error about a request is built (classify.ts builds those about an answer with it): its
 * message, what to do, and the context error items show.
 */
export function smileIdError(node: INode, cause: JsonObject, context: ErrorContext): NodeApiError {
	const { message, description, itemIndex, httpStatus, smileIdCode: code } = context;
	const httpCode = context.shownCode ?? httpStatus;
	const error = new NodeApiError(node, cause, { message, description, itemIndex, httpCode });
	if (httpStatus) error.context.httpStatus = httpStatus;
	if (code) error.context.smileIdCode = code;
	return error;
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

/** What a lost answer means, for a change (sending it twice is harmless) and for a paid check (never resent). */
const LOST_ANSWER_TEXTS = {
	change: {
		done: 'applied this change',
		description:
			"Check the user's state in the Smile ID portal before acting on this item again; sending the same change twice is harmless.",
	},
	paidCheck: {
		done: 'run this check',
		description:
			'It was not sent again: a paid check is never submitted twice. Smile ID did not show a finished job for it yet; look it up later with Job > Get Status (this item has its User ID and Job ID) before running it again.',
	},
};

/** The request went out but no answer came back whole: Smile ID may have done what it asked. */
export function answerLostError(
	node: INode,
	reason: LostAnswerReason,
	itemIndex: number,
	request: keyof typeof LOST_ANSWER_TEXTS = 'change',
) {
	const { done, description } = LOST_ANSWER_TEXTS[request];
	return smileIdError(
		node,
		{ answerLost: reason },
		{
			message: `Smile ID may have ${done}; its answer was lost (${LOST_ANSWER_REASONS[reason]})`,
			description,
			itemIndex,
		},
	);
}

/** An answer used only when signed by Smile ID (job_status, a paid check) did not verify: not used. */
export function unconfirmedAnswerError(node: INode, itemIndex: number, answer = 'answer') {
	return smileIdError(
		node,
		{},
		{
			message: 'Could not confirm this answer came from Smile ID',
			description: `The ${answer} is not signed with this credential's partner ID and API key, so it was not used. Check the Base URL: it must lead to Smile ID, or to a proxy that passes Smile ID's answer unchanged.`,
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
