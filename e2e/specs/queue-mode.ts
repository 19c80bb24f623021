/**
 * The queue-mode part of `npm run test:e2e` (skip it with --no-queue), or alone:
 *
 *   npm run test:e2e -- --version=2.41.1 --no-browser   (with the 2.41.1 specs; --no-queue skips it)
 *
 * n8n 2.41.1 as a team runs it beyond one machine: a throwaway Redis and PostgreSQL
 * (e2e/n8n/services.ts), one main process with EXECUTIONS_MODE=queue and two `n8n worker` processes,
 * all on one n8n user folder holding the package in its nodes folder (as one volume mounted at
 * ~/.n8n in every container, as n8n's own queue-mode docker-compose does): queue-mode/cluster.ts.
 * One sandbox with a rate limit of 50 requests/s, 30 ms latency and a few answers lost on purpose
 * stands in for Smile ID.
 *
 *  1. examples/bulk-fan-out-queue-mode.json deactivates 2,000 users in 20 chunks of 100
 *     (queue-mode/fan-out.ts);
 *  2. the same with new users, and one worker stopped with SIGTERM in the middle of the run.
 * The users' state in the sandbox, n8n's execution records (Postgres, queue-mode/executions.ts) and
 * the workers' logs are checked; makespan, 429s and requests per worker are printed.
 */
import { ENROLLEE_PATH } from '../../sandbox';
import { log } from '../n8n/install';
import { waitForWebhook } from '../n8n/process';
import { startPostgres, startRedis, type Postgres, type Service } from '../n8n/services';
import type { Checks } from '../spec';
import {
	VERSION,
	memoryMb,
	sigterm,
	startCluster,
	stopCluster,
	type Cluster,
} from './queue-mode/cluster';
import { executionsByWorker } from './queue-mode/executions';
import { USERS, checkRun, fanOut, report } from './queue-mode/fan-out';

/** Smile ID as the runs meet it: 30 ms per answer, 50 requests/s, and 0.5% of the answers lost. */
function addSmileIdDrills(cluster: Cluster): void {
	const { sandbox } = cluster;
	sandbox.addDrill({ kind: 'latency', ms: 30, paths: [ENROLLEE_PATH] });
	sandbox.addDrill({ kind: 'rateLimit', perSecond: 50, retryAfter: 1, paths: [ENROLLEE_PATH] });
	sandbox.addDrill({
		kind: 'reset',
		afterProcessing: true,
		share: 0.005,
		seed: 14,
		paths: [ENROLLEE_PATH],
		name: 'lost-answer',
	});
}

/** Run 1: every execution runs on a worker, both workers take chunks, main runs none. */
async function runOnBothWorkers(checks: Checks, cluster: Cluster): Promise<void> {
	const step = Date.now();
	const first = await fanOut(checks, cluster, 'queue-a');
	await checkRun(checks, cluster, first);
	const byExecution = executionsByWorker(cluster.workers);
	const ran = first.executions.map((e) => byExecution.get(e.id) ?? []);
	await checks.ok(
		'every execution of the run ran on a worker, none on main',
		ran.every((w) => w.length === 1),
		ran,
	);
	const chunkWorkers = new Set(
		first.executions.filter((e) => e.userIds).map((e) => byExecution.get(e.id)?.[0]),
	);
	await checks.ok(
		'both workers ran chunks',
		chunkWorkers.has('worker-1') && chunkWorkers.has('worker-2'),
		[...chunkWorkers],
	);
	await checks.ok(
		'main never started an execution itself',
		!/Worker started execution/.test(cluster.main.output()),
	);
	report('run 1', cluster, first, 0);
	log(
		`  memory at the end of run 1: workers ${cluster.workers.map((w) => memoryMb(w.process.pid)).join(' MB, ')} MB; run 1 took ${((Date.now() - step) / 1000).toFixed(1)} s`,
	);
}

/** Run 2: worker-1 gets SIGTERM mid-run; it finishes what it holds, and the other worker takes the rest. */
async function runWithWorkerStopped(checks: Checks, cluster: Cluster): Promise<void> {
	const { sandbox } = cluster;
	const requestsBefore = sandbox.requests().length;
	const stopped = cluster.workers[0];
	let stopMs = 0;
	let stopAt = 0;
	const second = await fanOut(checks, cluster, 'queue-b', async () => {
		// Stop worker-1 once about a quarter of the users are done, while it holds running chunks.
		const deadline = Date.now() + 120_000;
		while (
			Date.now() < deadline &&
			sandbox.enrollees().filter((e) => e.userId.startsWith('queue-b') && !e.active).length <
				USERS / 4
		) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		stopAt = Date.now();
		log(`  SIGTERM to ${stopped.name} (pid ${stopped.process.pid})`);
		await sigterm(stopped);
		stopMs = Date.now() - stopAt;
	});
	await checkRun(checks, cluster, second);
	const held =
		/Waiting for \d+ active executions to finish\.\.\. \(execution IDs: ([\d, ]+)\)/
			.exec(stopped.output())?.[1]
			.split(', ') ?? [];
	const cancelled = /Cancelled \d+ in-process executions/.test(stopped.output());
	const after = executionsByWorker(cluster.workers);
	const heldStatus = held.map(
		(id) =>
			`${id}: ${second.executions.find((e) => e.id === id)?.status}, run by ${(after.get(id) ?? []).join(' then ')}`,
	);
	log(
		`  ${stopped.name} held ${held.length} running executions at SIGTERM; it exited ${(stopMs / 1000).toFixed(1)} s later ` +
			`(cancelled: ${cancelled}); ${heldStatus.join('; ')}`,
	);
	await checks.ok(
		`after SIGTERM ${stopped.name} finishes the executions it held, then exits; none is cancelled or run twice`,
		held.length > 0 &&
			!cancelled &&
			stopped.process.exitCode !== null &&
			held.every((id) => (after.get(id) ?? []).length === 1),
		stopped.output().slice(-3000),
	);
	const lateChunks = second.executions.filter(
		(e) => e.userIds && e.startedAt > stopAt && after.get(e.id)?.[0] === stopped.name,
	);
	await checks.ok(
		`no chunk starts on ${stopped.name} after SIGTERM; the other worker takes the queued ones`,
		lateChunks.length === 0,
		lateChunks,
	);
	report('run 2 (worker-1 stopped)', cluster, second, requestsBefore);
}

/** The queue-mode run: its own stack (Redis, PostgreSQL, main, two workers), started and removed here. */
export async function runQueueMode(checks: Checks): Promise<void> {
	const started = Date.now();
	log(`=== queue mode: n8n ${VERSION} main + 2 workers, Redis, PostgreSQL ===`);
	let redis: Service | undefined;
	let postgres: Postgres | undefined;
	let cluster: Cluster | undefined;
	try {
		const step = Date.now();
		[redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
		log(
			`  Redis on port ${redis.port}, PostgreSQL on port ${postgres.port}, ready in ${((Date.now() - step) / 1000).toFixed(1)} s`,
		);
		cluster = await startCluster(redis, postgres);
		addSmileIdDrills(cluster);
		const memory = {
			main: memoryMb(cluster.main.process.pid),
			workers: cluster.workers.map((w) => memoryMb(w.process.pid)),
		};
		log(
			`  memory after start (RSS, with task runners): main ${memory.main} MB, workers ${memory.workers.join(' MB, ')} MB`,
		);
		await checks.ok(
			'main and two workers start, sharing the user folder that holds the package',
			true,
		);
		// An empty chunk changes nothing: it probes whether main has registered the example's webhooks.
		await waitForWebhook(cluster.stack.instance, 'smile-id-bulk-chunk', { userIds: [] });
		await runOnBothWorkers(checks, cluster);
		await runWithWorkerStopped(checks, cluster);
	} finally {
		if (cluster) await stopCluster(cluster);
		await Promise.all([redis?.stop(), postgres?.stop()]);
		log(
			`=== queue mode done in ${Math.round((Date.now() - started) / 1000)} s; logs: e2e/artifacts/queue-mode/ ===`,
		);
	}
}
