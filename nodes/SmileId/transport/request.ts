import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
	NodeApiError,
} from 'n8n-workflow';

import type { SmileIdAnswer, UnreadableCode } from './answer';
import { AnswerUnreadable, parseAnswer, readBody, scrubSecrets } from './answer';
import type { SmileIdCredentials } from './environment';
import { readCredentials, smileIdBaseUrl } from './environment';
import { failureOf } from './errors';
import type { LostAnswerReason } from './noAnswer';
import { answerLostError, smileIdNetworkError, stoppedError } from './noAnswer';
import type { AdaptiveLimit } from './limiter';
import type { RetryPolicy } from './retry';
import {
	backoffDelayMs,
	isRetryableNetworkCode,
	isRetryableStatus,
	retryAfterMs,
	waitUnlessStopped,
} from './retry';
import { computeSignature } from './signature';

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
	/** `timestamp`: the one this answer's request was signed with. */
	| { ok: true; body: IDataObject | undefined; timestamp?: string; verifiedByReading?: true }
	| {
			ok: false;
			error: NodeApiError;
			smileIdCode?: string;
			/** An earlier attempt may have reached Smile ID but its answer never came back. */
			earlierAnswerLost: boolean;
			/** The last attempt reached Smile ID (or may have) and its answer was lost: the change may have been applied. */
			answerLost: boolean;
			/** The execution was stopped; nothing more was sent. */
			stopped: boolean;
	  };

/** Smile ID's answer, or why there was none (a network code such as ECONNRESET, or ETIMEDOUT). */
interface Attempt {
	answer?: SmileIdAnswer;
	code?: string;
}

/** The credential of an execution: as n8n decrypted it, and as the node reads it. */
export interface ExecutionCredentials {
	decrypted: ICredentialsDecrypted;
	read: SmileIdCredentials;
}

/** Who sends: an execution of the node, or the trigger asking job_status about a callback. */
export type SmileIdContext = IExecuteFunctions | IWebhookFunctions;

/** Only an execution has a Stop button; a webhook's request ends at its Timeout. */
function cancelSignalOf(context: SmileIdContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

const credentialsOfExecution = new WeakMap<SmileIdContext, Promise<ExecutionCredentials>>();

/**
 * Looked up and decrypted once per execution, not once per request: n8n resolves a credential's
 * expressions for the first item either way. Each attempt hands it to n8n, whose HTTP helper
 * still has the credential sign the request; the key and partner ID also give the signature to
 * keep out of answers, and the Base URL resolves redirects.
 */
export async function credentialsOf(context: SmileIdContext): Promise<ExecutionCredentials> {
	if (!credentialsOfExecution.has(context)) {
		const { id, name } = context.getNode().credentials?.smileIdApi ?? {};
		credentialsOfExecution.set(
			context,
			context.getCredentials('smileIdApi').then((data) => ({
				decrypted: { id: id ?? '', name: name ?? '', type: 'smileIdApi', data },
				read: readCredentials(data).credentials,
			})),
		);
	}
	return await (credentialsOfExecution.get(context) as Promise<ExecutionCredentials>);
}

/** The request's promise, given up at `stop`; an answer that arrives after that is closed unread. */
async function untilStopped<T extends { body?: unknown }>(
	request: Promise<T>,
	stop: AbortSignal,
	reason: () => Error,
): Promise<T> {
	return await new Promise<T>((resolve, reject) => {
		const onStop = () => reject(reason());
		if (stop.aborted) onStop();
		stop.addEventListener('abort', onStop, { once: true });
		request.then(
			(response) => {
				stop.removeEventListener('abort', onStop);
				if (stop.aborted) (response.body as { destroy?: () => void } | undefined)?.destroy?.();
				resolve(response);
			},
			(error: unknown) => {
				stop.removeEventListener('abort', onStop);
				reject(error as Error);
			},
		);
	});
}

/**
 * The only door to the network: one signed POST that ends, headers and body, at the Timeout or
 * at Stop. Redirects are not followed: the body carries a signature valid for minutes.
 */
async function attempt(
	context: SmileIdContext,
	path: string,
	body: IDataObject,
	timeoutMs: number,
	{ decrypted, read: credentials }: ExecutionCredentials,
): Promise<Attempt> {
	// The API key and this attempt's signature: what must never be handed on from Smile ID's answer.
	const secrets = [
		credentials.apiKey,
		computeSignature(credentials.apiKey, credentials.partnerId, String(body.timestamp)),
	];
	const cancel = cancelSignalOf(context);
	const stop = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(cancel ? [cancel] : [])]);
	const stopCode = (): UnreadableCode => (cancel?.aborted ? 'ERR_CANCELED' : 'ETIMEDOUT');
	try {
		const request = context.helpers.httpRequestWithAuthentication.call(
			context,
			'smileIdApi',
			{
				method: 'POST',
				url: path,
				body,
				json: true,
				timeout: timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				encoding: 'stream',
			},
			{ credentialsDecrypted: decrypted },
		) as Promise<IN8nHttpFullResponse>;
		const response = await untilStopped(request, stop, () => new AnswerUnreadable(stopCode()));
		const read = await readBody(response.body, stop, stopCode);
		if ('code' in read) return read;
		const said = scrubSecrets(parseAnswer(read.text), secrets);
		const url = URL.canParse(path) ? path : `${smileIdBaseUrl(credentials)}${path}`;
		return {
			answer: { url, statusCode: response.statusCode, headers: response.headers, body: said },
		};
	} catch (error) {
		if (error instanceof AnswerUnreadable) return { code: error.code };
		// n8n wraps the HTTP client's error; its cause holds the network code. Nothing else is kept: the request carries the signature.
		const failure = error as { code?: string; cause?: { code?: string } };
		return { code: cancel?.aborted ? 'ERR_CANCELED' : (failure.cause?.code ?? failure.code) };
	}
}

/** Network codes that say the request never left: nothing can have been applied. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function lostReason(code: string | undefined): LostAnswerReason | undefined {
	if (code === undefined || NEVER_SENT.has(code)) return undefined;
	if (code === 'ERR_ANSWER_TOO_LARGE') return 'too large';
	if (['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT'].includes(code)) return 'timeout';
	return 'cut';
}

/**
 * Sends one item's request, retrying network failures, timeouts, 408, 429 and 5xx with
 * exponential backoff and Retry-After, within the policy's attempts and total wait.
 */
export async function sendToSmileId(
	context: SmileIdContext,
	path: string,
	body: IDataObject,
	itemIndex: number,
	settings: SendSettings,
	settle?: SettleByReading,
): Promise<SmileIdResult> {
	const { retry, limit } = settings;
	const node = context.getNode();
	const cancel = cancelSignalOf(context);
	let waitedMs = 0;
	let earlierAnswerLost = false;
	for (let attempts = 1; ; attempts++) {
		const send = await limit.acquire(cancel);
		if (cancel?.aborted) {
			return {
				ok: false,
				error: stoppedError(node, itemIndex, false),
				earlierAnswerLost,
				answerLost: false,
				stopped: true,
			};
		}
		// The credential signs this timestamp, so the signature to keep out of every answer is known.
		const timestamp = new Date().toISOString();
		const credentials = await credentialsOf(context);
		const { answer, code } = await attempt(
			context,
			path,
			{ ...body, timestamp },
			settings.timeoutMs,
			credentials,
		);
		if (code === 'ERR_CANCELED' || cancel?.aborted) {
			return {
				ok: false,
				error: stoppedError(node, itemIndex, true),
				earlierAnswerLost,
				answerLost: true,
				stopped: true,
			};
		}
		const failure = answer && failureOf(node, answer, itemIndex);
		if (answer && !failure) {
			limit.onAnswer();
			return { ok: true, body: answer.body as IDataObject, timestamp };
		}
		if (answer?.statusCode === 429) limit.onThrottled(send);
		else if (answer?.statusCode === 408 || lostReason(code) === 'timeout') limit.onTimeout(send);
		else if (answer && answer.statusCode < 500) limit.onAnswer();

		const lost = answer ? undefined : lostReason(code);
		const retryable = answer ? isRetryableStatus(answer.statusCode) : isRetryableNetworkCode(code);
		if (lost && settle && (await settle()))
			return { ok: true, body: undefined, verifiedByReading: true };
		const askedWaitMs = retryAfterMs(answer?.headers?.['retry-after']);
		// Smile ID asked everyone to wait, but never longer than an item is willing to.
		if (askedWaitMs !== undefined) limit.pauseFor(Math.min(askedWaitMs, retry.maxTotalWaitMs));
		const delayMs = askedWaitMs ?? backoffDelayMs(attempts, retry.firstDelayMs);
		if (!retryable || attempts >= retry.maxAttempts || waitedMs + delayMs > retry.maxTotalWaitMs) {
			const error =
				failure ??
				(lost
					? answerLostError(node, lost, itemIndex)
					: smileIdNetworkError(node, code, itemIndex));
			if (attempts > 1)
				error.description = `${error.description ?? ''} Gave up after ${attempts} attempts.`.trim();
			return {
				ok: false,
				error,
				smileIdCode: failure?.context.smileIdCode as string | undefined,
				earlierAnswerLost,
				answerLost: !!lost,
				stopped: false,
			};
		}
		// A 429 or a connection that never opened was not processed; anything else may have been.
		if (answer?.statusCode !== 429 && !(code && NEVER_SENT.has(code))) earlierAnswerLost = true;
		await waitUnlessStopped(delayMs, cancel);
		waitedMs += delayMs;
	}
}
