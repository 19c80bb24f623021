import { RatePace, type Send } from './pace';

/**
 * Slow start ends once the requests in flight, at the quickest answers seen, would send this many a
 * second: what the earlier fixed ceiling of 50 in flight sent at 50 ms, so an unknown limit costs no
 * more refusals than it did; where Smile ID answers in 300 ms it allows 300.
 */
const RAMP_REQUESTS_PER_SECOND = 1000;
/**
 * In slow start each answer adds one more in flight per 100 ms the quickest answer took (at least
 * one): doubling per round at 50 ms, four times per round at 300 ms, so that the rate grows no
 * faster per second where Smile ID is slow than where it answers in 100 ms.
 */
const SLOW_START_STEP_MS = 100;
/** The most any account may have in flight: Max Requests in Flight's own maximum. */
const MOST_IN_FLIGHT = 500;

/**
 * How many requests of one Smile ID account may be in flight in this process, and how fast they
 * may leave; shared by every execution and tool call that sends with it (accountLimits.ts):
 * - starts at one and doubles per round of answers (slow start; more where answers are slow,
 *   SLOW_START_STEP_MS) until the first 429, timeout or the ramp's rate;
 * - then grows by one per round and halves on a 429 or a timeout, once per round: answers to
 *   requests sent before the last decrease say nothing new;
 * - grows only to one round's growth beyond the most it has had in flight: answers to a few
 *   requests say nothing about many;
 * - paces to the rate Smile ID accepts once it has refused requests in a row (see RatePace).
 */
export class AccountLimit {
	private window = 1;

	private slowStart = true;

	private answersSinceGrowth = 0;

	private firstSeqSinceDecrease = 0;

	private inFlight = 0;

	private mostInFlight = 0;

	private quickestAnswerMs = Infinity;

	private lastUsedAt = Date.now();

	private readonly waiting: Array<() => void> = [];

	private readonly pace = new RatePace();

	/** When it last sent or heard anything, or its Retry-After ends; Infinity while it has requests in flight or waiting. */
	quietSince(): number {
		if (this.inFlight > 0 || this.waiting.length > 0) return Infinity;
		return Math.max(this.lastUsedAt, this.pace.pausedUntil);
	}

	/** Waits for a free place, then for the pace (and any Retry-After); undefined when stopped meanwhile. */
	async acquire(stop?: AbortSignal): Promise<Send | undefined> {
		while (this.inFlight >= this.window) {
			if (stop?.aborted) return undefined;
			await this.freePlace(stop);
		}
		this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
		this.lastUsedAt = Date.now();
		const send = await this.pace.acquire(stop);
		if (!send) this.release();
		return send;
	}

	/** Smile ID processed the request: any answer but 408, 429 or 5xx. */
	onAnswer(send: Send): void {
		this.quickestAnswerMs = Math.min(this.quickestAnswerMs, Date.now() - send.sentAt);
		const step = Math.max(1, Math.floor(this.quickestAnswerMs / SLOW_START_STEP_MS));
		if ((step + 1) * this.mostInFlight > this.window && this.window < MOST_IN_FLIGHT) {
			if (this.slowStart) this.window = Math.min(MOST_IN_FLIGHT, this.window + step);
			else if (++this.answersSinceGrowth >= this.window) {
				this.window++;
				this.answersSinceGrowth = 0;
			}
			if (this.window >= (RAMP_REQUESTS_PER_SECOND * this.quickestAnswerMs) / 1000)
				this.slowStart = false;
		}
		this.release();
	}

	onThrottled(send: Send): void {
		this.pace.onThrottled(send);
		this.decrease(send);
		this.release();
	}

	onTimeout(send: Send): void {
		this.decrease(send);
		this.release();
	}

	/** Ended without news about Smile ID's load: a 5xx, a network failure, or Stop. */
	onOther(): void {
		this.release();
	}

	/** A Retry-After on any answer holds back every new request of the account until it has passed. */
	pauseFor(waitMs: number): void {
		this.pace.pauseFor(waitMs);
	}

	private decrease(send: Send): void {
		this.slowStart = false;
		if (send.seq < this.firstSeqSinceDecrease) return;
		this.window = Math.max(1, Math.floor(this.window / 2));
		this.answersSinceGrowth = 0;
		this.firstSeqSinceDecrease = this.pace.nextSeq;
	}

	private release(): void {
		this.inFlight--;
		this.lastUsedAt = Date.now();
		for (let free = this.window - this.inFlight; free > 0 && this.waiting.length > 0; free--)
			this.waiting.shift()!();
	}

	private async freePlace(stop: AbortSignal | undefined): Promise<void> {
		await new Promise<void>((resolve) => {
			const wake = () => {
				stop?.removeEventListener('abort', wake);
				resolve();
			};
			this.waiting.push(wake);
			stop?.addEventListener('abort', wake, { once: true });
		});
	}
}

/**
 * One execution's share of its account: one item until Smile ID has answered one of its requests
 * (an unproven credential costs one request; a refused one halts the run), then Max Requests in Flight.
 */
export class ExecutionLimit {
	private proven = false;

	constructor(readonly max: number) {}

	get value(): number {
		return this.proven ? this.max : 1;
	}

	onAnswer(): void {
		this.proven = true;
	}
}
