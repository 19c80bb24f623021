/** BENCHMARKS.md from one bench run's summaries: the tables, and one line per row on how to read it. */
import type { Config } from './config';
import { summarize, type machine, type MemoryStats, type RunStats, type Summary } from './measure';

export interface Results {
	config: Config;
	/** Every run of every case, keyed '<section>/<route>' as in run.ts's cases(). */
	cases: Record<string, RunStats[]>;
	/** One per run. */
	memory: MemoryStats[];
	childCommands: string[];
	environment: {
		date: string;
		machine: ReturnType<typeof machine>;
		loadAtEnd: string;
		n8n: string;
		n8nNode: string;
		benchNode: string;
		packageName: string;
		packageVersion: string;
		minutes: number;
	};
}

const n = (value: number) => value.toLocaleString('en-US');
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const ratio = (value: number) => value.toFixed(2);

/** How much of the node's gap to the physical limit n8n's CPU time per item (table 2) accounts for. */
function cpuShare(cpuMs: number, gapMs: number): string {
	if (gapMs <= 0) return 'This node reached the physical limit in this run.';
	return `n8n's CPU time per item (table 2) adds up to ${Math.round((100 * cpuMs) / gapMs)}% of this node's gap to the limit.`;
}

/** "1.50× sooner than" or "1.20× later than": how a time compares with another, either way. */
function relativeTime(ms: number, otherMs: number): string {
	return ms <= otherMs
		? `${ratio(otherMs / ms)}× sooner than`
		: `${ratio(ms / otherMs)}× later than`;
}

/** "median [min–max]", or the median alone when every run gave the same value. */
function spread<T extends Record<string, number>>(
	s: Summary<T>,
	field: keyof T,
	format: (v: number) => string,
): string {
	const [median, min, max] = [s.median[field], s.min[field], s.max[field]].map(format);
	return min === max ? median : `${median} [${min}–${max}]`;
}

function table(header: string[], rows: string[][]): string {
	const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
	return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function renderReport(r: Results): string {
	const { config: c, cases, memory, environment: e } = r;
	const get = (key: string) => {
		const runs = cases[key];
		if (!runs?.length) throw new Error(`no results for ${key}`);
		return summarize(runs);
	};
	const rateFailed = (key: string) => spread(get(key), 'failedItems', n);
	const limitMs = (c.items * c.latencyMs) / c.inFlight;
	// In a makespan of T seconds a limit of R per second lets at most R × ceil(T) requests through.
	const rateShare = (key: string) =>
		summarize(
			cases[key].map((x) => ({
				share: x.acceptedItems / (c.rate * Math.ceil(x.makespanMs / 1000)),
			})),
		);

	const makespanRows: [string, string, string][] = [
		[
			'makespan/node',
			'This node, its defaults (starts with 1 in flight, grows to 5)',
			'Signs each request just before it is sent; retries 429/5xx per item. The physical limit assumes 5 in flight from the first request on.',
		],
		[
			'makespan/builtinDefaults',
			"Built-in route, n8n's defaults (no batching)",
			`Edit Fields stamps every item, Crypto signs them all, then HTTP Request starts every request at once (up to ${n(get('makespan/builtinDefaults').median.maxInFlight)} in flight in this run)${get('makespan/builtinDefaults').median.maxInFlight > c.inFlight ? `, so the ${c.inFlight}-in-flight limit does not bind it` : ''}.`,
		],
		[
			'makespan/builtinTuned',
			`Built-in route, batching ${c.inFlight} items every ${c.latencyMs} ms`,
			`HTTP Request's batching starts ${c.inFlight} requests every ${c.latencyMs} ms whether or not earlier ones were answered: ${c.inFlight} in flight on average, the closest it gets to "${c.inFlight} at a time".`,
		],
		[
			'makespan/plain',
			`Plain Node \`http\` loop, ${c.inFlight} in flight`,
			'Keep-alive, signs each request just before sending, no n8n: the floor for any code at this concurrency.',
		],
	];
	const makespan = table(
		['Route', 'Most in flight (measured)', 'Makespan, s', '÷ physical limit', 'Failed items'],
		[
			[
				`Physical limit: ${n(c.items)} × ${c.latencyMs} ms ÷ ${c.inFlight} in flight`,
				String(c.inFlight),
				seconds(limitMs),
				'1.00',
				'–',
			],
			...makespanRows.map(([key, label]) => {
				const s = get(key);
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

	const plain = get('overhead/plain');
	const perItem = (ms: number) => (ms / c.items).toFixed(2);
	const overheadRows: [string, string][] = [
		['overhead/node', `This node inside n8n (up to ${c.inFlight} in flight)`],
		['overhead/builtinDefaults', "Built-in route inside n8n, n8n's defaults (all at once)"],
		['overhead/plain', `Plain Node \`http\` loop (${c.inFlight} in flight)`],
	];
	const overhead = table(
		[
			'Route',
			'ms per item (makespan ÷ items)',
			'÷ plain loop',
			'Extra over the plain loop, ms per item',
		],
		overheadRows.map(([key, label]) => {
			const s = get(key);
			return [
				label,
				spread(s, 'makespanMs', perItem),
				ratio(s.median.makespanMs / plain.median.makespanMs),
				perItem(s.median.makespanMs - plain.median.makespanMs),
			];
		}),
	);

	const rateRows: [string, string, string][] = [
		[
			'rate/node',
			'This node, its defaults',
			'Halves its requests in flight on each 429 and retries the item after a backoff (about 1 s, 2 s, 4 s with jitter; at most 5 attempts and 60 s of waiting per item).',
		],
		[
			'rate/builtinDefaults',
			"Built-in route, n8n's defaults",
			`All requests at once: what the limit refuses is answered 429 and fails (the HTTP Request node does not retry per item); ${rateFailed('rate/builtinDefaults')} of ${n(c.rateItems)} items failed in this run.`,
		],
		[
			'rate/builtinTuned',
			`Built-in route, batching ${c.inFlight} every ${c.latencyMs} ms`,
			`The tuning of the makespan table: ${Math.round((c.inFlight * 1000) / c.latencyMs)} requests a second against a limit of ${c.rate}.`,
		],
		[
			'rate/builtinRate',
			`Built-in route, batching ${c.rate} every 1,000 ms`,
			'What a user who knows the limit sets: R requests, a one-second pause, R more; the sandbox counts any one-second window, so timing jitter can still cost a few.',
		],
	];
	const rate = table(
		['Route', 'Achieved rate ÷ R', 'Failed items', 'Requests sent', '429 answers', 'Makespan, s'],
		rateRows.map(([key, label]) => {
			const s = get(key);
			return [
				label,
				spread(rateShare(key), 'share', ratio),
				spread(s, 'failedItems', n),
				spread(s, 'requests', n),
				spread(s, 'throttled', n),
				spread(s, 'makespanMs', seconds),
			];
		}),
	);

	const mb = (v: number) => v.toFixed(0);
	// A child's name: the package whose script it runs, e.g. @n8n/task-runner.
	const names = r.childCommands.map(
		(cmd) => /node_modules\/((?:@[^/]+\/)?[^/]+)\/[^ ]*$/.exec(cmd)?.[1] ?? cmd.slice(0, 40),
	);
	const children = names.length
		? `n8n's child processes, added up (${names.join(', ')})`
		: "n8n's child processes (none were running)";
	const memoryRow = (label: string, value: (m: MemoryStats) => string) => [
		label,
		...memory.map(value),
	];
	const memoryTable = table(
		['Run', ...memory.map((_, i) => `Run ${i + 1}`)],
		[
			memoryRow('n8n main process, resident before the run (VmRSS), MB', (m) => mb(m.idleMainMb)),
			memoryRow('n8n main process, peak during the run (VmHWM, reset just before), MB', (m) =>
				mb(m.peakMainMb),
			),
			memoryRow(`${children}, peak during the run, MB`, (m) => mb(m.peakChildrenMb)),
			memoryRow(`Makespan of the ${n(c.memoryItems)} items (no latency), s`, (m) =>
				seconds(m.makespanMs),
			),
		],
	);

	const ageRows: [string, string][] = [
		['This node', 'node'],
		["Built-in route, n8n's defaults", 'builtinDefaults'],
		[`Built-in route, batching ${c.inFlight} every ${c.latencyMs} ms`, 'builtinTuned'],
	];
	const ages = table(
		[
			'Route',
			`${n(c.items)} items at ${c.latencyMs} ms, ms`,
			`Under ${c.rate}/s, ${n(c.rateItems)} items, ms`,
		],
		ageRows.map(([label, route]) => [
			label,
			spread(get(`makespan/${route}`), 'oldestSignatureMs', n),
			spread(get(`rate/${route}`), 'oldestSignatureMs', n),
		]),
	);

	const nodeRun = get('makespan/node').median;
	const fast = get('makespan/builtinDefaults').median;
	const firstMemory = memory[0];
	const inShort = [
		`With no rate limit, the built-in route with n8n's defaults finished ${n(c.items)} items in ${seconds(fast.makespanMs)} s, ${relativeTime(fast.makespanMs, nodeRun.makespanMs)} this node (${seconds(nodeRun.makespanMs)} s), with up to ${n(fast.maxInFlight)} requests in flight where this node keeps to ${c.inFlight}.`,
		`At ${c.inFlight} in flight this node took ${ratio(nodeRun.makespanMs / limitMs)}× the physical limit and ${ratio(nodeRun.makespanMs / get('makespan/plain').median.makespanMs)}× the plain loop; the built-in route batched to ${c.inFlight} every ${c.latencyMs} ms took ${ratio(get('makespan/builtinTuned').median.makespanMs / limitMs)}× the limit. ${cpuShare(get('overhead/node').median.makespanMs, nodeRun.makespanMs - limitMs)}`,
		`Under a limit of ${c.rate} requests per second, this node failed ${rateFailed('rate/node')} of ${n(c.rateItems)} items; the built-in route failed ${rateFailed('rate/builtinDefaults')} with n8n's defaults, ${rateFailed('rate/builtinTuned')} batched to ${c.inFlight} every ${c.latencyMs} ms, and ${rateFailed('rate/builtinRate')} batched to exactly ${c.rate} a second (which only works when the limit is known).`,
		`The oldest signature this node sent was ${n(nodeRun.oldestSignatureMs)} ms old on arrival; the built-in route's were up to ${n(fast.oldestSignatureMs)} ms (all at once) and ${n(get('makespan/builtinTuned').median.oldestSignatureMs)} ms (batched), growing with the list.`,
		`n8n's main process peaked at ${firstMemory.peakMainMb.toFixed(0)} MB while this node processed ${n(c.memoryItems)} items (run 1, from ${firstMemory.idleMainMb.toFixed(0)} MB before).`,
	];
	const m = machineLine(r);
	return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${e.date.slice(0, 10)}: this node (${e.packageName} ${e.packageVersion}) against the
built-in route an n8n user builds without it, Edit Fields + Crypto + HTTP Request
([examples/builtin-route-crypto-http.json](examples/builtin-route-crypto-http.json), its three nodes used verbatim),
a plain Node \`http\` loop and the physical limit. One real n8n ${e.n8n} (Node ${e.n8nNode}), started once for the
whole run; each workflow is triggered through a webhook that answers when the execution ends. Requests go to the
local Smile ID sandbox on loopback, which adds the latency and the rate limit. Every time is read from the
sandbox's own log: a makespan runs from the first signature (the earliest signed \`timestamp\`, or the first
arrival if earlier) to the last answer, so signing counts even for a route that signs every item before sending any,
while n8n's start-up, the webhook call and splitting the list into items do not.

${m}

Each figure is the median of ${c.runs} run${c.runs === 1 ? '' : 's'}, [smallest–largest] when they differ; the rows' runs are interleaved,
after a warm-up run of each. The whole bench took ${e.minutes.toFixed(1)} minutes. Rerun with \`npm run bench\`
(see the top of bench/run.ts for the settings); the first run on a machine installs n8n (about 5 minutes, once).

## In short (this run)

${inShort.map((line) => `- ${line}`).join('\n')}

## 1. Makespan: ${n(c.items)} items, ${c.latencyMs} ms latency per request

${makespan}

- **Physical limit**: ${n(c.items)} requests that each take ${c.latencyMs} ms, ${c.inFlight} at a time, cannot end sooner.
${makespanRows.map(([, label, how]) => `- **${label}**: ${how}`).join('\n')}
- *Most in flight* is measured from the sandbox's log: the most requests it was holding at one moment.

## 2. Per-item overhead, no latency: ${n(c.items)} items

${overhead}

- **This node inside n8n**: the time n8n plus this node spend per item (webhook, expressions, signing, the HTTP
  helper, retry bookkeeping) when the server answers at once.
- **Built-in route inside n8n**: the three nodes of table 1 with no latency, for scale: n8n's own cost per item with
  its core nodes (all requests at once, so not the same concurrency).
- **Plain loop**: the same requests from bare Node; the ratio is what running inside n8n costs.
- This CPU time is spent on n8n's one main thread between requests, so with latency it adds up: ${n(c.items)} items ×
  ${perItem(get('overhead/node').median.makespanMs)} ms = ${seconds(get('overhead/node').median.makespanMs)} s, against this node's gap of ${seconds(get('makespan/node').median.makespanMs - limitMs)} s to the physical limit in table 1.

## 3. Under a rate limit of ${c.rate} requests per second: ${n(c.rateItems)} items, ${c.latencyMs} ms latency

${rate}

- **Achieved rate ÷ R**: accepted items ÷ (R × the makespan rounded up to whole seconds), the most a limit of R per
  second lets through in that time. 1 means it used the allowance fully; a route that fails items can still score
  near 1 by finishing early, so read it with *Failed items*.
- **Failed items**: items never answered 200 (here: refused with 429 and not retried, or given up after 5 attempts).
${rateRows.map(([, label, how]) => `- **${label}**: ${how}`).join('\n')}

## 4. Peak memory of n8n: this node with ${n(c.memoryItems)} items in one execution

${memoryTable}

- The n8n process started by the bench (\`n8n start\`) and its descendants, read from /proc: VmRSS before the run,
  VmHWM after resetting it (\`echo 5 > /proc/<pid>/clear_refs\`) just before the run. Includes n8n saving the
  execution's ${n(c.memoryItems)} input and output items, as it does by default.
- One column per run, not a median: run 1 starts from an n8n that has only run the smaller cases; later runs start
  from what the previous ${n(c.memoryItems)}-item run left resident (V8 hands memory back to the system slowly), so
  *peak minus resident before* in run 1 is what one such execution adds to a fresh n8n.

## 5. Stale signatures: the oldest signature when it reached the sandbox

${ages}

- The age is the request's arrival time minus the \`timestamp\` it signed. This node signs right before each attempt,
  so the age is the time on the wire. The built-in route stamps every item in Edit Fields before the first request
  leaves, so the age grows with the list and the batching; Smile ID's accepted clock skew is not documented (the
  sandbox accepts 5 minutes).
`;
}

function machineLine(r: Results): string {
	const { machine: m, loadAtEnd, benchNode } = r.environment;
	return `Machine: ${m.cpu}, ${m.cores} cores (nproc), ${m.memoryGb.toFixed(1)} GB RAM, ${m.kernel}. Load average
(1, 5, 15 min) ${m.load} at the start and ${loadAtEnd} at the end: a shared machine, so figures move by several
percent between runs. The bench script, the sandbox and the plain loop's parent run on Node ${benchNode}; the plain
loop itself runs in a child process under n8n's Node.`;
}
