/** BENCHMARKS.md from one bench run: the targets met or missed, and the tables they come from. */
import type { Config } from './config';
import type { machine, MemoryStats, RunStats } from './measure';
import { n, percent, ratio, seconds, Tables } from './tables';

export interface Results {
	config: Config;
	/** Every run of every case, keyed as in cases.ts. */
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

interface Target {
	goal: string;
	measured: string;
	met: boolean;
	/** What bounds the figure, said when the target is missed. */
	bound: string;
}

/** The issue's targets, each with this run's medians and, when missed, by how much and why. */
function targets(c: Config, t: Tables): Target[] {
	const msPerItem = (key: string) => t.get(key).median.makespanMs / c.items;
	const nodeCost = msPerItem('overhead/node');
	const builtinCost = msPerItem('overhead/builtinDefaults');
	const noLimit = t.makespanRatio('noLimit/node', 'noLimit/builtinDefaults').median.r;
	const limitMs = t.physicalLimitMs(c.latencyMs, c.inFlight);
	const sameInFlight = t.get('makespan/node').median.makespanMs / limitMs;
	const burst = t.get('burst/node', c.rate).median;
	const burstFailed = burst.failedItems;
	const slow = t.makespanRatio('noLimitSlow/node', 'noLimitSlow/builtinDefaults').median.r;
	const together = t.get('together/node', c.togetherRate).median;
	const togetherRatio = together.makespanMs / t.togetherLimitMs();
	const list: Target[] = [
		{
			goal: `No limit, ${n(c.items)} items at ${c.latencyMs} ms, both at their defaults: this node ≤ 1.5× the built-in route`,
			measured: `${ratio(noLimit)}×`,
			met: noLimit <= 1.5,
			bound: `n8n's own cost per item, measured with its core nodes and no latency, is ${builtinCost.toFixed(2)} ms (table 3); this node's is ${nodeCost.toFixed(2)} ms, ${seconds(nodeCost * c.items)} s for the list, while ${c.nodeCeiling} in flight at ${c.latencyMs} ms need only ${seconds(t.physicalLimitMs(c.latencyMs, c.nodeCeiling))} s`,
		},
		{
			goal: `No limit, ${n(c.items)} items at ${c.slowLatencyMs} ms, both at their defaults: this node ≤ 1.5× the built-in route`,
			measured: `${ratio(slow)}×`,
			met: slow <= 1.5,
			bound: `the built-in route starts all ${n(c.items)} requests at once; this node ramps up from one request per execution (doubling per round of ${c.slowLatencyMs} ms) to its ceiling (most in flight: ${n(t.get('noLimitSlow/node').median.maxInFlight)}), and spends ${nodeCost.toFixed(2)} ms of n8n's one main thread per item`,
		},
		{
			goal: `Same requests in flight (${c.inFlight}) at ${c.latencyMs} ms: this node ≤ 1.10× the physical limit`,
			measured: `${ratio(sameInFlight)}×`,
			met: sameInFlight <= 1.1,
			bound: `the node starts at 1 in flight and doubles per round (about ${Math.ceil(Math.log2(c.inFlight))} rounds of ${c.latencyMs} ms to reach ${c.inFlight}), and n8n's cost per item (${nodeCost.toFixed(2)} ms × ${n(c.items)} = ${seconds(nodeCost * c.items)} s) is spent on its one main thread between requests; the plain loop at the same ${c.inFlight} took ${ratio(t.get('makespan/plain').median.makespanMs / limitMs)}×`,
		},
	];
	for (const perSecond of c.limits) {
		const s = t.get(`limit${perSecond}/node`, perSecond).median;
		// Paced at R per 1.05 s after a first second of finding R, the run cannot end sooner than this.
		const fastestSeconds = Math.ceil((c.items / perSecond) * 1.05 + 1);
		list.push({
			goal: `Unknown limit of ${perSecond}/s, ${n(c.items)} items: 0 failed, ≥ 0.90 R achieved, 429s ≤ 5% of requests`,
			measured: `${n(s.failedItems)} failed, ${ratio(s.rateShare)} R, ${percent(s.throttledShare)} 429s`,
			met: s.failedItems === 0 && s.rateShare >= 0.9 && s.throttledShare <= 0.05,
			bound: `${n(s.throttledFirstSecond)} of the ${n(s.throttled)} 429s came within the first second of the first one: the requests already on their way when Smile ID first refused (at most the ${c.nodeCeiling} in flight) are the price of a limit nobody told the node; paced, it sends at most R per 1.05 s, and the first second is spent finding R, so ${n(c.items)} items take at least ${fastestSeconds} whole seconds: at best ${ratio(c.items / (perSecond * fastestSeconds))} R by this measure`,
		});
	}
	list.push(
		{
			goal: `${n(c.burstExecutions)} webhook executions of one item within ${seconds(c.burstWithinMs)} s against ${c.rate}/s: 0 failed executions`,
			measured: `${n(burstFailed)} failed`,
			met: burstFailed === 0,
			bound: `${n(c.burstExecutions)} requests need ${seconds((1000 * c.burstExecutions) / c.rate)} s of the limit, and an item retries at most 5 times within 60 s`,
		},
		{
			goal: `${n(c.burstExecutions)} webhook executions of one item within ${seconds(c.burstWithinMs)} s against ${c.rate}/s: 429s ≤ 10% of requests`,
			measured: `${percent(burst.throttledShare)} (${n(burst.throttled)} of ${n(burst.requests)})`,
			met: burst.throttledShare <= 0.1,
			bound: `${n(burst.throttledFirstSecond)} of the ${n(burst.throttled)} 429s came within the first second of the first one: the executions arrive at ${ratio((1000 * c.burstExecutions) / c.burstWithinMs / c.rate)}× the limit, and what one of them learns holds back only those that start after it`,
		},
		{
			goal: `${c.togetherExecutions} executions × ${c.togetherItems} items started together against ${c.togetherRate}/s: 0 failed, 429s ≤ 10% of requests, makespan ≤ 1.25× what the limit allows`,
			measured: `${n(together.failedItems)} failed, ${percent(together.throttledShare)} 429s, ${ratio(togetherRatio)}×`,
			met: together.failedItems === 0 && together.throttledShare <= 0.1 && togetherRatio <= 1.25,
			bound: `${n(together.throttledFirstSecond)} of the ${n(together.throttled)} 429s came within the first second of the first one; ${n(c.togetherExecutions * c.togetherItems)} items at ${c.togetherRate}/s need ${seconds(t.togetherLimitMs())} s, and every refused request is one more that the limit has to let through`,
		},
		{
			goal: 'Cost per item with no latency: this node ≤ the built-in route',
			measured: `${nodeCost.toFixed(2)} ms against ${builtinCost.toFixed(2)} ms`,
			met: nodeCost <= builtinCost,
			bound: `this node runs one n8n node per item where the built-in route runs three, but each of its requests goes through n8n's credential and HTTP helper (decrypting and signing per attempt), and the two routes keep different numbers in flight (table 3): ${(nodeCost - builtinCost).toFixed(2)} ms per item more`,
		},
	);
	return list;
}

export function renderReport(r: Results): string {
	const { config: c, environment: e } = r;
	const t = new Tables(c, r.cases);
	const goals = targets(c, t);
	const missed = goals.filter((goal) => !goal.met);
	const targetTable = [
		'| Target | This run (medians) | Met |',
		'| --- | ---: | :---: |',
		...goals.map((goal) => `| ${goal.goal} | ${goal.measured} | ${goal.met ? 'yes' : 'no'} |`),
	].join('\n');
	const misses = missed.length
		? missed
				.map((goal) => `- **${goal.goal}**: ${goal.measured}. What bounds it: ${goal.bound}.`)
				.join('\n')
		: '- Every target was met in this run.';
	const rateRows: [string, string, string][] = [
		[
			'rate/node',
			'This node, its defaults',
			'Learns the limit from the first run of 429s and paces to it; retries the refused items.',
		],
		[
			'rate/builtinDefaults',
			"Built-in route, n8n's defaults",
			'All requests at once: what the limit refuses is answered 429 and fails (the HTTP Request node does not retry per item).',
		],
		[
			'rate/builtinTuned',
			`Built-in route, batching ${c.inFlight} every ${c.latencyMs} ms`,
			`${Math.round((c.inFlight * 1000) / c.latencyMs)} requests a second against a limit of ${c.rate}.`,
		],
		[
			'rate/builtinRate',
			`Built-in route, batching ${c.rate} every 1,000 ms`,
			'What a user who knows the limit sets; the sandbox counts any one-second window, so timing jitter can still cost a few.',
		],
	];
	const m = e.machine;
	return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${e.date.slice(0, 10)}: this node (${e.packageName} ${e.packageVersion}) against the
built-in route an n8n user builds without it, Edit Fields + Crypto + HTTP Request
([examples/builtin-route-crypto-http.json](examples/builtin-route-crypto-http.json), its three nodes used verbatim),
a plain Node \`http\` loop and the physical limit. One real n8n ${e.n8n} (Node ${e.n8nNode}), started once for the
whole run; each workflow is triggered through a webhook that answers when the execution ends. Requests go to the
local Smile ID sandbox on loopback, which adds the latency and the rate limit (any one-second window). Every time
is read from the sandbox's own log: a makespan runs from the first signature (the earliest signed \`timestamp\`, or
the first arrival if earlier) to the last answer.

Machine: ${m.cpu}, ${m.cores} cores (nproc), ${m.memoryGb.toFixed(1)} GB RAM, ${m.kernel}. Load average (1, 5, 15 min)
${m.load} at the start and ${e.loadAtEnd} at the end: a shared machine, so figures move by several percent between
runs. The bench, the sandbox and the plain loop's parent run on Node ${e.benchNode}; the plain loop itself runs in a
child process under n8n's Node.

Each figure is the median of ${c.runs} run${c.runs === 1 ? '' : 's'}, [smallest–largest] when they differ; the rows' runs are
interleaved, after a warm-up run of each. The whole bench took ${e.minutes.toFixed(1)} minutes. Rerun with \`npm run bench\`
(see the top of bench/run.ts for the settings).

## Targets

${targetTable}

${misses}

## 1. No rate limit: ${n(c.items)} items, each route at its defaults

${t.noLimit()}

- The built-in route starts every request at once; this node starts with 1 in flight, doubles per round of answers
  and keeps to its Max Requests in Flight (${c.nodeCeiling} by default). *Most in flight* is read from the sandbox's log.
- At ${c.slowLatencyMs} ms (nearer Smile ID's own latency) ${c.nodeCeiling} in flight need at least ${seconds(t.physicalLimitMs(c.slowLatencyMs, c.nodeCeiling))} s for ${n(c.items)} items.

## 2. The same requests in flight: ${n(c.items)} items, ${c.latencyMs} ms latency, ${c.inFlight} at a time

${t.sameInFlight()}

- The batched built-in route starts ${c.inFlight} requests every ${c.latencyMs} ms whether or not earlier ones were answered;
  the plain loop (keep-alive, signed just before sending, no n8n) is the floor for any code at this concurrency.

## 3. Cost per item, no latency: ${n(c.items)} items

${t.overhead()}

- With no latency the makespan is the CPU time n8n and the route spend per item (webhook, expressions, signing, the
  HTTP helper, saving the execution), on n8n's one main thread.

## 4. Rate limits the node was not told: ${n(c.items)} items, ${c.latencyMs} ms latency, its defaults

${t.unknownLimits()}

- **Achieved rate ÷ R**: accepted items ÷ (R × the makespan rounded up to whole seconds), the most R per second
  lets through in that time.
- **429s in the first second**: refused requests that arrived within one second of the first refused one: what
  finding the limit cost. Later ones come from probing whether the limit has risen.

## 5. The routes under a limit of ${c.rate} requests per second: ${n(c.rateItems)} items, ${c.latencyMs} ms latency

${t.routesUnderLimit(rateRows)}

${rateRows.map(([, label, how]) => `- **${label}**: ${how}`).join('\n')}

## 6. A burst of webhooks: ${n(c.burstExecutions)} executions of one item within ${seconds(c.burstWithinMs)} s, limit ${c.rate}/s

${t.burst()}

- As a CRM sends them: each execution is its own run of the workflow with one item.
  A failed execution is one whose user was never answered 200.

## 9. Executions started together: ${c.togetherExecutions} executions of ${n(c.togetherItems)} items at once in one n8n, limit ${c.togetherRate}/s, ${c.latencyMs} ms latency

${t.together()}

- All ${c.togetherExecutions} webhook calls leave at once, as when a scheduled workflow fans out to sub-workflows;
  *÷ what the limit allows* is the makespan ÷ (items ÷ R = ${seconds(t.togetherLimitMs())} s).

## 7. Peak memory of n8n: this node with ${n(c.memoryItems)} items in one execution

${t.memory(r.memory, r.childCommands)}

- VmRSS before the run, VmHWM after resetting it just before the run, from /proc. Includes n8n saving the
  execution's items. One column per run: later runs start from what the previous one left resident.

## 8. Stale signatures: the oldest signature when it reached the sandbox

${t.signatureAges()}

- Arrival time minus the signed \`timestamp\`. This node signs right before each attempt; the built-in route stamps
  every item before the first request leaves, so its age grows with the list.
`;
}
