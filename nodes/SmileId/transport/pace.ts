import { waitUnlessStopped } from './stop';

/**
 * Smile ID does not document the window it counts requests in; one second is what the sandbox
 * and most API gateways count. Requests are paced over a slightly longer window, so that jitter
 * on the way does not fill Smile ID's.
 */
const RATE_WINDOW_MS = 1000;
const PACING_WINDOW_MS = 1050;
/**
 * Three windows after it learned a rate, a paced account tries 5% more (at least one request),
 * and while Smile ID keeps accepting, twice the step every window: a rate learned from one
 * stray burst is left within seconds. Each probe that draws a 429 doubles the wait before the
 * next (up to 30 s), so that a real limit costs fewer and fewer 429s.
 */
const FIRST_PROBE_AFTER_MS = 3 * PACING_WINDOW_MS;
const LONGEST_PROBE_WAIT_MS = 30_000;
const FIRST_PROBE_SHARE = 0.05;
/** A limit crossed refuses every request after it: three of the last four, where stray 429s rarely do. */
const BURST_OF = 4;
/** Fewer accepted requests in the second before a 429 say nothing about a rate (a pause, a hang). */
const MIN_RATE_EVIDENCE = 5;
/** A 429 whose request left longer ago than this says nothing about the current window. */
const HORIZON_MS = 10_000;

/** One request as it left: its order among the account's requests, and when. */
export interface Send {
	seq: number;
	sentAt: number;
	refused?: boolean;
}

/**
 * How fast one account's requests may leave (one RatePace per AccountLimit). Unpaced until Smile ID refuses requests in a row
 * with 429 (a stray 429 is only retried); then it learns the rate Smile ID accepted (the requests
 * of the second before the refused one that were not refused), paces to it and probes upwards.
 * A 429 while paced says, by how many were accepted in the second before it:
 * - as many as learned: the probe went too far; back to what was accepted;
 * - at least half: the limit is a little lower than learned (timing on the way); pace to it;
 * - fewer: the limit is not about this pace (another client shares it, or Smile ID is busy);
 *   pacing stops and is learned anew from the next run of refusals.
 * A Retry-After holds back every new request.
 */
export class RatePace {
	/** The requests of the last HORIZON_MS, oldest first. */
	private sends: Send[] = [];

	private sent = 0;

	private rate: number | undefined;

	private learned = 0;

	private firstSeqSinceChange = 0;

	private probeAt = Infinity;

	private probeStep = 1;

	private probeWaitMs = FIRST_PROBE_AFTER_MS;

	/** Until when a Retry-After holds back every new request. */
	pausedUntil = 0;

	/** The number the next request will get. */
	get nextSeq(): number {
		return this.sent;
	}

	/** Waits for the request's turn; undefined when stopped meanwhile (nothing left). */
	async acquire(stop: AbortSignal | undefined): Promise<Send | undefined> {
		let paced = false;
		for (;;) {
			if (stop?.aborted) return undefined;
			const tokenAt = this.nextTokenAt();
			const waitMs = Math.max(this.pausedUntil, tokenAt) - Date.now();
			if (waitMs <= 0) break;
			paced ||= tokenAt > this.pausedUntil;
			await waitUnlessStopped(waitMs, stop);
		}
		const now = Date.now();
		if (paced && this.rate !== undefined && now >= this.probeAt) {
			this.rate += this.probeStep;
			this.probeStep *= 2;
			this.probeAt = now + PACING_WINDOW_MS;
		}
		while (this.sends.length > 0 && this.sends[0].sentAt <= now - HORIZON_MS) this.sends.shift();
		const send = { seq: this.sent++, sentAt: now };
		this.sends.push(send);
		return send;
	}

	/** A request's token comes back one pacing window after it left, or at once if Smile ID refused it (it did not count it). */
	private nextTokenAt(): number {
		if (this.rate === undefined) return 0;
		const windowStart = Date.now() - PACING_WINDOW_MS;
		let held = 0;
		for (let i = this.sends.length - 1; i >= 0 && this.sends[i].sentAt > windowStart; i--) {
			if (this.sends[i].refused) continue;
			if (++held >= this.rate) return this.sends[i].sentAt + PACING_WINDOW_MS;
		}
		return 0;
	}

	pauseFor(waitMs: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
	}

	onThrottled(send: Send): void {
		send.refused = true;
		if (send.seq < this.firstSeqSinceChange) return;
		const accepted = this.sends.filter(
			(s) => !s.refused && s.seq < send.seq && s.sentAt > send.sentAt - RATE_WINDOW_MS,
		).length;
		if (this.rate !== undefined && accepted >= this.learned) {
			this.probeWaitMs = Math.min(2 * this.probeWaitMs, LONGEST_PROBE_WAIT_MS);
			this.learn(accepted);
		} else if (this.rate !== undefined && accepted >= this.learned / 2) {
			this.learn(Math.max(MIN_RATE_EVIDENCE, accepted));
		} else if (this.rate !== undefined) {
			this.rate = undefined;
		} else if (accepted >= MIN_RATE_EVIDENCE && this.inBurst(send)) {
			this.probeWaitMs = FIRST_PROBE_AFTER_MS;
			this.learn(accepted);
		} else {
			return;
		}
		this.firstSeqSinceChange = this.sent;
	}

	private learn(accepted: number): void {
		this.rate = this.learned = accepted;
		this.probeStep = Math.max(1, accepted * FIRST_PROBE_SHARE);
		this.probeAt = Date.now() + this.probeWaitMs;
	}

	/** Most of the requests up to this one were refused: a limit was crossed, not a stray 429. */
	private inBurst(send: Send): boolean {
		const upToIt = this.sends.filter((s) => s.seq <= send.seq).slice(-BURST_OF);
		return upToIt.filter((s) => s.refused).length >= BURST_OF - 1;
	}
}
