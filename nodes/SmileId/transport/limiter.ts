import { sleep } from 'n8n-workflow';

/**
 * Smile ID does not document the window it counts requests in; one second is what the
 * sandbox and most API gateways count.
 */
const RATE_WINDOW_MS = 1000;
/** Paces over a slightly longer window, so that jitter on the way does not fill Smile ID's. */
const PACING_WINDOW_MS = 1050;
/** While pacing without a 429, the rate is probed upwards by 5% (at least 1/s) every five windows. */
const RATE_PROBE_SHARE = 0.05;
const RATE_PROBE_WINDOWS = 5;

/** One request as the limit saw it leave: its order among all sends, and when. */
export interface Send {
	seq: number;
	sentAt: number;
}

/**
 * How many requests may be in flight, and how fast they may leave:
 * - starts at one (a bad credential costs one refused request), then doubles per round of
 *   answers (slow start) until the first 429, timeout or the ceiling; from then on grows by
 *   one per round and halves on a 429, once per round;
 * - a Retry-After pauses every new request of the node, not only the item that got it;
 * - on a 429 it learns the rate Smile ID accepted (the requests of the last window it did
 *   not refuse) and from then on paces new requests to it with a bucket of that many tokens,
 *   each given back one window after its request was sent, unless Smile ID refused it
 *   (a refused request does not count against its limit); the rate is probed slowly upwards.
 */
export class AdaptiveLimit {
	private current = 1;

	private slowStart = true;

	private answersSinceGrowth = 0;

	private sent = 0;

	/** Requests numbered below this were in flight at the last decrease: their news is old. */
	private firstSentSinceDecrease = 0;

	private pausedUntil = 0;

	private learnedRate: number | undefined;

	/** The requests of the last two windows that Smile ID did not refuse (answered or still in flight), oldest first. */
	private recentSends: Send[] = [];

	constructor(
		readonly max: number,
		private readonly now: () => number = Date.now,
	) {}

	get value(): number {
		return this.current;
	}

	/** The requests per second Smile ID was found to accept; undefined until it throttles. */
	get rate(): number | undefined {
		return this.learnedRate;
	}

	/** Waits for the node's shared pause and, once throttled, for a token; then records the send. */
	async acquire(): Promise<Send> {
		for (;;) {
			const waitMs = Math.max(this.pausedUntil, this.nextTokenAt()) - this.now();
			if (waitMs <= 0) break;
			await sleep(waitMs);
		}
		const send = { seq: this.sent++, sentAt: this.now() };
		this.recentSends.push(send);
		return send;
	}

	/** A token is given back one pacing window after its request left. */
	private nextTokenAt(): number {
		const horizon = this.now() - 2 * RATE_WINDOW_MS;
		while (this.recentSends.length > 0 && this.recentSends[0].sentAt < horizon)
			this.recentSends.shift();
		if (this.learnedRate === undefined) return 0;
		const windowStart = this.now() - PACING_WINDOW_MS;
		const tokensOut = this.recentSends.filter((send) => send.sentAt > windowStart);
		const overdrawn = tokensOut.length - Math.floor(this.learnedRate);
		return overdrawn < 0 ? 0 : tokensOut[overdrawn].sentAt + PACING_WINDOW_MS;
	}

	/** Smile ID processed the request (any answer but 429, 408 or 5xx). */
	onAnswer(): void {
		if (this.learnedRate !== undefined) {
			const probe = Math.max(1, this.learnedRate * RATE_PROBE_SHARE);
			this.learnedRate += probe / (RATE_PROBE_WINDOWS * this.learnedRate);
		}
		if (this.current >= this.max) return;
		if (this.slowStart || ++this.answersSinceGrowth >= this.current) {
			this.current++;
			this.answersSinceGrowth = 0;
		}
	}

	/** A Retry-After on any answer holds back every new request of the node until it has passed. */
	pauseFor(retryAfterMs: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
	}

	/**
	 * Smile ID answered 429: it accepted as many requests as this node sent in the window before
	 * this one and did not see refused (answers still on their way included). Pace to that, and slow down.
	 */
	onThrottled(send: Send): void {
		this.recentSends = this.recentSends.filter((other) => other !== send);
		if (send.seq < this.firstSentSinceDecrease) return;
		const windowStart = send.sentAt - RATE_WINDOW_MS;
		const accepted = this.recentSends.filter(
			(other) => other.sentAt > windowStart && other.seq < send.seq,
		).length;
		this.learnedRate = Math.max(1, accepted);
		this.decrease();
	}

	/**
	 * No answer in time: stop doubling. Not halved: a lost answer says less about capacity than a
	 * 429, and halving on every scattered timeout kept a long run near one request in flight.
	 */
	onTimeout(): void {
		this.slowStart = false;
	}

	private decrease(): void {
		this.slowStart = false;
		this.current = Math.max(1, Math.floor(this.current / 2));
		this.answersSinceGrowth = 0;
		this.firstSentSinceDecrease = this.sent;
	}
}

/**
 * Runs work(0..count-1) with at most `limit.value` at once, in index order of starting.
 * Stops starting new work once `shouldStop()` is true; resolves when all started work ends.
 */
export async function runWithLimit(
	count: number,
	limit: AdaptiveLimit,
	work: (index: number) => Promise<void>,
	shouldStop: () => boolean,
): Promise<void> {
	let next = 0;
	let inFlight = 0;
	await new Promise<void>((resolve, reject) => {
		const fill = () => {
			while (inFlight < limit.value && next < count && !shouldStop()) {
				const index = next++;
				inFlight++;
				work(index).then(() => {
					inFlight--;
					fill();
				}, reject);
			}
			if (inFlight === 0) resolve();
		};
		fill();
	});
}
