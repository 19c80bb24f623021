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
	memoryItems: intEnv('BENCH_MEMORY_ITEMS', 10000),
	/** The requests in flight at which the node, the tuned built-in route and the plain loop are compared. */
	inFlight: 5,
	/** The node's own default Max Requests in Flight. */
	nodeCeiling: nodeDefault('maxRequestsInFlight'),
};
export type Config = typeof CONFIG;
