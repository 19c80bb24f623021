import { runWithLimit } from '../../nodes/SmileId/helpers/runWithLimit';
import { AdaptiveLimit } from '../../nodes/SmileId/transport/limiter';
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

describe('the in-flight limit', () => {
	/** One round: as many requests as the limit allows leave, then all come back the same way. */
	async function round(limit: AdaptiveLimit, answer: 'ok' | 'throttled' | 'timeout') {
		const sends = [];
		for (let i = 0; i < limit.value; i++) sends.push(await limit.acquire());
		for (const send of sends) {
			if (answer === 'ok') limit.onAnswer();
			else if (answer === 'throttled') limit.onThrottled(send);
			else limit.onTimeout(send);
		}
		return limit.value;
	}

	it('starts at one, doubles per round of answers (slow start) and never passes its maximum', async () => {
		const limit = new AdaptiveLimit(40);
		const seen = [limit.value];
		for (let i = 0; i < 7; i++) seen.push(await round(limit, 'ok'));
		expect(seen).toEqual([1, 2, 4, 8, 16, 32, 40, 40]);
	});

	it.each(['throttled', 'timeout'] as const)(
		'halves once per round when %s, then grows by one per round',
		async (bad) => {
			const limit = new AdaptiveLimit(100);
			for (let i = 0; i < 4; i++) await round(limit, 'ok');
			expect(limit.value).toBe(16);
			// Sixteen requests of one round all come back bad: one decrease, not sixteen.
			expect(await round(limit, bad)).toBe(8);
			expect(await round(limit, 'ok')).toBe(9);
			expect(await round(limit, 'ok')).toBe(10);
			expect(await round(limit, bad)).toBe(5);
		},
	);

	it('stays unpaced after a stray 429, and paces to what Smile ID accepted once it refuses requests in a row', async () => {
		jest.useFakeTimers({ now: Date.parse('2026-11-26T12:00:00.000Z') });
		try {
			const limit = new AdaptiveLimit(100);
			/** Asks for `most` requests one after the other; `left` counts those let go so far. */
			const leaveAtOnce = async (most: number) => {
				const asked = { left: 0, waiting: Promise.resolve() };
				asked.waiting = (async () => {
					for (; asked.left < most; asked.left++) await limit.acquire();
				})();
				await jest.advanceTimersByTimeAsync(0);
				return asked;
			};
			for (let i = 0; i < 3; i++) await round(limit, 'ok');
			limit.onThrottled(await limit.acquire());
			// A stray 429: requests still leave as fast as they are asked for.
			expect((await leaveAtOnce(50)).left).toBe(50);
			jest.advanceTimersByTime(2000);
			for (let i = 0; i < 8; i++) await limit.acquire();
			const refusedInARow = [await limit.acquire(), await limit.acquire(), await limit.acquire()];
			for (const send of refusedInARow) limit.onThrottled(send);
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

	it('runs work in index order with no more in flight than the limit allows', async () => {
		const limit = new AdaptiveLimit(3);
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
		const limit = new AdaptiveLimit(1);
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
