/**
 * The queue-mode cluster: n8n 2.41.1's main process and two `n8n worker` processes on Redis and
 * PostgreSQL, all on one user folder holding the package, with their start, measures and stop.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Sandbox } from '../../../sandbox';
import { REPO_ROOT, log } from '../../n8n/install';
import type { Running } from '../../n8n/process';
import type { Postgres, Service } from '../../n8n/services';
import { prepareStack, type Stack } from '../../n8n/stack';
import { E2E_OWNER } from '../shared';

export const VERSION = '2.41.1';
const WORKFLOW_ID = 'smileIdExFanOut1';
/** What a worker is given to finish its executions after SIGTERM (n8n's default is 30 s). */
const GRACEFUL_SHUTDOWN_SECONDS = 120;
/** Jobs a worker runs at once (n8n's default is 10): with 5, half of the chunks wait on the queue. */
const WORKER_CONCURRENCY = 5;

export interface Worker extends Running {
	name: string;
}

export interface Cluster {
	stack: Stack;
	main: Running;
	workers: Worker[];
	postgres: Postgres;
	sandbox: Sandbox;
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

export async function startCluster(redis: Service, postgres: Postgres): Promise<Cluster> {
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

/** Keeps every process's log in e2e/artifacts/queue-mode/, then stops the stack (not Redis or PostgreSQL). */
export async function stopCluster(cluster: Cluster): Promise<void> {
	const artifacts = path.join(REPO_ROOT, 'e2e', 'artifacts', 'queue-mode');
	fs.rmSync(artifacts, { recursive: true, force: true });
	fs.mkdirSync(artifacts, { recursive: true });
	fs.writeFileSync(path.join(artifacts, 'main.log'), cluster.main.output());
	for (const w of cluster.workers)
		fs.writeFileSync(path.join(artifacts, `${w.name}.log`), w.output());
	await cluster.stack.stop();
}

/** SIGTERM to the n8n process alone (as `docker stop` does; n8n stops its task runner itself), then its exit. */
export async function sigterm(worker: Worker): Promise<void> {
	if (worker.process.exitCode !== null) return;
	const exited = new Promise((resolve) => worker.process.once('exit', resolve));
	worker.process.kill('SIGTERM');
	await exited;
}

/** Resident memory of a process and its children (the task runner), in MB. */
export function memoryMb(pid: number | undefined): number {
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
