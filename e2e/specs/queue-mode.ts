/**
 * The queue-mode part of `npm run test:e2e` (skip it with --no-queue), or alone:
 *
 *   npm run test:e2e -- --version=2.41.1 --no-browser   (with the 2.41.1 specs; --no-queue skips it)
 *
 * n8n 2.41.1 as a team runs it beyond one machine: a throwaway Redis and PostgreSQL
 * (e2e/n8n/services.ts), one main process with EXECUTIONS_MODE=queue and two `n8n worker` processes,
 * all on one n8n user folder holding the package in its nodes folder (as one volume mounted at
 * ~/.n8n in every container, as n8n's own queue-mode docker-compose does). One sandbox with a rate limit of
 * 50 requests/s, 30 ms latency and a few answers lost on purpose stands in for Smile ID.
 *
 *  1. examples/bulk-fan-out-queue-mode.json deactivates 2,000 users in 20 chunks of 100;
 *  2. the same with new users, and one worker stopped with SIGTERM in the middle of the run.
 * The users' state in the sandbox, n8n's execution records (Postgres) and the workers' logs are
 * checked; makespan, 429s and requests per worker are printed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ENROLLEE_PATH, type Sandbox } from '../../sandbox';
import { REPO_ROOT, log } from '../n8n/install';
import { waitForWebhook, type Running } from '../n8n/process';
import { startPostgres, startRedis, type Postgres, type Service } from '../n8n/services';
import { prepareStack, type Stack } from '../n8n/stack';
import type { Checks } from '../spec';
import { E2E_OWNER, PARTNER_ID } from './shared';

const VERSION = '2.41.1';
const USERS = 2000;
const CHUNK = 100;
const WORKFLOW_ID = 'smileIdExFanOut1';
/** What a worker is given to finish its executions after SIGTERM (n8n's default is 30 s). */
const GRACEFUL_SHUTDOWN_SECONDS = 120;
/** Jobs a worker runs at once (n8n's default is 10): with 5, half of the chunks wait on the queue. */
const WORKER_CONCURRENCY = 5;

interface Worker extends Running {
	name: string;
}

interface Cluster {
	stack: Stack;
	main: Running;
	workers: Worker[];
	postgres: Postgres;
	sandbox: Sandbox;
}

interface ExecutionRecord {
	id: string;
	status: string;
	startedAt: number;
	stoppedAt: number;
	/** The users of a chunk execution (undefined: the dispatcher). */
	userIds?: string[];
	succeeded: number;
	/** The error messages of the items that came out of the node's error output. */
	failures: string[];
}

/** The environment every process of the cluster shares: queue mode, Redis, PostgreSQL. */
function queueEnv(redis: Service, postgres: Postgres): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: String(GRACEFUL_SHUTDOWN_SECONDS),
	};
}

function userIds(prefix: string): string[] {
	return Array.from({ length: USERS }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
}

/** The run data n8n stored for one execution (execution_data.data is in `flatted` format). */
function loadRunData(cluster: Cluster, id: string): any {
	const flatted = require(path.join(cluster.stack.runtime.dir, 'node_modules', 'flatted')) as {
		parse: (text: string) => any;
	};
	const [[text]] = cluster.postgres.query(
		`SELECT data FROM execution_data WHERE "executionId" = ${Number(id)}`,
	);
	return flatted.parse(text)?.resultData?.runData ?? {};
}

function outputJson(runData: any, node: string, output = 0): any[] {
	return (runData?.[node]?.[0]?.data?.main?.[output] ?? []).map((item: any) => item.json);
}

/** The executions after `afterId`, once none of them is still running. */
async function finishedExecutions(
	cluster: Cluster,
	afterId: number,
	expected: number,
	timeoutMs: number,
): Promise<ExecutionRecord[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = cluster.postgres.query(
			`SELECT id, status, extract(epoch from "startedAt") * 1000, extract(epoch from "stoppedAt") * 1000 FROM execution_entity WHERE id > ${afterId} ORDER BY id`,
		);
		const done = rows.filter(([, status]) => !['new', 'running', 'waiting'].includes(status));
		if ((rows.length >= expected && done.length === rows.length) || Date.now() > deadline) {
			return done.map(([id, status, startedAt, stoppedAt]) => {
				const runData = loadRunData(cluster, id);
				const chunk = outputJson(runData, 'Chunk')[0]?.body?.userIds;
				return {
					id,
					status,
					startedAt: Number(startedAt),
					stoppedAt: Number(stoppedAt),
					userIds: Array.isArray(chunk) ? chunk : undefined,
					succeeded: outputJson(runData, 'Smile ID: deactivate', 0).length,
					failures: outputJson(runData, 'Smile ID: deactivate', 1).map(
						(j) => `${j.userId}: ${j.error?.message ?? JSON.stringify(j.error)}`,
					),
				};
			});
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

function lastExecutionId(postgres: Postgres): number {
	return Number(postgres.query('SELECT coalesce(max(id), 0) FROM execution_entity')[0][0]);
}

function postJson(url: string, body: unknown): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

interface RunResult {
	executions: ExecutionRecord[];
	makespanMs: number;
	users: string[];
}

/** Posts the list to the dispatcher; `during` runs while the chunks are executing. */
async function fanOut(
	checks: Checks,
	cluster: Cluster,
	prefix: string,
	during?: () => Promise<void>,
): Promise<RunResult> {
	const users = userIds(prefix);
	for (const id of users) cluster.sandbox.addEnrollee(PARTNER_ID, id, {});
	const before = lastExecutionId(cluster.postgres);
	const response = await postJson(`${cluster.stack.instance.url}/webhook/smile-id-bulk`, {
		userIds: users,
	});
	const answer: any = await response.json().catch(() => undefined);
	await checks.ok(
		`the dispatcher answers 200 with ${USERS / CHUNK} chunks started for ${USERS} users`,
		response.status === 200 && answer?.chunks === USERS / CHUNK && answer?.users === USERS,
		{ status: response.status, answer },
	);
	await during?.();
	const executions = await finishedExecutions(cluster, before, 1 + USERS / CHUNK, 10 * 60_000);
	const makespanMs =
		Math.max(...executions.map((e) => e.stoppedAt)) -
		Math.min(...executions.map((e) => e.startedAt));
	return { executions, makespanMs, users };
}

/** The checks both runs share: users changed once (twice where an answer was lost), nothing failed. */
async function checkRun(checks: Checks, cluster: Cluster, run: RunResult): Promise<void> {
	const chunks = run.executions.filter((e) => e.userIds);
	await checks.ok(
		`${USERS / CHUNK} chunk executions of ${CHUNK} users, all ended with status success`,
		chunks.length === USERS / CHUNK &&
			chunks.every((e) => e.status === 'success' && e.userIds!.length === CHUNK),
		run.executions.map(({ id, status, userIds: ids }) => ({ id, status, users: ids?.length })),
	);
	const failures = chunks.flatMap((e) => e.failures);
	const succeeded = chunks.reduce((sum, e) => sum + e.succeeded, 0);
	await checks.ok(
		`0 failed items, ${USERS} successful items`,
		failures.length === 0 && succeeded === USERS,
		{ succeeded, failures },
	);

	const requests = cluster.sandbox.requests().filter((r) => r.path === ENROLLEE_PATH);
	const lost = new Set(
		requests.filter((r) => r.drill?.includes('lost-answer')).map((r) => (r.body as any)?.user_id),
	);
	const wrong = run.users.filter((id) => {
		const state = cluster.sandbox.enrollee(PARTNER_ID, id);
		const times = state?.history.length ?? 0;
		return state?.active !== false || !(times === 1 || (times === 2 && lost.has(id)));
	});
	const twice = run.users.filter(
		(id) => cluster.sandbox.enrollee(PARTNER_ID, id)?.history.length === 2,
	).length;
	await checks.ok(
		`every user deactivated exactly once, or twice where the sandbox lost the answer on purpose (${twice} twice)`,
		wrong.length === 0,
		wrong.slice(0, 10).map((id) => cluster.sandbox.enrollee(PARTNER_ID, id)),
	);
}

/** Which worker started each execution, from the workers' logs ("Worker started execution N"). */
function executionsByWorker(workers: Worker[]): Map<string, string[]> {
	const byExecution = new Map<string, string[]>();
	for (const worker of workers) {
		for (const match of worker.output().matchAll(/Worker started execution (\d+)/g)) {
			byExecution.set(match[1], [...(byExecution.get(match[1]) ?? []), worker.name]);
		}
	}
	return byExecution;
}

/** Prints makespan, 429s and requests per worker; returns the requests per worker. */
function report(
	label: string,
	cluster: Cluster,
	run: RunResult,
	requestsBefore: number,
): Record<string, number> {
	const byExecution = executionsByWorker(cluster.workers);
	const workerOfUser = new Map<string, string>();
	for (const e of run.executions)
		for (const id of e.userIds ?? [])
			workerOfUser.set(id, (byExecution.get(e.id) ?? ['?']).join('+'));
	const requests = cluster.sandbox
		.requests()
		.slice(requestsBefore)
		.filter((r) => r.path === ENROLLEE_PATH);
	const perWorker: Record<string, number> = {};
	for (const r of requests) {
		const worker = workerOfUser.get((r.body as any)?.user_id) ?? '?';
		perWorker[worker] = (perWorker[worker] ?? 0) + 1;
	}
	const throttled = requests.filter((r) => r.status === 429).length;
	const lost = requests.filter((r) => r.drill?.includes('lost-answer')).length;
	log(
		`${label}: makespan ${(run.makespanMs / 1000).toFixed(1)} s for ${USERS} users (${Math.round(USERS / (run.makespanMs / 1000))} users/s against a limit of 50 requests/s), ` +
			`${requests.length} requests, ${throttled} answered 429, ${lost} answers lost on purpose; requests per worker ${JSON.stringify(perWorker)}`,
	);
	return perWorker;
}

async function startCluster(redis: Service, postgres: Postgres): Promise<Cluster> {
	let started = Date.now();
	const stack = await prepareStack({
		version: VERSION,
		owner: E2E_OWNER,
		// Every request of both runs is counted from the log: keep all of them.
		sandbox: { seed: false, maxLoggedRequests: 50_000 },
		activate: [WORKFLOW_ID],
		env: queueEnv(redis, postgres),
	});
	try {
		log(
			`  PostgreSQL schema, credential and examples imported in ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		started = Date.now();
		const main = await stack.start();
		log(`  main ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		started = Date.now();
		const env = { N8N_CONCURRENCY_PRODUCTION_LIMIT: String(WORKER_CONCURRENCY) };
		const workers = await Promise.all(
			['worker-1', 'worker-2'].map(async (name) => ({
				name,
				...(await stack.startProcess('worker', { env })),
			})),
		);
		log(`  two workers ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return { stack, main, workers, postgres, sandbox: stack.sandbox };
	} catch (error) {
		await stack.stop();
		throw error;
	}
}

/** SIGTERM to the n8n process alone (as `docker stop` does; n8n stops its task runner itself), then its exit. */
async function sigterm(worker: Worker): Promise<void> {
	if (worker.process.exitCode !== null) return;
	const exited = new Promise((resolve) => worker.process.once('exit', resolve));
	worker.process.kill('SIGTERM');
	await exited;
}

/** Resident memory of a process and its children (the task runner), in MB. */
function memoryMb(pid: number | undefined): number {
	if (pid === undefined) return 0;
	const pids = [pid];
	for (let i = 0; i < pids.length; i++) {
		const children = fs.existsSync(`/proc/${pids[i]}/task/${pids[i]}/children`)
			? fs
					.readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8')
					.trim()
					.split(/\s+/)
					.filter(Boolean)
					.map(Number)
			: [];
		pids.push(...children);
	}
	let kb = 0;
	for (const p of pids) {
		const match = /VmRSS:\s+(\d+)/.exec(
			fs.existsSync(`/proc/${p}/status`) ? fs.readFileSync(`/proc/${p}/status`, 'utf8') : '',
		);
		kb += match ? Number(match[1]) : 0;
	}
	return Math.round(kb / 1024);
}

/** The queue-mode run: its own stack (Redis, PostgreSQL, main, two workers), started and removed here. */
export async function runQueueMode(checks: Checks): Promise<void> {
	const started = Date.now();
	log(`=== queue mode: n8n ${VERSION} main + 2 workers, Redis, PostgreSQL ===`);
	let redis: Service | undefined;
	let postgres: Postgres | undefined;
	let cluster: Cluster | undefined;
	try {
		let step = Date.now();
		[redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
		log(
			`  Redis on port ${redis.port}, PostgreSQL on port ${postgres.port}, ready in ${((Date.now() - step) / 1000).toFixed(1)} s`,
		);
		cluster = await startCluster(redis, postgres);
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

		step = Date.now();
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
	} finally {
		if (cluster) {
			const artifacts = path.join(REPO_ROOT, 'e2e', 'artifacts', 'queue-mode');
			fs.rmSync(artifacts, { recursive: true, force: true });
			fs.mkdirSync(artifacts, { recursive: true });
			fs.writeFileSync(path.join(artifacts, 'main.log'), cluster.main.output());
			for (const w of cluster.workers)
				fs.writeFileSync(path.join(artifacts, `${w.name}.log`), w.output());
			await cluster.stack.stop();
		}
		await Promise.all([redis?.stop(), postgres?.stop()]);
		log(
			`=== queue mode done in ${Math.round((Date.now() - started) / 1000)} s; logs: e2e/artifacts/queue-mode/ ===`,
		);
	}
}
