import { createHmac } from 'crypto';

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
