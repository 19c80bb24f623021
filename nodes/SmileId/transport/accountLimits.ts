import type { AttemptOutcome } from './classify';
import type { ExecutionLimit } from './limiter';
import { AccountLimit } from './limiter';
import type { Send } from './pace';

/**
 * What this process knows about each Smile ID account it sends to: one AccountLimit per host and
 * partner ID (never the key: a wrong key with a known partner ID shares what is known, and still
 * costs one request, see ExecutionLimit), shared by everything in this process (a main, a webhook
 * process or a worker) that sends through sendToSmileId: every execution and tool call of the node,
 * whatever its type. Bounded: the least recently used account is forgotten past MOST_ACCOUNTS, and
 * any account quiet for ACCOUNT_IDLE_MS.
 */

/**
 * A process that has not sent to an account for this long starts over with it: the knowledge is
 * for executions that overlap or follow closely (a burst of webhooks, chunks of a queue, an agent's
 * calls); starting over costs one round of discovery.
 */
export const ACCOUNT_IDLE_MS = 10_000;
/** Each idle account holds a few hundred bytes, a busy one its last 10 s of requests. */
export const MOST_ACCOUNTS = 100;

const accounts = new Map<string, AccountLimit>();

/** The account's limit in this process; `server` is the Smile ID server's address (hostOf). */
export function accountLimit(server: string, partnerId: string): AccountLimit {
	const now = Date.now();
	for (const [key, account] of accounts)
		if (now - account.quietSince() > ACCOUNT_IDLE_MS) accounts.delete(key);
	const key = JSON.stringify([new URL(server).host, partnerId]);
	const account = accounts.get(key) ?? new AccountLimit();
	// A Map keeps insertion order: re-inserting makes it the most recently used.
	accounts.delete(key);
	accounts.set(key, account);
	if (accounts.size > MOST_ACCOUNTS) accounts.delete(accounts.keys().next().value!);
	return account;
}

/** Tells the account's limit what the answer says about Smile ID's load, and the execution's that Smile ID answered. */
export function feedBack(
	account: AccountLimit,
	limit: ExecutionLimit,
	outcome: AttemptOutcome,
	send: Send,
): void {
	const statusCode = 'statusCode' in outcome ? outcome.statusCode : undefined;
	if (statusCode === 429) account.onThrottled(send);
	else if (statusCode === 408 || (outcome.kind === 'lost' && outcome.reason === 'timeout'))
		account.onTimeout(send);
	else if (statusCode !== undefined && statusCode < 500) {
		account.onAnswer(send);
		limit.onAnswer();
	} else account.onOther();
}
