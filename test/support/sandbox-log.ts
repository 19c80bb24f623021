import type { LoggedRequest } from '../../sandbox';

/** The most requests that were waiting for an answer at the same moment, from the sandbox's log. */
export function peakInFlight(requests: LoggedRequest[]): number {
	const events = requests.flatMap((r) => [
		[Date.parse(r.time), 1],
		[Date.parse(r.answeredAt ?? r.time), -1],
	]);
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let current = 0;
	let peak = 0;
	for (const [, change] of events) {
		current += change;
		peak = Math.max(peak, current);
	}
	return peak;
}

/** How many requests arrived in the busiest `windowMs` of the log. */
export function busiestWindow(requests: LoggedRequest[], windowMs: number): number {
	const times = requests.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
	let busiest = 0;
	for (let first = 0, last = 0; last < times.length; last++) {
		while (times[last] - times[first] >= windowMs) first++;
		busiest = Math.max(busiest, last - first + 1);
	}
	return busiest;
}
