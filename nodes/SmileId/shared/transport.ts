import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { AdaptiveLimit } from './concurrency';
import { smileIdAnswerError, smileIdCode, smileIdNetworkError } from './errors';
import type { RetryPolicy } from './retry';
import { backoffDelayMs, isRetryableNetworkCode, isRetryableStatus, retryAfterMs } from './retry';

export const ENROLLEE_PATH = '/api/v2/partner/enrollee';

export interface SendSettings {
	retry: RetryPolicy;
	timeoutMs: number;
	limit: AdaptiveLimit;
}

export type SmileIdResult =
	| { ok: true; body: unknown; attempts: number }
	| {
			ok: false;
			error: NodeApiError;
			smileIdCode?: string;
			/** An earlier attempt may have reached Smile ID but its answer never came back. */
			earlierAnswerLost: boolean;
			attempts: number;
	  };

type Attempt =
	| { kind: 'answer'; response: IN8nHttpFullResponse }
	| { kind: 'noAnswer'; code?: string; message?: string };

function networkFailure(error: { code?: string; message?: string; cause?: { code?: string; message?: string } }) {
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
		return { kind: 'answer', response };
	} catch (error) {
		return { kind: 'noAnswer', ...networkFailure(error as Parameters<typeof networkFailure>[0]) };
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
): Promise<SmileIdResult> {
	const { retry, limit } = settings;
	let waitedMs = 0;
	let earlierAnswerLost = false;
	for (let attempts = 1; ; attempts++) {
		const result = await attempt(context, path, body, settings.timeoutMs);
		const statusCode = result.kind === 'answer' ? result.response.statusCode : undefined;
		if (statusCode !== undefined && statusCode >= 200 && statusCode < 300) {
			limit.onAnswer();
			return { ok: true, body: result.kind === 'answer' ? result.response.body : undefined, attempts };
		}
		if (statusCode === 429) limit.onThrottled();
		else if (statusCode !== undefined && statusCode < 500) limit.onAnswer();

		const retryable =
			result.kind === 'answer' ? isRetryableStatus(result.response.statusCode) : isRetryableNetworkCode(result.code);
		const cancelled = context.getExecutionCancelSignal()?.aborted === true;
		const delayMs =
			(result.kind === 'answer' ? retryAfterMs(result.response.headers?.['retry-after']) : undefined) ??
			backoffDelayMs(attempts, retry.firstDelayMs);
		if (!retryable || cancelled || attempts >= retry.maxAttempts || waitedMs + delayMs > retry.maxTotalWaitMs) {
			const error =
				result.kind === 'answer'
					? smileIdAnswerError(context.getNode(), result.response, itemIndex)
					: smileIdNetworkError(context.getNode(), result, itemIndex);
			if (attempts > 1) {
				error.description = `${error.description ?? ''} Gave up after ${attempts} attempts.`.trim();
			}
			const code = result.kind === 'answer' ? smileIdCode(result.response.body) : undefined;
			return { ok: false, error, smileIdCode: code, earlierAnswerLost, attempts };
		}
		if (statusCode !== 429 && !(result.kind === 'noAnswer' && result.code === 'ECONNREFUSED')) {
			earlierAnswerLost = true;
		}
		await sleep(delayMs);
		waitedMs += delayMs;
	}
}
