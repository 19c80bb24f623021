import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { hostOf } from '../common/credentials';
import type { EndpointName, SmileIdEndpoint } from '../common/endpoints';
import { ENDPOINTS } from '../common/endpoints';
import { attempt } from './attempt';
import { classify } from './classify';
import type { SmileIdContext } from './executionCredentials';
import { credentialsOf } from './executionCredentials';
import { accountLimit, feedBack } from './accountLimits';
import type { ExecutionLimit } from './limiter';
import type { RetryPolicy } from './retryPolicy';
import {
	backoffDelayMs,
	isRetryableNetworkCode,
	isRetryableStatus,
	retryAfterMs,
} from './retryPolicy';
import { answerLostError, networkError, stoppedError } from './smileIdError';
import { cancelSignalOf, waitUnlessStopped } from './stop';

/** How one execution sends: its retry policy, its Timeout, and its share of the account's limit. */
export interface SendSettings {
	retry: RetryPolicy;
	timeoutMs: number;
	limit: ExecutionLimit;
}

/**
 * Asked when a request's answer was lost after it may have reached Smile ID (reset, timeout, cut
 * answer), before retrying: true when Smile ID shows the change in place, so nothing is re-sent.
 */
export type SettleByReading = () => Promise<boolean>;

export type SmileIdResult =
	| {
			ok: true;
			body: IDataObject | undefined;
			verifiedByReading?: true;
			/** The answer carried Smile ID's signature for this credential (answerBody.ts). */
			signedBySmileId?: boolean;
	  }
	| {
			ok: false;
			error: NodeApiError;
			smileIdCode?: string;
			/** An earlier attempt may have reached Smile ID but its answer never came back. */
			earlierAnswerLost: boolean;
	  };

/**
 * Sends one item's request to a Smile ID endpoint (endpoints.ts), retrying network failures,
 * timeouts, 408, 429 and 5xx with exponential backoff and Retry-After, within the policy's
 * attempts and total wait. With `settle`, a lost answer is settled by reading before resending.
 */
export async function sendToSmileId(
	context: SmileIdContext,
	endpoint: EndpointName,
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
		const credentials = await credentialsOf(context);
		const { billed, host } = ENDPOINTS[endpoint] as SmileIdEndpoint;
		const account = accountLimit(hostOf(credentials.read, host), credentials.read.partnerId);
		const send = await account.acquire(cancel);
		if (!send) return { ok: false, error: stoppedError(node, itemIndex, false), earlierAnswerLost };
		// The credential signs this timestamp, so the signature to keep out of every answer is known.
		const timestamp = new Date().toISOString();
		const tried = await attempt(
			context,
			ENDPOINTS[endpoint],
			{ ...body, timestamp },
			settings.timeoutMs,
			credentials,
		);
		if (tried.code === 'ERR_CANCELED' || cancel?.aborted) {
			account.onOther();
			return { ok: false, error: stoppedError(node, itemIndex, true), earlierAnswerLost };
		}
		const outcome = classify(node, tried, itemIndex);
		feedBack(account, limit, outcome, send);
		if (outcome.kind === 'done')
			return { ok: true, body: outcome.body, signedBySmileId: outcome.signedBySmileId };

		const retryable =
			outcome.kind === 'refused'
				? isRetryableStatus(outcome.statusCode)
				: isRetryableNetworkCode(outcome.code);
		// A paid check may also have run behind a 5xx: settled by reading too, before any resend.
		const mayHaveRun =
			outcome.kind === 'lost' ||
			(billed === true && outcome.kind === 'refused' && outcome.statusCode >= 500);
		if (mayHaveRun && settle && (await settle()))
			return { ok: true, body: undefined, verifiedByReading: true };
		// A paid check whose lost answer reading did not settle may still be running: never resent.
		if (billed && outcome.kind === 'lost')
			return {
				ok: false,
				error: answerLostError(node, outcome.reason, itemIndex, 'paidCheck'),
				earlierAnswerLost: true,
			};
		const askedWaitMs =
			outcome.kind === 'refused' ? retryAfterMs(outcome.headers?.['retry-after']) : undefined;
		// Smile ID asked everyone to wait, but never longer than an item is willing to.
		if (askedWaitMs !== undefined) account.pauseFor(Math.min(askedWaitMs, retry.maxTotalWaitMs));
		const delayMs = askedWaitMs ?? backoffDelayMs(attempts, retry.firstDelayMs);
		if (!retryable || attempts >= retry.maxAttempts || waitedMs + delayMs > retry.maxTotalWaitMs) {
			const error =
				outcome.kind === 'refused'
					? outcome.error
					: outcome.kind === 'lost'
						? answerLostError(node, outcome.reason, itemIndex)
						: networkError(node, outcome.code, itemIndex);
			if (attempts > 1)
				error.description = `${error.description ?? ''} Gave up after ${attempts} attempts.`.trim();
			const smileIdCode = error.context.smileIdCode as string | undefined;
			return { ok: false, error, smileIdCode, earlierAnswerLost };
		}
		// A 429 or a connection that never opened was not processed; anything else may have been.
		const unprocessed =
			outcome.kind === 'unsent' || ('statusCode' in outcome && outcome.statusCode === 429);
		if (!unprocessed) earlierAnswerLost = true;
		await waitUnlessStopped(delayMs, cancel);
		waitedMs += delayMs;
	}
}
