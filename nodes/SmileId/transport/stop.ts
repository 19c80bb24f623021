import { sleep } from 'n8n-workflow';

import type { SmileIdContext } from './executionCredentials';

/**
 * The Stop race: an execution's requests and waits end at the Timeout or when Stop is pressed,
 * whichever comes first, and nothing that arrives after that is read.
 */

/** Only an execution has a Stop button; a webhook's request ends at its Timeout. */
export function cancelSignalOf(context: SmileIdContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/** The request's promise, given up at `stop`; an answer that arrives after that is closed unread. */
export async function untilStopped<T extends { body?: unknown }>(
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
 * Waits, but no longer than until the execution is stopped. n8n's `sleep` holds the timer: a
 * wait on `AbortSignal.timeout` alone can be garbage-collected and never end.
 */
export async function waitUnlessStopped(
	delayMs: number,
	stop: AbortSignal | undefined,
): Promise<void> {
	if (stop?.aborted) return;
	let onStop = () => {};
	await Promise.race([
		sleep(delayMs),
		new Promise<void>((resolve) => {
			onStop = resolve;
			stop?.addEventListener('abort', onStop, { once: true });
		}),
	]);
	stop?.removeEventListener('abort', onStop);
}
