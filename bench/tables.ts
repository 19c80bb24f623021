/** The report's tables, each from one section's cases; every figure and sentence comes from the run. */
import type { Config } from './config';
import { summarize, type MemoryStats, type RunStats, type Summary } from './measure';

export const n = (value: number) => value.toLocaleString('en-US');
export const seconds = (ms: number) => (ms / 1000).toFixed(2);
export const ratio = (value: number) => value.toFixed(2);
export const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

/** "median [min–max]", or the median alone when every run gave the same value. */
export function spread<T extends Record<string, number>>(
	s: Summary<T>,
	field: keyof T,
	format: (v: number) => string,
): string {
	const [median, min, max] = [s.median[field], s.min[field], s.max[field]].map(format);
	return min === max ? median : `${median} [${min}–${max}]`;
}

/** Failed items, requests sent, 429 answers and their share of the requests. */
const refusals = (s: Derived) => [
	spread(s, 'failedItems', n),
	spread(s, 'requests', n),
	spread(s, 'throttled', n),
	spread(s, 'throttledShare', percent),
];

export function table(header: string[], rows: string[][]): string {
	const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
	return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The figures of one run that the tables derive from its log. */
export function derived(runs: RunStats[], perSecond?: number) {
	return summarize(
		runs.map((x) => ({
			...x,
			// In a makespan of T seconds a limit of R per second lets at most R × ceil(T) requests through.
			rateShare: perSecond ? x.acceptedItems / (perSecond * Math.ceil(x.makespanMs / 1000)) : 0,
			throttledShare: x.throttled / x.requests,
		})),
	);
}
export type Derived = ReturnType<typeof derived>;

export class Tables {
	constructor(
		private readonly c: Config,
		private readonly cases: Record<string, RunStats[]>,
	) {}

	/** One case's summary; with a limit R, also its achieved rate ÷ R. */
	get(key: string, perSecond?: number): Derived {
		const runs = this.cases[key];
		if (!runs?.length) throw new Error(`no results for ${key}`);
		return derived(runs, perSecond);
	}

	/** One case's makespan ÷ another's, run by run (the runs are interleaved), summarized. */
	makespanRatio(key: string, otherKey: string): Summary<{ r: number }> {
		const other = this.cases[otherKey];
		return summarize(this.cases[key].map((x, i) => ({ r: x.makespanMs / other[i].makespanMs })));
	}

	/** items × latency ÷ in flight: no route can end sooner. */
	physicalLimitMs(latencyMs: number, inFlight: number): number {
		return (this.c.items * latencyMs) / inFlight;
	}

	noLimit(): string {
		const rows = [
			[this.c.latencyMs, 'noLimit'],
			[this.c.slowLatencyMs, 'noLimitSlow'],
		] as const;
		return table(
			['Latency', 'Route', 'Most in flight', 'Makespan, s', 'Node ÷ built-in', 'Failed items'],
			rows.flatMap(([latencyMs, section]) => {
				const node = this.get(`${section}/node`);
				const builtin = this.get(`${section}/builtinDefaults`);
				const nodeRatio = spread(
					this.makespanRatio(`${section}/node`, `${section}/builtinDefaults`),
					'r',
					ratio,
				);
				return [
					[
						`${latencyMs} ms`,
						`This node, its defaults (up to ${this.c.nodeCeiling} in flight)`,
						spread(node, 'maxInFlight', String),
						spread(node, 'makespanMs', seconds),
						nodeRatio,
						spread(node, 'failedItems', n),
					],
					[
						`${latencyMs} ms`,
						"Built-in route, n8n's defaults (no batching)",
						spread(builtin, 'maxInFlight', String),
						spread(builtin, 'makespanMs', seconds),
						'1.00',
						spread(builtin, 'failedItems', n),
					],
				];
			}),
		);
	}

	sameInFlight(): string {
		const { c } = this;
		const limitMs = this.physicalLimitMs(c.latencyMs, c.inFlight);
		const rows: [string, string][] = [
			['makespan/node', `This node, Max Requests in Flight ${c.inFlight} (starts at 1)`],
			[
				'makespan/builtinTuned',
				`Built-in route, batching ${c.inFlight} items every ${c.latencyMs} ms`,
			],
			['makespan/plain', `Plain Node \`http\` loop, ${c.inFlight} in flight`],
		];
		return table(
			['Route', 'Most in flight', 'Makespan, s', '÷ physical limit', 'Failed items'],
			[
				[
					`Physical limit: ${n(c.items)} × ${c.latencyMs} ms ÷ ${c.inFlight}`,
					String(c.inFlight),
					seconds(limitMs),
					'1.00',
					'–',
				],
				...rows.map(([key, label]) => {
					const s = this.get(key);
					return [
						label,
						spread(s, 'maxInFlight', String),
						spread(s, 'makespanMs', seconds),
						spread(s, 'makespanMs', (v) => ratio(v / limitMs)),
						spread(s, 'failedItems', n),
					];
				}),
			],
		);
	}

	overhead(): string {
		const plain = this.get('overhead/plain').median.makespanMs;
		const rows: [string, string][] = [
			['overhead/node', 'This node inside n8n, its defaults'],
			['overhead/builtinDefaults', "Built-in route inside n8n, n8n's defaults"],
			['overhead/plain', `Plain Node \`http\` loop (${this.c.inFlight} in flight)`],
		];
		return table(
			['Route', 'ms per item (makespan ÷ items)', '÷ plain loop', 'Most in flight'],
			rows.map(([key, label]) => {
				const s = this.get(key);
				return [
					label,
					spread(s, 'makespanMs', (v) => (v / this.c.items).toFixed(2)),
					ratio(s.median.makespanMs / plain),
					spread(s, 'maxInFlight', String),
				];
			}),
		);
	}

	unknownLimits(): string {
		return table(
			[
				'Limit R',
				'Achieved rate ÷ R',
				'Failed items',
				'Requests sent',
				'429 answers',
				'429s ÷ requests',
				'429s in the first second',
				'Makespan, s',
			],
			this.c.limits.map((perSecond) => {
				const s = this.get(`limit${perSecond}/node`, perSecond);
				return [
					`${perSecond}/s`,
					spread(s, 'rateShare', ratio),
					...refusals(s),
					spread(s, 'throttledFirstSecond', n),
					spread(s, 'makespanMs', seconds),
				];
			}),
		);
	}

	routesUnderLimit(rows: [string, string, string][]): string {
		return table(
			['Route', 'Achieved rate ÷ R', 'Failed items', 'Requests sent', '429 answers', 'Makespan, s'],
			rows.map(([key, label]) => {
				const s = this.get(key, this.c.rate);
				return [
					label,
					spread(s, 'rateShare', ratio),
					spread(s, 'failedItems', n),
					spread(s, 'requests', n),
					spread(s, 'throttled', n),
					spread(s, 'makespanMs', seconds),
				];
			}),
		);
	}

	burst(): string {
		const rows: [string, string][] = [
			['burst/node', 'This node, its defaults'],
			['burst/builtinDefaults', "Built-in route, n8n's defaults"],
		];
		return table(
			[
				'Route',
				'Failed executions',
				'Requests sent',
				'429 answers',
				'429s ÷ requests',
				'Makespan, s',
			],
			rows.map(([key, label]) => {
				const s = this.get(key, this.c.rate);
				return [label, ...refusals(s), spread(s, 'makespanMs', seconds)];
			}),
		);
	}

	/** The shortest makespan the limit allows the executions started together: items ÷ R. */
	togetherLimitMs(): number {
		return (1000 * this.c.togetherExecutions * this.c.togetherItems) / this.c.togetherRate;
	}

	together(): string {
		const s = this.get('together/node', this.c.togetherRate);
		return table(
			[
				'Route',
				'Failed items',
				'Requests sent',
				'429 answers',
				'429s ÷ requests',
				'Most in flight',
				'Makespan, s',
				'÷ what the limit allows',
			],
			[
				[
					'This node, its defaults',
					...refusals(s),
					spread(s, 'maxInFlight', String),
					spread(s, 'makespanMs', seconds),
					spread(s, 'makespanMs', (v) => ratio(v / this.togetherLimitMs())),
				],
			],
		);
	}

	memory(memory: MemoryStats[], childCommands: string[]): string {
		const mb = (v: number) => v.toFixed(0);
		// A child's name: the package whose script it runs, e.g. @n8n/task-runner.
		const names = childCommands.map(
			(cmd) => /node_modules\/((?:@[^/]+\/)?[^/]+)\/[^ ]*$/.exec(cmd)?.[1] ?? cmd.slice(0, 40),
		);
		const children = names.length
			? `n8n's child processes, added up (${names.join(', ')})`
			: "n8n's child processes (none were running)";
		const row = (label: string, value: (m: MemoryStats) => string) => [label, ...memory.map(value)];
		return table(
			['Run', ...memory.map((_, i) => `Run ${i + 1}`)],
			[
				row('n8n main process, resident before the run (VmRSS), MB', (m) => mb(m.idleMainMb)),
				row('n8n main process, peak during the run (VmHWM, reset just before), MB', (m) =>
					mb(m.peakMainMb),
				),
				row(`${children}, peak during the run, MB`, (m) => mb(m.peakChildrenMb)),
				row(`Makespan of the ${n(this.c.memoryItems)} items (no latency), s`, (m) =>
					seconds(m.makespanMs),
				),
			],
		);
	}

	signatureAges(): string {
		const { c } = this;
		const rows: [string, string, string][] = [
			['This node, its defaults', 'noLimit/node', 'rate/node'],
			["Built-in route, n8n's defaults", 'noLimit/builtinDefaults', 'rate/builtinDefaults'],
			[
				`Built-in route, batching ${c.inFlight} every ${c.latencyMs} ms`,
				'makespan/builtinTuned',
				'rate/builtinTuned',
			],
		];
		return table(
			[
				'Route',
				`${n(c.items)} items at ${c.latencyMs} ms, ms`,
				`Under ${c.rate}/s, ${n(c.rateItems)} items, ms`,
			],
			rows.map(([label, free, limited]) => [
				label,
				spread(this.get(free), 'oldestSignatureMs', n),
				spread(this.get(limited), 'oldestSignatureMs', n),
			]),
		);
	}
}

/** The cases of a run of some of them (`--case=`): each one's medians, one row per case. */
export function caseSummary(c: Config, cases: Record<string, RunStats[]>): string {
	const t = new Tables(c, cases);
	const slow = ['noLimitSlow/node', 'noLimitSlow/builtinDefaults'];
	const rows = Object.keys(cases).map((key) => {
		const s = t.get(key);
		return [
			key,
			...refusals(s),
			spread(s, 'maxInFlight', String),
			spread(s, 'makespanMs', seconds),
		];
	});
	const notes = [];
	if (slow.every((key) => cases[key]))
		notes.push(
			`- ${slow[0]} ÷ ${slow[1]}: ${spread(t.makespanRatio(slow[0], slow[1]), 'r', ratio)}`,
		);
	if (cases['together/node'])
		notes.push(
			`- together/node ÷ what the limit allows (${seconds(t.togetherLimitMs())} s): ${spread(t.get('together/node'), 'makespanMs', (v) => ratio(v / t.togetherLimitMs()))}`,
		);
	return [
		table(
			[
				'Case',
				'Failed items',
				'Requests',
				'429s',
				'429s ÷ requests',
				'Most in flight',
				'Makespan, s',
			],
			rows,
		),
		...notes,
	].join('\n');
}
