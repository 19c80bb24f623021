/** A running n8n process (main, worker or webhook), ready by n8n's own readiness endpoint, and its stop. */
import { spawn, type ChildProcess } from 'node:child_process';

import { freePort, type Instance } from './instance';

export type Role = 'start' | 'worker' | 'webhook';

export interface Running {
	process: ChildProcess;
	/** Where its /healthz/readiness answers: the instance for start and webhook, a port of its own for a worker. */
	url: string;
	output: () => string;
	stop: () => Promise<void>;
}

export interface StartOptions {
	/** Default 'start' (the main process with the editor). */
	role?: Role;
	/** Copy n8n's output to this process's stdout. */
	echo?: boolean;
	/** Environment on top of the instance's. */
	env?: Record<string, string>;
	timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(url: string): Promise<number> {
	try {
		const response = await fetch(url);
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}

/**
 * Ready means GET /healthz/readiness answers 200 and, for a main process, GET /rest/settings too:
 * 2.x answers readiness once its routes are registered, 1.x as soon as its database is migrated.
 * A worker answers readiness on its own health port (QUEUE_HEALTH_CHECK_PORT).
 */
async function isReady(url: string, role: Role): Promise<boolean> {
	if ((await status(`${url}/healthz/readiness`)) !== 200) return false;
	return role !== 'start' || (await status(`${url}/rest/settings`)) === 200;
}

export async function startN8n(instance: Instance, options: StartOptions = {}): Promise<Running> {
	const role = options.role ?? 'start';
	const env = { ...instance.env, ...options.env };
	let url = instance.url;
	if (role === 'worker') {
		const healthPort = await freePort();
		// Each worker runs a task broker of its own (for its task runner): its port must not be main's.
		Object.assign(env, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		url = `http://127.0.0.1:${healthPort}`;
	}
	const child = spawn(instance.runtime.node, [...instance.runtime.args, role], {
		env,
		cwd: instance.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		if (output.length > 200_000) output = output.slice(-100_000);
		if (options.echo) process.stdout.write(chunk);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	let exited = false;
	const exitedPromise = new Promise<void>((resolve) =>
		child.on('exit', () => {
			exited = true;
			resolve();
		}),
	);

	const stop = async () => {
		if (exited || child.pid === undefined) return;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		const timer = setTimeout(() => {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}, 15_000);
		await exitedPromise;
		clearTimeout(timer);
	};

	const deadline = Date.now() + (options.timeoutMs ?? 120_000);
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n ${role} exited before it was ready:\n${output}`);
		if (await isReady(url, role)) return { process: child, url, output: () => output, stop };
		await sleep(500);
	}
	await stop();
	throw new Error(`n8n ${role} was not ready on ${url}/healthz/readiness in time:\n${output}`);
}

/**
 * n8n registers active workflows' webhooks after it is ready. POSTs `body` (which must change
 * nothing) to the production webhook until it answers something other than 404, and returns that answer.
 */
export async function waitForWebhook(
	instance: Instance,
	webhookPath: string,
	body: unknown,
	timeoutMs = 60_000,
): Promise<Response> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(`${instance.url}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (response.status !== 404) return response;
		const text = await response.text();
		if (Date.now() > deadline)
			throw new Error(`the webhook ${webhookPath} is not registered: ${text.slice(0, 300)}`);
		await sleep(500);
	}
}
