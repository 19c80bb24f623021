import { CHECK_CREDENTIALS } from '../common/credentials';

/**
 * The one mapping of what Smile ID answers to what the user is shown: its error codes, and the
 * HTTP statuses of answers without a known code. smileIdError.ts builds the errors from them.
 */
export interface KnownRefusal {
	message: string;
	description: string;
}

const REQUEST_BUG =
	'This is a bug in the Smile ID node, not in your workflow: please report it with the node version.';

/** What each Smile ID error code means for the person running the workflow. */
const SMILE_ID_CODES: Record<string, KnownRefusal> = {
	'2201': {
		message: 'Smile ID had a system error',
		description: 'Try again later. If it persists, contact Smile ID support.',
	},
	'2203': {
		message: 'Smile ID could not read the request (invalid JSON)',
		description: REQUEST_BUG,
	},
	'2204': {
		message: 'Smile ID rejected a parameter of the wrong type',
		description: `Make sure the User ID is text. ${CHECK_CREDENTIALS}`,
	},
	'2205': { message: 'Smile ID did not authorize the request', description: CHECK_CREDENTIALS },
	'2207': {
		message: 'The user is deactivated',
		description:
			'Reactivate the user first (operation "Reactivate"), then run this operation again.',
	},
	'2208': {
		message: 'The user has been deleted',
		description:
			'A deleted user ID can no longer be changed. Check that the User ID is the one you meant.',
	},
	'2209': {
		message: 'The user is already enrolled',
		description:
			'Allow re-enrollment first (operation "Allow Re-Enrollment") if the user must enroll again.',
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
		description:
			'Ask Smile ID to enable production for your account, or use the Sandbox environment.',
	},
};
const SAME_MEANING: Record<string, string> = {
	'2301': '2201',
	'2401': '2201',
	'2405': '2205',
	'2413': '2213',
};

/** Whether Smile ID refused the credential itself: every later request would be refused the same way. */
export function isCredentialRefusal(code: unknown): boolean {
	return typeof code === 'string' && (SAME_MEANING[code] ?? code) === '2205';
}

export function field(body: unknown, name: string): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const value = (body as Record<string, unknown>)[name];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Smile ID's error code, whether it came as a string or a number, or undefined. */
export function smileIdCode(body: unknown): string | undefined {
	return field(body, 'code');
}

/** The most of Smile ID's own words quoted in an error, whatever the answer's shape. */
const MAX_QUOTED_CHARACTERS = 200;

/** Smile ID's own words, from either error body shape, or a short excerpt of a non-JSON page. */
export function smileIdText(body: unknown): string | undefined {
	const said =
		typeof body === 'string'
			? body
					.replace(/<[^>]*>/g, ' ')
					.replace(/\s+/g, ' ')
					.trim()
			: (field(body, 'error') ?? field(body, 'message') ?? field(body, 'status'));
	if (!said) return undefined;
	return said.length > MAX_QUOTED_CHARACTERS ? `${said.slice(0, MAX_QUOTED_CHARACTERS)}…` : said;
}

export function describeStatus(statusCode: number, body: unknown): KnownRefusal {
	if (statusCode === 429) {
		return {
			message: 'Smile ID is receiving too many requests (HTTP 429)',
			description:
				'Wait a moment and run the workflow again, or lower the number of requests in flight.',
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
		return {
			message: `Smile ID did not authorize the request (HTTP ${statusCode})`,
			description: CHECK_CREDENTIALS,
		};
	}
	if (statusCode === 404) {
		return {
			message: 'Smile ID endpoint not found (HTTP 404)',
			description: 'Check the Base URL in the credential: leave it empty to use Smile ID itself.',
		};
	}
	const unreadable =
		typeof body === 'string' && body.trim() !== '' ? ' with a page that is not JSON' : '';
	return {
		message: `Smile ID refused the request (HTTP ${statusCode})${unreadable}`,
		description: 'Check the User ID and the credential.',
	};
}

/** What a documented Smile ID code means, or undefined for any other code. */
export function knownRefusal(code: string | undefined): KnownRefusal | undefined {
	return code ? SMILE_ID_CODES[SAME_MEANING[code] ?? code] : undefined;
}

export function isKnownErrorCode(code: string | undefined): boolean {
	return code !== undefined && (code in SMILE_ID_CODES || code in SAME_MEANING);
}
