/**
 * How many requests may be in flight: starts at one (so bad credentials cost one refused
 * request, not one per item), grows by one after as many good answers as are in flight,
 * and halves when Smile ID says it is receiving too many requests.
 */
export class AdaptiveLimit {
	private current = 1;

	private goodAnswersSinceChange = 0;

	constructor(readonly max: number) {}

	get value(): number {
		return this.current;
	}

	onAnswer(): void {
		this.goodAnswersSinceChange++;
		if (this.goodAnswersSinceChange >= this.current && this.current < this.max) {
			this.current++;
			this.goodAnswersSinceChange = 0;
		}
	}

	onThrottled(): void {
		this.current = Math.max(1, Math.floor(this.current / 2));
		this.goodAnswersSinceChange = 0;
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
