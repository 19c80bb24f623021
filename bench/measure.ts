/** What one benchmark run measured, read from the sandbox's request log and from /proc. */
import * as fs from 'node:fs';
import * as os from 'node:os';

import type { LoggedRequest } from '../sandbox';

export type RunStats = {
	/**
	 * From the first signature (the earliest signed timestamp, or the first arrival if earlier) to the last
	 * answer the sandbox sent: so signing counts even when a route signs every item before sending any.
	 */
	makespanMs: number;
	requests: number;
	/** Items with at least one request answered 200. */
	acceptedItems: number;
	/** Items never answered 200 (refused, rate limited, or never sent). */
	failedItems: number;
	throttled: number;
	/** 429 answers to requests that arrived within one second of the first refused one: what finding an unknown limit cost. */
	throttledFirstSecond: number;
	/** The most requests the sandbox held at once. */
	maxInFlight: number;
	/** The largest arrival time minus the signed timestamp, over all requests. */
	oldestSignatureMs: number;
};

interface EnrolleeBody {
	user_id?: string;
	timestamp?: string;
}

export function statsOf(log: LoggedRequest[], items: number): RunStats {
	if (log.length === 0) throw new Error('no request reached the sandbox');
	const arrivals = log.map((r) => Date.parse(r.time));
	const answers = log
		.map((r) => (r.answeredAt ? Date.parse(r.answeredAt) : Number.NaN))
		.filter((t) => !Number.isNaN(t));
	const accepted = new Set(
		log.filter((r) => r.status === 200).map((r) => (r.body as EnrolleeBody).user_id),
	);
	const signedAt = log.map((r) => Date.parse(String((r.body as EnrolleeBody).timestamp)));
	const ages = arrivals.map((t, i) => t - signedAt[i]);
	// A sweep over arrivals (+1) and answers (-1); at the same millisecond, answers count first.
	const events = [...arrivals.map((t) => [t, 1]), ...answers.map((t) => [t, -1])].sort(
		(a, b) => a[0] - b[0] || a[1] - b[1],
	);
	const refusedAt = log.filter((r) => r.status === 429).map((r) => Date.parse(r.time));
	const firstRefusedAt = Math.min(...refusedAt);
	let inFlight = 0;
	let maxInFlight = 0;
	for (const [, delta] of events) maxInFlight = Math.max(maxInFlight, (inFlight += delta));
	return {
		makespanMs: Math.max(...answers) - Math.min(...arrivals, ...signedAt),
		requests: log.length,
		acceptedItems: accepted.size,
		failedItems: items - accepted.size,
		throttled: refusedAt.length,
		throttledFirstSecond: refusedAt.filter((t) => t < firstRefusedAt + 1000).length,
		maxInFlight,
		oldestSignatureMs: Math.max(...ages),
	};
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Summary<T> {
	median: T;
	min: T;
	max: T;
}

/** Each field's median over the runs, and each field's smallest and largest value. */
export function summarize<T extends Record<string, number>>(runs: T[]): Summary<T> {
	const pick = (f: (values: number[]) => number) =>
		Object.fromEntries(Object.keys(runs[0]).map((k) => [k, f(runs.map((r) => r[k]))])) as T;
	return {
		median: pick(median),
		min: pick((v) => Math.min(...v)),
		max: pick((v) => Math.max(...v)),
	};
}

/** A process and all its descendants, from the parent ids in /proc/<pid>/stat. */
export function processTree(root: number): number[] {
	const parents = new Map<number, number>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The command name (2nd field) may contain spaces; the parent id follows its closing parenthesis.
			parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// the process ended meanwhile
		}
	}
	const tree = [root];
	for (let i = 0; i < tree.length; i++) {
		for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
	}
	return tree;
}

export function commandOf(pid: number): string {
	return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
}

/** VmRSS or VmHWM (the peak since start or since resetPeak) of a process, in MB. */
export function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
		fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
	);
	if (!match) throw new Error(`no ${field} for process ${pid}`);
	return Number(match[1]) / 1024;
}

/** Resets a process's VmHWM to its current RSS (Linux: "5" into clear_refs; needs the right to write there). */
export function resetPeak(pid: number): void {
	fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

export function machine(): {
	cpu: string;
	cores: number;
	memoryGb: number;
	kernel: string;
	load: string;
} {
	const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
	return {
		cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
		cores: os.availableParallelism(),
		memoryGb: os.totalmem() / 1024 ** 3,
		kernel: `${os.type()} ${os.release()}`,
		load: os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' '),
	};
}

export interface MemoryStats {
	idleMainMb: number;
	peakMainMb: number;
	/** The peaks of n8n's child processes (its task runner), added up; 0 when it has none. */
	peakChildrenMb: number;
	makespanMs: number;
}
