/**
 * What Smile ID concluded, from a job's ResultCode. Only codes documented by Smile ID (or, where
 * marked, a widely used third-party mapping) are listed; any other code is 'unknown': the table
 * never guesses.
 */
export type Verdict = 'approved' | 'provisional' | 'rejected' | 'error' | 'unknown';

export const VERDICTS: Verdict[] = ['approved', 'provisional', 'rejected', 'error', 'unknown'];

const RESULT_CODES: Record<string, { verdict: Exclude<Verdict, 'unknown'>; meaning: string }> = {
	'1012': { verdict: 'approved', meaning: 'ID number validated' },
	'1020': { verdict: 'approved', meaning: 'Exact match' },
	'1021': { verdict: 'approved', meaning: 'Partial match' },
	'1210': { verdict: 'approved', meaning: 'Enroll user' },
	'1220': { verdict: 'approved', meaning: 'Authenticated' },
	'0820': { verdict: 'approved', meaning: 'SmartSelfie passed (third-party mapping)' },
	'0814': { verdict: 'provisional', meaning: 'Provisional enroll, under human review' },
	'0822': {
		verdict: 'provisional',
		meaning: 'Provisional SmartSelfie result (third-party mapping)',
	},
	'0824': {
		verdict: 'provisional',
		meaning: 'Provisional SmartSelfie result (third-party mapping)',
	},
	'0825': {
		verdict: 'provisional',
		meaning: 'Provisional SmartSelfie result (third-party mapping)',
	},
	'1013': { verdict: 'rejected', meaning: 'Unable to validate ID' },
	'1022': { verdict: 'rejected', meaning: 'No match' },
	'1023': { verdict: 'rejected', meaning: 'ID not found' },
	'0821': { verdict: 'rejected', meaning: 'Failed compare (third-party mapping)' },
	'1221': { verdict: 'rejected', meaning: 'Failed compare (third-party mapping)' },
	'0823': { verdict: 'rejected', meaning: 'Possible spoof (third-party mapping)' },
	'1222': { verdict: 'rejected', meaning: 'Possible spoof (third-party mapping)' },
	'0907': { verdict: 'rejected', meaning: 'Possible spoof' },
	'5211': { verdict: 'rejected', meaning: 'Smile Secure found suspect users' },
	'1030': {
		verdict: 'rejected',
		meaning: 'Found on an AML list: sanctions, PEP or adverse media (Smile ID SDK fixture)',
	},
	'5210': { verdict: 'approved', meaning: 'Smile Secure found no suspect users' },
	'0001': { verdict: 'rejected', meaning: 'Unusable image' },
	'0903': { verdict: 'rejected', meaning: 'Corrupt zip' },
	'5212': { verdict: 'error', meaning: 'Smile Secure system error' },
};

/** The verdict for a ResultCode given as a string or a number; 'unknown' for anything not in the table. */
export function verdictOf(resultCode: unknown): Verdict {
	if (typeof resultCode !== 'string' && typeof resultCode !== 'number') return 'unknown';
	const code = String(resultCode).trim().padStart(4, '0');
	return RESULT_CODES[code]?.verdict ?? 'unknown';
}
