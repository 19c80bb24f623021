/** What n8n stored about a run's executions (PostgreSQL) and which worker ran each (the workers' logs). */
import * as path from 'node:path';

import { nodeOutput, type WorkflowRun } from '../../n8n/instance';
import type { Postgres } from '../../n8n/services';
import type { Cluster, Worker } from './cluster';

export interface ExecutionRecord {
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

/** The run n8n stored for one execution (execution_data.data is in `flatted` format). */
function loadRun(cluster: Cluster, id: string): WorkflowRun {
	const flatted = require(path.join(cluster.stack.runtime.dir, 'node_modules', 'flatted')) as {
		parse: (text: string) => any;
	};
	const [[text]] = cluster.postgres.query(
		`SELECT data FROM execution_data WHERE "executionId" = ${Number(id)}`,
	);
	return { data: { resultData: { runData: flatted.parse(text)?.resultData?.runData ?? {} } } };
}

/** The executions after `afterId`, once none of them is still running. */
export async function finishedExecutions(
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
				const run = loadRun(cluster, id);
				const chunk = nodeOutput(run, 'Chunk')[0]?.body?.userIds;
				return {
					id,
					status,
					startedAt: Number(startedAt),
					stoppedAt: Number(stoppedAt),
					userIds: Array.isArray(chunk) ? chunk : undefined,
					succeeded: nodeOutput(run, 'Smile ID: deactivate', 0).length,
					failures: nodeOutput(run, 'Smile ID: deactivate', 1).map(
						(j) => `${j.userId}: ${j.error?.message ?? JSON.stringify(j.error)}`,
					),
				};
			});
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

export function lastExecutionId(postgres: Postgres): number {
	return Number(postgres.query('SELECT coalesce(max(id), 0) FROM execution_entity')[0][0]);
}

/** Which worker started each execution, from the workers' logs ("Worker started execution N"). */
export function executionsByWorker(workers: Worker[]): Map<string, string[]> {
	const byExecution = new Map<string, string[]>();
	for (const worker of workers) {
		for (const match of worker.output().matchAll(/Worker started execution (\d+)/g)) {
			byExecution.set(match[1], [...(byExecution.get(match[1]) ?? []), worker.name]);
		}
	}
	return byExecution;
}
