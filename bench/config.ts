/** The bench's settings, from the environment (defaults in brackets; see bench/run.ts). */
function intEnv(name: string, fallback: number): number {
	const value = Number(process.env[name] || fallback);
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
	return value;
}

export const CONFIG = {
	runs: intEnv('BENCH_RUNS', 3),
	items: intEnv('BENCH_ITEMS', 1000),
	latencyMs: intEnv('BENCH_LATENCY_MS', 50),
	rate: intEnv('BENCH_RATE', 20),
	rateItems: intEnv('BENCH_RATE_ITEMS', 200),
	memoryItems: intEnv('BENCH_MEMORY_ITEMS', 10000),
	/** The node's default Max Requests in Flight; the tuned built-in route and the plain loop use it too. */
	inFlight: 5,
};
export type Config = typeof CONFIG;
