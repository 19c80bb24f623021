/**
 * `npm run bench`: this node against the built-in Edit Fields + Crypto + HTTP Request route, a plain
 * Node http loop and the physical limit, in one real n8n 2.41.1 against the local Smile ID sandbox:
 * no limit at two latencies, the same requests in flight, the cost per item, unknown rate limits,
 * a burst of webhook executions and the memory of a long list. Prints the report and writes it to
 * BENCHMARKS.md. Not part of `npm test` or CI.
 *
 * The first run on a machine installs n8n into the cache of e2e/n8n/install.ts (about 5 minutes, once).
 * Environment (defaults in brackets): BENCH_RUNS [3], BENCH_ITEMS [1000], BENCH_LATENCY_MS [50],
 * BENCH_SLOW_LATENCY_MS [300], BENCH_LIMITS [10,50,200] requests per second, BENCH_RATE [20],
 * BENCH_RATE_ITEMS [200], BENCH_BURST_EXECUTIONS [200], BENCH_BURST_WITHIN_MS [5000],
 * BENCH_MEMORY_ITEMS [10000], BENCH_TOGETHER_EXECUTIONS [20] executions of BENCH_TOGETHER_ITEMS [50]
 * items started together against BENCH_TOGETHER_RATE [50] requests per second.
 * `npm run bench -- --case=burst,together` runs only the cases whose key starts with one of these
 * (keys in bench/cases.ts, `memory` for the memory runs) and prints their figures without writing BENCHMARKS.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ENROLLEE_PATH, type Sandbox } from '../sandbox';
import { ACCOUNT_IDLE_MS } from '../nodes/SmileId/transport/accountLimits';
import { DEV_OWNER } from '../e2e/fixtures';
import {
	DEFAULT_RUNTIME,
	PACKAGE_NAME,
	REPO_ROOT,
	buildPackage,
	log,
	type Runtime,
} from '../e2e/n8n/install';
import type { Instance } from '../e2e/n8n/instance';
import { waitForWebhook, type Running } from '../e2e/n8n/process';
import { startStack, type Stack } from '../e2e/n8n/stack';
import { cases, type Case, type Send, type Senders } from './cases';
import { CONFIG, ONLY_CASES, selected } from './config';
import {
	commandOf,
	machine,
	memoryMb,
	processTree,
	resetPeak,
	statsOf,
	type MemoryStats,
	type RunStats,
} from './measure';
import { runPlainLoop } from './plain-loop';
import { ROUTES, hmacCredential, writeWorkflows, type Route } from './workflows';
import { renderReport, type Results } from './report';
import { caseSummary } from './tables';

const PARTNER_ID = '085';
/**
 * Lets n8n finish saving one execution before the next run starts, and forget what it learned
 * about the account: each case meets Smile ID as a process that has not sent to it lately.
 */
const SETTLE_MS = ACCOUNT_IDLE_MS + 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const userIds = (count: number) =>
	Array.from({ length: count }, (_, i) => `bench-user-${String(i + 1).padStart(5, '0')}`);

class Bench implements Senders {
	constructor(
		private readonly sandbox: Sandbox,
		private readonly instance: Instance,
		private readonly runtime: Runtime,
	) {}

	/** Runs a workflow through its webhook; the call returns when the execution has ended. */
	viaN8n(route: Route): Send {
		return async (ids) => {
			const response = await fetch(`${this.instance.url}/webhook/${route.id}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ users: ids.map((userId) => ({ userId })) }),
			});
			const text = await response.text();
			if (response.status !== 200)
				throw new Error(
					`${route.label}: the webhook answered ${response.status}: ${text.slice(0, 500)}`,
				);
		};
	}

	burstViaN8n(route: Route, withinMs: number): Send {
		const viaN8n = this.viaN8n(route);
		return async (ids) => {
			const spacingMs = withinMs / ids.length;
			await Promise.all(
				ids.map(async (id, i) => await sleep(i * spacingMs).then(() => viaN8n([id]))),
			);
		};
	}

	togetherViaN8n(route: Route, executions: number): Send {
		const viaN8n = this.viaN8n(route);
		return async (ids) => {
			const share = Math.ceil(ids.length / executions);
			await Promise.all(
				Array.from({ length: executions }, (_, i) => viaN8n(ids.slice(i * share, (i + 1) * share))),
			);
		};
	}

	plainLoop(): Send {
		const partner = this.sandbox.partners.find((p) => p.partnerId === PARTNER_ID)!;
		return (ids) =>
			runPlainLoop(this.runtime.node, {
				enrolleeUrl: `${this.sandbox.url}${ENROLLEE_PATH}`,
				partnerId: partner.partnerId,
				apiKey: partner.keys.test,
				email: 'owner@example.com',
				userIds: ids,
				inFlight: CONFIG.inFlight,
			});
	}

	async measure(c: Pick<Case, 'items' | 'drills' | 'send'>): Promise<RunStats> {
		this.sandbox.clearRequests();
		this.sandbox.clearDrills();
		for (const drill of c.drills) this.sandbox.addDrill(drill);
		await c.send(userIds(c.items));
		const stats = statsOf(
			this.sandbox.requests().filter((r) => r.path === ENROLLEE_PATH),
			c.items,
		);
		this.sandbox.clearDrills();
		await sleep(SETTLE_MS);
		return stats;
	}
}

/** n8n registers published workflows' webhooks in the background after start: wait until each answers. */
async function waitForWebhooks(instance: Instance): Promise<void> {
	for (const route of Object.values(ROUTES))
		await waitForWebhook(instance, route.id, { users: [] });
}

/** Every route must get its requests accepted before anything is timed. */
async function verify(bench: Bench): Promise<void> {
	const routes: [string, Send][] = [
		...Object.values(ROUTES).map((route): [string, Send] => [route.label, bench.viaN8n(route)]),
		['plain loop', bench.plainLoop()],
	];
	for (const [label, send] of routes) {
		const stats = await bench.measure({ items: 3, drills: [], send });
		if (stats.requests !== 3 || stats.acceptedItems !== 3) {
			throw new Error(
				`${label}: the sandbox did not accept its 3 test requests: ${JSON.stringify(stats)}`,
			);
		}
	}
	log('every route gets its requests accepted (HTTP 200) by the sandbox');
}

/** This node with MEMORY_ITEMS items in one execution, no latency; peaks from VmHWM after a reset. */
async function memoryRun(bench: Bench, n8n: Running): Promise<MemoryStats> {
	const main = n8n.process.pid!;
	const idleMainMb = memoryMb(main, 'VmRSS');
	for (const pid of processTree(main)) resetPeak(pid);
	const stats = await bench.measure({
		items: CONFIG.memoryItems,
		drills: [],
		send: bench.viaN8n(ROUTES.node),
	});
	const children = processTree(main).slice(1);
	return {
		idleMainMb,
		peakMainMb: memoryMb(main, 'VmHWM'),
		peakChildrenMb: children.reduce((sum, pid) => sum + memoryMb(pid, 'VmHWM'), 0),
		makespanMs: stats.makespanMs,
	};
}

async function main(): Promise<void> {
	const started = Date.now();
	const machineAtStart = machine();
	log(`bench: ${JSON.stringify(CONFIG)} on ${machineAtStart.cores} cores, ${machineAtStart.cpu}`);
	await buildPackage();
	let stack: Stack | undefined;
	try {
		stack = await startStack({
			version: DEFAULT_RUNTIME,
			owner: DEV_OWNER,
			// Every request of the largest case is counted: keep the whole log.
			sandbox: { maxLoggedRequests: 100_000 },
			credentials: (sandbox) => [hmacCredential(sandbox.partners[0].keys.test)],
			workflows: (sandbox, userFolder) => {
				const folder = path.join(userFolder, 'bench-workflows');
				writeWorkflows(folder, {
					enrolleeUrl: `${sandbox.url}${ENROLLEE_PATH}`,
					inFlight: CONFIG.inFlight,
					latencyMs: CONFIG.latencyMs,
					ratePerSecond: CONFIG.rate,
				});
				return [folder];
			},
			activate: Object.values(ROUTES).map((route) => route.id),
		});
		const { sandbox, instance, runtime } = stack;
		const n8n = stack.n8n!;
		for (const id of userIds(
			Math.max(
				CONFIG.items,
				CONFIG.rateItems,
				CONFIG.burstExecutions,
				CONFIG.memoryItems,
				CONFIG.togetherExecutions * CONFIG.togetherItems,
			),
		))
			sandbox.addEnrollee(PARTNER_ID, id);
		const tree = processTree(n8n.process.pid!);
		log(
			`n8n processes: ${tree.map((pid) => `${pid} ${commandOf(pid).slice(0, 100)}`).join(' | ')}`,
		);

		await waitForWebhooks(instance);
		const bench = new Bench(sandbox, instance, runtime);
		await verify(bench);
		const all = cases(bench).filter((c) => selected(c.key));
		log('warm-up: every case once with up to 200 items and no drills (not counted)');
		for (const c of all)
			await bench.measure({ items: Math.min(c.items, 200), drills: [], send: c.send });

		const runs = new Map<string, RunStats[]>(all.map((c) => [c.key, []]));
		const memory: MemoryStats[] = [];
		for (let round = 1; round <= CONFIG.runs; round++) {
			for (const c of all) {
				const stats = await bench.measure(c);
				runs.get(c.key)!.push(stats);
				log(
					`run ${round}/${CONFIG.runs} ${c.key}: ${(stats.makespanMs / 1000).toFixed(2)} s, ${stats.requests} requests, ${stats.failedItems} failed`,
				);
			}
			if (!selected('memory')) continue;
			const m = await memoryRun(bench, n8n);
			memory.push(m);
			log(
				`run ${round}/${CONFIG.runs} memory: main ${m.idleMainMb.toFixed(0)} -> peak ${m.peakMainMb.toFixed(0)} MB, children ${m.peakChildrenMb.toFixed(0)} MB`,
			);
		}

		if (ONLY_CASES.length > 0) {
			process.stdout.write(`\n${caseSummary(CONFIG, Object.fromEntries(runs))}\n`);
			log(`only ${ONLY_CASES.join(', ')}: BENCHMARKS.md left as it was`);
			return;
		}
		const results: Results = {
			config: CONFIG,
			cases: Object.fromEntries(runs),
			memory,
			childCommands: processTree(n8n.process.pid!).slice(1).map(commandOf),
			environment: {
				date: new Date().toISOString(),
				machine: machineAtStart,
				loadAtEnd: machine().load,
				n8n: runtime.spec.version,
				n8nNode: runtime.spec.node,
				benchNode: process.version,
				packageVersion: (
					JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
						version: string;
					}
				).version,
				packageName: PACKAGE_NAME,
				minutes: (Date.now() - started) / 60000,
			},
		};
		const report = renderReport(results);
		process.stdout.write(`\n${report}\n`);
		fs.writeFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), report);
		log(`wrote BENCHMARKS.md; the bench took ${Math.round((Date.now() - started) / 1000)} s`);
	} finally {
		await stack?.stop();
	}
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${(error as Error).stack ?? error}\n`);
		process.exit(1);
	});
}
