/**
 * One bulk run through examples/bulk-fan-out-queue-mode.json: the users posted to its dispatcher,
 * the chunk executions awaited, the checks both runs share, and what the run measured.
 */
import { ENROLLEE_PATH } from '../../../sandbox';
import { log } from '../../n8n/install';
import type { Checks } from '../../spec';
import { PARTNER_ID } from '../shared';
import type { Cluster } from './cluster';
import {
	executionsByWorker,
	finishedExecutions,
	lastExecutionId,
	type ExecutionRecord,
} from './executions';

export const USERS = 2000;
const CHUNK = 100;

export interface RunResult {
	executions: ExecutionRecord[];
	makespanMs: number;
	users: string[];
}

function userIds(prefix: string): string[] {
	return Array.from({ length: USERS }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
}

function postJson(url: string, body: unknown): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

/** Posts the list to the dispatcher; `during` runs while the chunks are executing. */
export async function fanOut(
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
export async function checkRun(checks: Checks, cluster: Cluster, run: RunResult): Promise<void> {
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

/** Prints makespan, 429s and requests per worker. */
export function report(
	label: string,
	cluster: Cluster,
	run: RunResult,
	requestsBefore: number,
): void {
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
}
