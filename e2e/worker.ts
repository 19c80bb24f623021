/** `n8n worker`: one queue-mode worker process, ready once its health endpoint answers. */
import { spawn, type ChildProcess } from 'node:child_process';

import type { Instance } from './runtime';

export interface Worker {
	name: string;
	process: ChildProcess;
	output: () => string;
	exited: () => boolean;
	/** SIGTERM (n8n's graceful shutdown), then SIGKILL to the whole group if it is still running after the grace period. */
	stop: () => Promise<void>;
}

export async function startWorker(
	name: string,
	instance: Instance,
	options: { concurrency: number; healthPort: number; graceMs?: number },
): Promise<Worker> {
	// Each worker runs its own task broker and health server: their ports must differ per process.
	const env = {
		...instance.env,
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(options.healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
	const child = spawn(instance.runtime.node, [instance.runtime.bin, 'worker', `--concurrency=${options.concurrency}`], {
		env,
		cwd: instance.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		if (output.length > 400_000) output = output.slice(-200_000);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	let exited = false;
	const exitedPromise = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
	const killGroup = (signal: NodeJS.Signals) => {
		try {
			if (child.pid !== undefined) process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	const stop = async () => {
		if (exited || child.pid === undefined) return;
		// As `docker stop` does: the signal to n8n itself, which stops its task runner.
		child.kill('SIGTERM');
		const timer = setTimeout(() => killGroup('SIGKILL'), options.graceMs ?? 150_000);
		await exitedPromise;
		clearTimeout(timer);
		killGroup('SIGKILL');
	};

	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n worker ${name} exited before it was ready:\n${output}`);
		try {
			const response = await fetch(`http://127.0.0.1:${options.healthPort}/healthz/readiness`);
			if (response.status === 200) return { name, process: child, output: () => output, exited: () => exited, stop };
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	killGroup('SIGKILL');
	throw new Error(`n8n worker ${name} was not ready in time:\n${output}`);
}
