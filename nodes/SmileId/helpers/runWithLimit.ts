import type { ExecutionLimit } from '../transport/limiter';

/**
 * Runs work(0..count-1) with at most `limit.value` at once, in index order of starting.
 * Stops starting new work once `shouldStop()` is true; resolves when all started work ends.
 */
export async function runWithLimit(
	count: number,
	limit: ExecutionLimit,
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
