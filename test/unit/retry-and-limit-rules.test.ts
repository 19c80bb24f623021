import { runWithLimit } from '../../nodes/SmileId/helpers/runWithLimit';
import { AccountLimit, ExecutionLimit } from '../../nodes/SmileId/transport/limiter';
import { RatePace, type Send } from '../../nodes/SmileId/transport/pace';
import {
	backoffDelayMs,
	isRetryableNetworkCode,
	isRetryableStatus,
	retryAfterMs,
} from '../../nodes/SmileId/transport/retryPolicy';

describe('which answers are retried', () => {
	it.each([408, 429, 500, 502, 503, 504])('HTTP %i is retried', (status) => {
		expect(isRetryableStatus(status)).toBe(true);
	});

	it.each([400, 401, 403, 404, 409, 413, 422])(
		'HTTP %i is not: Smile ID would refuse it again',
		(status) => {
			expect(isRetryableStatus(status)).toBe(false);
		},
	);

	it('lost connections and timeouts are retried; a stopped execution is not', () => {
		expect(
			['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'].every(
				isRetryableNetworkCode,
			),
		).toBe(true);
		expect(isRetryableNetworkCode('ERR_CANCELED')).toBe(false);
		expect(isRetryableNetworkCode(undefined)).toBe(false);
	});
});

describe('how long to wait', () => {
	it('doubles the delay with each retry, half of it fixed and half random', () => {
		expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 100, () => 0))).toEqual([50, 100, 200, 400]);
		expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 100, () => 1))).toEqual([100, 200, 400, 800]);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		const now = Date.parse('2026-11-26T12:00:00.000Z');
		expect(retryAfterMs('3', now)).toBe(3000);
		expect(retryAfterMs('0.5', now)).toBe(500);
		expect(retryAfterMs(['2'], now)).toBe(2000);
		expect(retryAfterMs('Thu, 26 Nov 2026 12:00:07 GMT', now)).toBe(7000);
		expect(retryAfterMs('Thu, 26 Nov 2026 11:59:00 GMT', now)).toBe(0);
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
	});
});

describe('the in-flight limit of an account', () => {
	beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-11-26T12:00:00.000Z') }));
	afterEach(() => jest.useRealTimers());

	/** Asks for many requests at once: those let go before the others give up. */
	async function leaveAtOnce(account: AccountLimit): Promise<Send[]> {
		const giveUp = new AbortController();
		const asked = Array.from({ length: 600 }, async () => await account.acquire(giveUp.signal));
		await jest.advanceTimersByTimeAsync(0);
		giveUp.abort();
		return (await Promise.all(asked)).filter((send) => send !== undefined);
	}

	/** One round: as many requests as the account allows leave, then all come back the same way `latencyMs` later. */
	async function round(
		account: AccountLimit,
		answer: 'ok' | 'throttled' | 'timeout',
		latencyMs = 50,
	) {
		const sends = await leaveAtOnce(account);
		await jest.advanceTimersByTimeAsync(latencyMs);
		for (const send of sends) {
			if (answer === 'ok') account.onAnswer(send);
			else if (answer === 'throttled') account.onThrottled(send);
			else account.onTimeout(send);
		}
		return sends.length;
	}

	it('lets one request go, and doubles per round of answers until it would send 1,000 a second', async () => {
		const account = new AccountLimit();
		const seen = [];
		for (let i = 0; i < 8; i++) seen.push(await round(account, 'ok'));
		// At 50 ms an answer, 50 in flight send 1,000 a second: from there it grows by one per round.
		expect(seen).toEqual([1, 2, 4, 8, 16, 32, 50, 51]);
	});

	it('grows four times per round where Smile ID answers in 300 ms, up to 300 in flight', async () => {
		const account = new AccountLimit();
		const seen = [];
		for (let i = 0; i < 7; i++) seen.push(await round(account, 'ok', 300));
		// Each answer adds three (one per 100 ms it took) until 1,000 a second, then one per round.
		expect(seen).toEqual([1, 4, 16, 64, 256, 301, 302]);
	});

	it.each(['throttled', 'timeout'] as const)(
		'halves once per round when %s, then grows by one per round',
		async (bad) => {
			const account = new AccountLimit();
			for (let i = 0; i < 6; i++) await round(account, 'ok');
			// Fifty requests of one round all come back bad: one decrease, not fifty. (After 429s in a
			// row the pace holds the rest of the second too: the rounds wait it out.)
			const after = async (sent: Promise<number>) => {
				const count = await sent;
				await jest.advanceTimersByTimeAsync(1050);
				return count;
			};
			expect(await after(round(account, bad))).toBe(50);
			expect(await round(account, 'ok')).toBe(25);
			expect(await round(account, 'ok')).toBe(26);
		},
	);

	it('grows no further than twice the most it had in flight', async () => {
		const account = new AccountLimit();
		for (let i = 0; i < 5; i++) await round(account, 'ok');
		// At most 16 were in flight: answers to one request at a time say nothing about more than 32.
		for (let i = 0; i < 100; i++) account.onAnswer((await account.acquire())!);
		expect((await leaveAtOnce(account)).length).toBe(32);
	});
});

describe('the pace', () => {
	it('stays unpaced after a stray 429, and paces to what Smile ID accepted once it refuses requests in a row', async () => {
		jest.useFakeTimers({ now: Date.parse('2026-11-26T12:00:00.000Z') });
		try {
			const pace = new RatePace();
			const acquire = async () => (await pace.acquire(undefined))!;
			/** Asks for `most` requests one after the other; `left` counts those let go so far. */
			const leaveAtOnce = async (most: number) => {
				const asked = { left: 0, waiting: Promise.resolve() };
				asked.waiting = (async () => {
					for (; asked.left < most; asked.left++) await acquire();
				})();
				await jest.advanceTimersByTimeAsync(0);
				return asked;
			};
			for (let i = 0; i < 7; i++) await acquire();
			pace.onThrottled(await acquire());
			// A stray 429: requests still leave as fast as they are asked for.
			expect((await leaveAtOnce(50)).left).toBe(50);
			jest.advanceTimersByTime(2000);
			for (let i = 0; i < 8; i++) await acquire();
			const refusedInARow = [await acquire(), await acquire(), await acquire()];
			for (const send of refusedInARow) pace.onThrottled(send);
			// Eight requests of the last second were accepted before three were refused in a row: from
			// now on eight leave per window (the refused ones do not count). The eight just accepted
			// hold this window; the next eight leave when it has passed, the ninth one window later.
			const paced = await leaveAtOnce(9);
			expect(paced.left).toBe(0);
			await jest.advanceTimersByTimeAsync(1050);
			expect(paced.left).toBe(8);
			await jest.advanceTimersByTimeAsync(1050);
			await paced.waiting;
			expect(paced.left).toBe(9);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('running the items of one execution', () => {
	it('runs one item until the first answer, then no more at once than Max Requests in Flight, in index order', async () => {
		const limit = new ExecutionLimit(3);
		let inFlight = 0;
		let most = 0;
		const started: number[] = [];
		await runWithLimit(
			20,
			limit,
			async (index) => {
				started.push(index);
				inFlight++;
				most = Math.max(most, inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				inFlight--;
				limit.onAnswer();
			},
			() => false,
		);
		expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
		expect(most).toBe(3);
	});

	it('starts nothing more once told to stop, and waits for what already runs', async () => {
		const limit = new ExecutionLimit(1);
		const finished: number[] = [];
		await runWithLimit(
			10,
			limit,
			async (index) => {
				await new Promise((resolve) => setImmediate(resolve));
				finished.push(index);
			},
			() => finished.length >= 3,
		);
		expect(finished).toEqual([0, 1, 2]);
	});
});
