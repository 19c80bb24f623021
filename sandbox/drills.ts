/**
 * Failure drills: which ones act on a request, and in what scope (whole run, next N, a
 * seeded share). The server carries them out; this file only decides.
 */
import type { Drill, ErrorStyle } from './types';

/** Latency drills longer than this are refused, to keep every run bounded. */
const MAX_LATENCY_MS = 10 * 60_000;

const TERMINAL = new Set(['status', 'reset', 'hang', 'html', 'malformedJson', 'rateLimit']);

/** mulberry32: a small seedable PRNG, so a `share` drill picks the same requests on every run. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Throws an Error naming the first thing wrong with a drill. */
export function validateDrill(input: unknown): Drill {
	if (typeof input !== 'object' || input === null || Array.isArray(input))
		throw new Error('a drill is an object');
	const d = input as Record<string, unknown>;
	const num = (k: string, min: number, max: number, integer = false): void => {
		const v = d[k];
		if (v === undefined) return;
		if (
			typeof v !== 'number' ||
			!Number.isFinite(v) ||
			v < min ||
			v > max ||
			(integer && !Number.isInteger(v))
		) {
			throw new Error(
				`drill ${k} must be a number in ${min}..${max}${integer ? ' (integer)' : ''}`,
			);
		}
	};
	num('times', 1, Number.MAX_SAFE_INTEGER, true);
	num('share', 0, 1);
	num('seed', -(2 ** 31), 2 ** 32, true);
	if (
		d.paths !== undefined &&
		(!Array.isArray(d.paths) || d.paths.some((p) => typeof p !== 'string'))
	) {
		throw new Error('drill paths must be an array of strings');
	}
	if (d.afterProcessing !== undefined && typeof d.afterProcessing !== 'boolean') {
		throw new Error('drill afterProcessing must be a boolean');
	}
	if (d.afterProcessing && (!TERMINAL.has(String(d.kind)) || d.kind === 'rateLimit')) {
		throw new Error(
			'afterProcessing applies to status, reset, hang, html and malformedJson drills',
		);
	}
	const retryAfter = (): void => {
		if (
			d.retryAfter !== undefined &&
			typeof d.retryAfter !== 'number' &&
			typeof d.retryAfter !== 'string'
		) {
			throw new Error('drill retryAfter must be seconds or an HTTP date');
		}
	};
	switch (d.kind) {
		case 'latency':
			if (d.ms === undefined) throw new Error('latency drill needs ms');
			num('ms', 0, MAX_LATENCY_MS);
			num('jitterMs', 0, MAX_LATENCY_MS);
			break;
		case 'status':
			if (d.status === undefined) throw new Error('status drill needs status');
			num('status', 400, 599, true);
			retryAfter();
			if (d.code !== undefined && typeof d.code !== 'string')
				throw new Error('drill code must be a string');
			break;
		case 'html':
		case 'malformedJson':
			num('status', 200, 599, true);
			break;
		case 'rateLimit':
			if (d.perSecond === undefined) throw new Error('rateLimit drill needs perSecond');
			num('perSecond', 1, 1_000_000, true);
			retryAfter();
			break;
		case 'errorStyle':
			if (d.shape !== 'error' && d.shape !== 'status')
				throw new Error("errorStyle drill shape is 'error' or 'status'");
			num('httpStatus', 400, 599, true);
			break;
		case 'reset':
		case 'hang':
		case 'echoTimestamp':
			break;
		default:
			throw new Error(`unknown drill kind ${JSON.stringify(d.kind)}`);
	}
	return { ...(d as unknown as Drill) };
}

interface Armed {
	drill: Drill;
	random: () => number;
	remaining: number;
	/** rateLimit: arrival times of the requests it let through in the last second. */
	passed: number[];
}

/** A drill that replaces the answer (latency, errorStyle and echoTimestamp only change it). */
export type FailureDrill = Exclude<
	Drill,
	{ kind: 'latency' } | { kind: 'errorStyle' } | { kind: 'echoTimestamp' }
>;

export interface DrillDecision {
	latencyMs: number;
	/** A failure that replaces the answer before the request is processed. */
	before?: FailureDrill;
	/** A failure that replaces the answer after the request was processed. */
	after?: FailureDrill;
	errorStyle?: ErrorStyle;
	/** An echoTimestamp drill acted: sign the answer with the request's timestamp. */
	echoTimestamp?: boolean;
	names: string[];
}

export class DrillBook {
	private armed: Armed[] = [];

	/** Validates every drill first, so that one bad drill arms none (throws an Error naming it). */
	addAll(inputs: unknown[]): void {
		const drills = inputs.map(validateDrill);
		for (const d of drills) {
			this.armed.push({
				drill: d,
				random: seededRandom(d.seed ?? 1),
				remaining: d.times ?? Infinity,
				passed: [],
			});
		}
	}

	clear(): void {
		this.armed = [];
	}

	list(): Drill[] {
		return this.armed.map((a) => ({
			...a.drill,
			...(a.remaining !== Infinity ? { times: a.remaining } : {}),
		}));
	}

	/** Decides which drills act on one request to `path` arriving at `nowMs`, and uses them up. */
	decide(path: string, nowMs: number): DrillDecision {
		const decision: DrillDecision = { latencyMs: 0, names: [] };
		// Failures after processing are weighed last, so that one is never used up for a request
		// that a failure before processing already answers.
		const order = [
			...this.armed.filter((a) => !a.drill.afterProcessing),
			...this.armed.filter((a) => a.drill.afterProcessing),
		];
		for (const a of order) {
			const d = a.drill;
			if (d.paths && !d.paths.includes(path)) continue;
			const terminal = TERMINAL.has(d.kind);
			if (terminal && (decision.before || (d.afterProcessing && decision.after))) continue;
			if (d.share !== undefined && !(a.random() < d.share)) continue;
			if (d.kind === 'rateLimit') {
				a.passed = a.passed.filter((t) => nowMs - t < 1000);
				if (a.passed.length < d.perSecond) {
					a.passed.push(nowMs);
					continue;
				}
			}
			a.remaining -= 1;
			decision.names.push(d.name ?? d.kind);
			if (d.kind === 'latency') {
				decision.latencyMs += d.ms + (d.jitterMs ? a.random() * d.jitterMs : 0);
			} else if (d.kind === 'echoTimestamp') {
				decision.echoTimestamp = true;
			} else if (d.kind === 'errorStyle') {
				const { shape, numericCode, successFalse, httpStatus } = d;
				decision.errorStyle = { shape, numericCode, successFalse, httpStatus };
			} else if (d.afterProcessing) {
				decision.after = d;
			} else {
				decision.before = d;
			}
		}
		this.armed = this.armed.filter((a) => a.remaining > 0);
		return decision;
	}
}
