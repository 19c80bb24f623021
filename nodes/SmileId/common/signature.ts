import { createHmac, timingSafeEqual } from 'crypto';

export interface SignedFields {
	timestamp: string;
	signature: string;
}

/**
 * Smile ID's request signature: base64(HMAC-SHA256(apiKey, timestamp + partnerId + "sid_request")).
 * The partner ID is used exactly as given: "085" and "85" sign differently.
 */
export function computeSignature(apiKey: string, partnerId: string, timestamp: string): string {
	return createHmac('sha256', apiKey)
		.update(timestamp + partnerId + 'sid_request', 'utf8')
		.digest('base64');
}

export function signNow(apiKey: string, partnerId: string, now: Date = new Date()): SignedFields {
	const timestamp = now.toISOString();
	return { timestamp, signature: computeSignature(apiKey, partnerId, timestamp) };
}

const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The timestamp string a signature covers: a string verbatim; a number is Unix milliseconds,
 * signed as its ISO 8601 form, as Smile ID's SDK converts it. Anything else covers nothing.
 */
export function signedTimestamp(timestamp: unknown): string | undefined {
	if (typeof timestamp === 'string') return timestamp;
	if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return undefined;
	const date = new Date(timestamp);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Whether a signature Smile ID sent (a callback, a job status answer) is the one our own
 * partner ID and key give for its own timestamp (see signedTimestamp). Compared in constant
 * time on the decoded bytes; anything that is not two strings or not standard base64 fails.
 */
export function signatureMatches(
	apiKey: string,
	partnerId: string,
	signed: Partial<Record<keyof SignedFields, unknown>>,
): boolean {
	const { signature } = signed;
	const timestamp = signedTimestamp(signed.timestamp);
	if (timestamp === undefined || typeof signature !== 'string') return false;
	// Buffer.from(…, 'base64') silently skips characters outside the alphabet: check the form first.
	if (signature.length % 4 !== 0 || !STANDARD_BASE64.test(signature)) return false;
	const expected = Buffer.from(computeSignature(apiKey, partnerId, timestamp), 'base64');
	const actual = Buffer.from(signature, 'base64');
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}
