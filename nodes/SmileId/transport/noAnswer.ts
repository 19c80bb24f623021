import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MAX_ANSWER_BYTES } from './answer';

const NO_ANSWER_MESSAGES: Record<string, string> = {
	ECONNREFUSED: 'Could not connect to Smile ID',
	ENOTFOUND: 'Could not find the Smile ID server',
	EAI_AGAIN: 'Could not find the Smile ID server',
};

/**
 * A request that never reached Smile ID: refused, or no such host. The network code goes into
 * the description, because n8n replaces any message that names one with its own generic text.
 */
export function smileIdNetworkError(
	node: INode,
	code: string | undefined,
	itemIndex: number,
): NodeApiError {
	const reason = code ?? 'no answer';
	return new NodeApiError(node, { networkError: reason } as JsonObject, {
		message: (code && NO_ANSWER_MESSAGES[code]) ?? 'Smile ID could not be reached',
		description: `Check the network and the Base URL in the credential, then try again. (${reason})`,
		itemIndex,
	});
}

export type LostAnswerReason = 'timeout' | 'cut' | 'too large' | 'stopped';

const LOST_ANSWER_REASONS: Record<LostAnswerReason, string> = {
	timeout: 'no complete answer within the Timeout',
	cut: 'the connection was cut',
	'too large': `it was larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`,
	stopped: 'the execution was stopped',
};

/** The request went out but no answer came back whole: Smile ID may have done what it asked. */
export function answerLostError(
	node: INode,
	reason: LostAnswerReason,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(node, { answerLost: reason } as JsonObject, {
		message: `Smile ID may have applied this change; its answer was lost (${LOST_ANSWER_REASONS[reason]})`,
		description:
			"Check the user's state in the Smile ID portal before acting on this item again; sending the same change twice is harmless.",
		itemIndex,
	});
}

/** Stop was pressed, while a request of this item was awaiting its answer or between its attempts. */
export function stoppedError(node: INode, itemIndex: number, inFlight: boolean): NodeApiError {
	if (inFlight) return answerLostError(node, 'stopped', itemIndex);
	return new NodeApiError(node, { stopped: true } as JsonObject, {
		message: 'The execution was stopped before Smile ID confirmed this item',
		description: 'Run the workflow again for the items without a result.',
		itemIndex,
	});
}
