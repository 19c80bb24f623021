/**
 * The sandbox's own signature code. It deliberately does not import the node's code: it is
 * an independent check of what the node sends.
 *
 * signature = base64(HMAC-SHA256(key = API key, message = timestamp + partner_id + "sid_request"))
 */
import { createHmac, timingSafeEqual } from 'crypto';

export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function computeSignature(partnerId: string, apiKey: string, timestamp: string): string {
	return createHmac('sha256', Buffer.from(apiKey, 'utf8'))
		.update(timestamp + partnerId + 'sid_request', 'utf8')
		.digest('base64');
}

/** Recomputes the signature with the partner's own key and compares the decoded bytes in constant time. */
export function signatureMatches(
	partnerId: string,
	apiKey: string,
	timestamp: string,
	signature: string,
): boolean {
	// Standard base64 with padding only: Buffer.from would silently skip bad characters.
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature) || signature.length % 4 !== 0) return false;
	const expected = Buffer.from(computeSignature(partnerId, apiKey, timestamp), 'base64');
	const actual = Buffer.from(signature, 'base64');
	if (expected.length !== actual.length) return false;
	return timingSafeEqual(expected, actual);
}

/** A timestamp is fresh when it has the exact ISO 8601 form with milliseconds and lies within windowMs of now, either way. */
export function timestampProblem(timestamp: string, nowMs: number, windowMs: number): string | null {
	if (!TIMESTAMP_PATTERN.test(timestamp)) return 'timestamp is not ISO 8601 with milliseconds';
	const t = Date.parse(timestamp);
	if (Number.isNaN(t) || new Date(t).toISOString() !== timestamp) return 'timestamp is not a valid date';
	if (Math.abs(nowMs - t) > windowMs) return 'timestamp is outside the freshness window';
	return null;
}
