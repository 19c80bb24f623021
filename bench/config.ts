/** The bench's settings, from the environment (defaults in brackets; see bench/run.ts). */
import type { INodeProperties } from 'n8n-workflow';

import { requestOptions } from '../nodes/SmileId/helpers/options';

function intEnv(name: string, fallback: number): number {
	const value = Number(process.env[name] || fallback);
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
	return value;
}

function listEnv(name: string, fallback: number[]): number[] {
	const text = process.env[name];
	if (!text) return fallback;
	const values = text.split(',').map(Number);
	if (!values.every((v) => Number.isInteger(v) && v > 0))
		throw new Error(`${name} must be positive integers separated by commas`);
	return values;
}

const nodeDefault = (name: string) =>
	(requestOptions.options as INodeProperties[]).find((option) => option.name === name)!
		.default as number;

export const CONFIG = {
	runs: intEnv('BENCH_RUNS', 3),
	items: intEnv('BENCH_ITEMS', 1000),
	latencyMs: intEnv('BENCH_LATENCY_MS', 50),
	/** Nearer Smile ID's own latency. */
	slowLatencyMs: intEnv('BENCH_SLOW_LATENCY_MS', 300),
	/** The unknown limits the node meets with its defaults, in requests per second. */
	limits: listEnv('BENCH_LIMITS', [10, 50, 200]),
	/** The limit of the table that compares the routes under a limit, with fewer items. */
	rate: intEnv('BENCH_RATE', 20),
	rateItems: intEnv('BENCH_RATE_ITEMS', 200),
	burstExecutions: intEnv('BENCH_BURST_EXECUTIONS', 200),
	burstWithinMs: intEnv('BENCH_BURST_WITHIN_MS', 5000),
	/** Executions started together in one n8n, each with its share of the items, against one limit. */
	togetherExecutions: intEnv('BENCH_TOGETHER_EXECUTIONS', 20),
	togetherItems: intEnv('BENCH_TOGETHER_ITEMS', 50),
	togetherRate: intEnv('BENCH_TOGETHER_RATE', 50),
	memoryItems: intEnv('BENCH_MEMORY_ITEMS', 10000),
	/** The requests in flight at which the node, the tuned built-in route and the plain loop are compared. */
	inFlight: 5,
	/** The node's own default Max Requests in Flight. */
	nodeCeiling: nodeDefault('maxRequestsInFlight'),
};
export type Config = typeof CONFIG;

/**
 * `npm run bench -- --case=burst,noLimitSlow`: only the cases whose key starts with one of these
 * (keys as in cases.ts; `memory` for the memory runs). Empty: every case, and BENCHMARKS.md is written.
 */
export const ONLY_CASES = process.argv
	.filter((arg) => arg.startsWith('--case='))
	.flatMap((arg) => arg.slice('--case='.length).split(','))
	.filter(Boolean);

export const selected = (key: string) =>
	ONLY_CASES.length === 0 || ONLY_CASES.some((prefix) => key.startsWith(prefix));
