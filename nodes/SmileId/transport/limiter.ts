import { RatePace, type Send } from './pace';

/**
 * How many of one execution's requests may be in flight, and how fast they may leave:
 * - starts at one, so a refused credential costs one request, not one per slot;
 * - doubles per round of answers (slow start) until the first 429, timeout or the ceiling;
 * - then grows by one per round and halves on a 429 or a timeout, once per round: answers to
 *   requests sent before the last decrease say nothing new;
 * - paces to the rate Smile ID accepts once it has refused requests in a row (see RatePace).
 */
export class AdaptiveLimit {
	private current = 1;

	private slowStart = true;

	private answersSinceGrowth = 0;

	private firstSeqSinceDecrease = 0;

	private readonly pace = new RatePace();

	constructor(readonly max: number) {}

	get value(): number {
		return this.current;
	}

	/** Waits for the pace (and any Retry-After) unless stopped; then the request may leave. */
	async acquire(stop?: AbortSignal): Promise<Send> {
		return await this.pace.acquire(stop);
	}

	/** Smile ID processed the request: any answer but 408, 429 or 5xx. */
	onAnswer(): void {
		if (this.current >= this.max) return;
		if (this.slowStart || ++this.answersSinceGrowth >= this.current) {
			this.current++;
			this.answersSinceGrowth = 0;
		}
	}

	onThrottled(send: Send): void {
		this.pace.onThrottled(send);
		this.decrease(send);
	}

	onTimeout(send: Send): void {
		this.decrease(send);
	}

	/** A Retry-After on any answer holds back every new request of the execution until it has passed. */
	pauseFor(waitMs: number): void {
		this.pace.pauseFor(waitMs);
	}

	private decrease(send: Send): void {
		this.slowStart = false;
		if (send.seq < this.firstSeqSinceDecrease) return;
		this.current = Math.max(1, Math.floor(this.current / 2));
		this.answersSinceGrowth = 0;
		this.firstSeqSinceDecrease = this.pace.nextSeq;
	}
}
