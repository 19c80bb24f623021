import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { AdaptiveLimit } from './limiter';
import { smileIdAnswerError, smileIdCode, smileIdNetworkError } from './errors';
import type { RetryPolicy } from './retry';
import { backoffDelayMs, isRetryableNetworkCode, isRetryableStatus, retryAfterMs } from './retry';

export const ENROLLEE_PATH = '/api/v2/partner/enrollee';
export const ENROLLEE_INFO_PATH = '/api/v2/partner/enrollee/info';
export const WALLET_BALANCE_PATH = '/api/v2/partner/wallet_balance';

export interface SendSettings {
	retry: RetryPolicy;
	timeoutMs: number;
	limit: AdaptiveLimit;
}

/**
 * Asked when a request's answer was lost after it may have reached Smile ID (reset, timeout, cut
 * answer), before retrying: true when Smile ID shows the change in place, so nothing is re-sent.
 */
export type SettleByReading = () => Promise<boolean>;

export type SmileIdResult =
	| { ok: true; body: unknown; verifiedByReading?: true }
	| {
			ok: false;
			error: NodeApiError;
			smileIdCode?: string;
			/** An earlier attempt may have reached Smile ID but its answer never came back. */
			earlierAnswerLost: boolean;
	  };

/** Smile ID's answer, or why there was none (a network code such as ECONNRESET). */
interface Attempt {
	response?: IN8nHttpFullResponse;
	code?: string;
	message?: string;
}

type NetworkError = { code?: string; message?: string; cause?: { code?: string; message?: string } };

/** n8n wraps the HTTP client's error; its cause holds the network code. Nothing else is kept: the request carries the signature. */
function networkFailure(error: NetworkError): Attempt {
	const cause = error.cause ?? error;
	return { code: cause.code ?? error.code, message: cause.message ?? error.message };
}

/** The only door to the network: one signed POST, fresh signature per attempt (the credential signs each call). */
async function attempt(
	context: IExecuteFunctions,
	path: string,
	body: IDataObject,
	timeoutMs: number,
): Promise<Attempt> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, 'smileIdApi', {
			method: 'POST',
			url: path,
			body,
			json: true,
			timeout: timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
		return { response };
	} catch (error) {
		return networkFailure(error as NetworkError);
	}
}

/**
 * Sends one item's request, retrying network failures, timeouts, 408, 429 and 5xx with
 * exponential backoff and Retry-After, within the policy's attempts and total wait.
 */
export async function sendToSmileId(
	context: IExecuteFunctions,
	path: string,
	body: IDataObject,
	itemIndex: number,
	settings: SendSettings,
	settle?: SettleByReading,
): Promise<SmileIdResult> {
	const { retry, limit } = settings;
	let waitedMs = 0;
	let earlierAnswerLost = false;
	for (let attempts = 1; ; attempts++) {
		const result = await attempt(context, path, body, settings.timeoutMs);
		const { response } = result;
		if (response && response.statusCode >= 200 && response.statusCode < 300) {
			limit.onAnswer();
			return { ok: true, body: response.body };
		}
		if (response?.statusCode === 429) limit.onThrottled();
		else if (response && response.statusCode < 500) limit.onAnswer();

		const retryable = response ? isRetryableStatus(response.statusCode) : isRetryableNetworkCode(result.code);
		const answerLost = !response && retryable && result.code !== 'ECONNREFUSED';
		if (answerLost && settle && (await settle())) return { ok: true, body: undefined, verifiedByReading: true };
		const delayMs = retryAfterMs(response?.headers?.['retry-after']) ?? backoffDelayMs(attempts, retry.firstDelayMs);
		const cancelled = context.getExecutionCancelSignal()?.aborted === true;
		if (!retryable || cancelled || attempts >= retry.maxAttempts || waitedMs + delayMs > retry.maxTotalWaitMs) {
			const error = response
				? smileIdAnswerError(context.getNode(), response, itemIndex)
				: smileIdNetworkError(context.getNode(), result, itemIndex);
			if (attempts > 1) error.description = `${error.description ?? ''} Gave up after ${attempts} attempts.`.trim();
			return { ok: false, error, smileIdCode: response && smileIdCode(response.body), earlierAnswerLost };
		}
		// A 429 or a refused connection was never processed; anything else may have been.
		if (response?.statusCode !== 429 && result.code !== 'ECONNREFUSED') earlierAnswerLost = true;
		await sleep(delayMs);
		waitedMs += delayMs;
	}
}
