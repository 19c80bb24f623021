/** When and how long to wait before sending a request to Smile ID again. */
export interface RetryPolicy {
	/** Attempts per item, the first one included; 1 turns retrying off. */
	maxAttempts: number;
	/** The wait before the first retry; it doubles with each retry, with jitter. */
	firstDelayMs: number;
	/** The most one item may spend waiting between its attempts, Retry-After included. */
	maxTotalWaitMs: number;
}

/**
 * Only answers that say "not now" are retried. Smile ID's own refusals (4xx with a code
 * such as 2205 or 2210) would fail the same way again.
 */
export function isRetryableStatus(statusCode: number): boolean {
	return statusCode === 408 || statusCode === 429 || statusCode >= 500;
}

const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_BAD_RESPONSE',
]);

export function isRetryableNetworkCode(code: string | undefined): boolean {
	return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

/** Exponential backoff with "equal jitter": half the delay is fixed, half is random. */
export function backoffDelayMs(
	retryNumber: number,
	firstDelayMs: number,
	random: () => number = Math.random,
): number {
	const delay = firstDelayMs * 2 ** (retryNumber - 1);
	return Math.round(delay / 2 + random() * (delay / 2));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
