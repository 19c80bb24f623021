import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

interface KnownRefusal {
	message: string;
	description: string;
}

export const CHECK_CREDENTIALS =
	'Check the Partner ID (exactly as the Smile ID portal shows it, leading zeros included), the API key, and that the key belongs to the chosen environment: a Sandbox key only works with Sandbox, a Production key only with Production.';

const REQUEST_BUG =
	'This is a bug in the Smile ID node, not in your workflow: please report it with the node version.';

/** What each Smile ID error code means for the person running the workflow. */
const SMILE_ID_CODES: Record<string, KnownRefusal> = {
	'2201': { message: 'Smile ID had a system error', description: 'Try again later. If it persists, contact Smile ID support.' },
	'2203': { message: 'Smile ID could not read the request (invalid JSON)', description: REQUEST_BUG },
	'2204': {
		message: 'Smile ID rejected a parameter of the wrong type',
		description: `Make sure the User ID is text. ${CHECK_CREDENTIALS}`,
	},
	'2205': { message: 'Smile ID did not authorize the request', description: CHECK_CREDENTIALS },
	'2207': {
		message: 'The user is deactivated',
		description: 'Reactivate the user first (operation "Reactivate"), then run this operation again.',
	},
	'2208': {
		message: 'The user has been deleted',
		description: 'A deleted user ID can no longer be changed. Check that the User ID is the one you meant.',
	},
	'2209': {
		message: 'The user is already enrolled',
		description: 'Allow re-enrollment first (operation "Allow Re-Enrollment") if the user must enroll again.',
	},
	'2210': {
		message: 'No enrolled user with this User ID',
		description:
			'Check the User ID (it is the user_id your system sent with the enrollment job) and that the credential uses the environment the user was enrolled in.',
	},
	'2211': {
		message: 'The user must complete re-enrollment first',
		description: 'Wait until the user has submitted the new enrollment job, then try again.',
	},
	'2213': { message: 'Smile ID says a required parameter is missing', description: REQUEST_BUG },
	'2220': {
		message: 'Production is not enabled for this Smile ID partner',
		description: 'Ask Smile ID to enable production for your account, or use the Sandbox environment.',
	},
};
const SAME_MEANING: Record<string, string> = { '2301': '2201', '2401': '2201', '2405': '2205', '2413': '2213' };

/** Whether Smile ID refused the credential itself: every later request would be refused the same way. */
export function isCredentialRefusal(code: unknown): boolean {
	return typeof code === 'string' && (SAME_MEANING[code] ?? code) === '2205';
}

export interface SmileIdAnswer {
	statusCode: number;
	body: unknown;
}

function field(body: unknown, name: string): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const value = (body as Record<string, unknown>)[name];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Smile ID's error code, whether it came as a string or a number, or undefined. */
export function smileIdCode(body: unknown): string | undefined {
	return field(body, 'code');
}

/** Smile ID's own words, from either error body shape, or a short excerpt of a non-JSON page. */
function smileIdText(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
		return text ? text.slice(0, 200) : undefined;
	}
	return field(body, 'error') ?? field(body, 'message') ?? field(body, 'status');
}

function describeStatus(statusCode: number, body: unknown): KnownRefusal {
	if (statusCode === 429) {
		return {
			message: 'Smile ID is receiving too many requests (HTTP 429)',
			description: 'Wait a moment and run the workflow again, or lower the number of requests in flight.',
		};
	}
	if (statusCode === 408) {
		return {
			message: 'Smile ID timed out waiting for the request (HTTP 408)',
			description: 'Check the network, then try again.',
		};
	}
	if (statusCode >= 500) {
		return {
			message: `Smile ID is unavailable (HTTP ${statusCode})`,
			description: 'Smile ID had a problem on its side. Try again later.',
		};
	}
	if (statusCode === 401 || statusCode === 403) {
		return { message: `Smile ID did not authorize the request (HTTP ${statusCode})`, description: CHECK_CREDENTIALS };
	}
	if (statusCode === 404) {
		return {
			message: 'Smile ID endpoint not found (HTTP 404)',
			description: 'Check the Base URL in the credential: leave it empty to use Smile ID itself.',
		};
	}
	const unreadable = typeof body === 'string' && body.trim() !== '' ? ' with a page that is not JSON' : '';
	return {
		message: `Smile ID refused the request (HTTP ${statusCode})${unreadable}`,
		description: 'Check the User ID and the credential.',
	};
}

/** Turns a non-2xx answer from Smile ID into the error shown to the user. */
export function smileIdAnswerError(node: INode, answer: SmileIdAnswer, itemIndex: number): NodeApiError {
	const code = smileIdCode(answer.body);
	const known = code ? SMILE_ID_CODES[SAME_MEANING[code] ?? code] : undefined;
	const { message, description } = known ?? describeStatus(answer.statusCode, answer.body);
	const said = smileIdText(answer.body);
	const httpStatus = String(answer.statusCode);
	const error = new NodeApiError(
		node,
		{ httpCode: httpStatus, code: code ?? null, smileIdMessage: said ?? null } as JsonObject,
		{
			message: code ? `${message} (Smile ID code ${code})` : message,
			description: said ? `${description} Smile ID said: "${said}"` : description,
			// n8n's error panel shows this as "Error code": Smile ID's own code first, the HTTP status beside it.
			httpCode: code ? `${code} (HTTP ${httpStatus})` : httpStatus,
			itemIndex,
		},
	);
	error.context.httpStatus = httpStatus;
	if (code) error.context.smileIdCode = code;
	return error;
}

const NO_ANSWER_MESSAGES: Record<string, string> = {
	ECONNREFUSED: 'Could not connect to Smile ID',
	ENOTFOUND: 'Could not find the Smile ID server',
	EAI_AGAIN: 'Could not find the Smile ID server',
	ECONNRESET: 'The connection to Smile ID was cut before it answered',
	EPIPE: 'The connection to Smile ID was cut before it answered',
	ECONNABORTED: 'Smile ID did not answer in time',
	ETIMEDOUT: 'Smile ID did not answer in time',
	ESOCKETTIMEDOUT: 'Smile ID did not answer in time',
};

/**
 * A request that got no answer at all: refused, reset, timed out. The network code goes into
 * the description, because n8n replaces any message that names one with its own generic text.
 */
export function smileIdNetworkError(
	node: INode,
	cause: { code?: string; message?: string },
	itemIndex: number,
): NodeApiError {
	const reason = cause.code ?? cause.message ?? 'no answer';
	return new NodeApiError(node, { networkError: reason } as JsonObject, {
		message: (cause.code && NO_ANSWER_MESSAGES[cause.code]) ?? 'Smile ID could not be reached',
		description: `Check the network and the Base URL in the credential, then try again. (${reason})`,
		itemIndex,
	});
}

/** Smile ID answered without the user it was asked about: the same meaning as its code 2210. */
export function noSuchUserError(node: INode, itemIndex: number): NodeApiError {
	const { message, description } = SMILE_ID_CODES['2210'];
	const error = new NodeApiError(node, { code: '2210' } as JsonObject, {
		message,
		description: `${description} Smile ID's answer held no such user.`,
		itemIndex,
	});
	error.context.smileIdCode = '2210';
	return error;
}
