/**
 * One n8n instance: a user folder (database, settings, installed nodes), its ports and environment,
 * and the n8n CLI commands run against it (import, activate, execute).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import { cleanEnv, type Runtime } from './install';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Whether `port` on 127.0.0.1 can be listened on now. */
export function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

export interface Instance {
	runtime: Runtime;
	userFolder: string;
	port: number;
	url: string;
	env: NodeJS.ProcessEnv;
}

export interface InstanceOptions {
	/** Default: a free port. */
	port?: number;
	/** More environment, e.g. queue mode's EXECUTIONS_MODE, QUEUE_BULL_REDIS_PORT, DB_TYPE=postgresdb. */
	env?: Record<string, string>;
}

export async function createInstance(
	runtime: Runtime,
	userFolder: string,
	options: InstanceOptions = {},
): Promise<Instance> {
	fs.mkdirSync(userFolder, { recursive: true });
	const port = options.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	const env = cleanEnv({
		...runtime.spec.env,
		PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'smile-id-e2e-local-only',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_EDITOR_BASE_URL: `${url}/`,
		N8N_HIDE_USAGE_PAGE: 'true',
		N8N_LOG_LEVEL: 'info',
		...options.env,
	});
	return { runtime, userFolder, port, url, env };
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs an n8n CLI command (import:credentials, import:workflow, execute, ...) and collects its output. */
export function n8nCli(
	instance: Instance,
	args: string[],
	env: Record<string, string> = {},
): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(instance.runtime.node, [...instance.runtime.args, ...args], {
			env: { ...instance.env, ...env },
			cwd: instance.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('exit', (code) => resolve({ code, stdout, stderr }));
	});
}

export async function n8nCliOk(instance: Instance, args: string[]): Promise<CliResult> {
	const result = await n8nCli(instance, args);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result;
}

/** Writes a JSON file into the user folder and imports it as credentials. */
export async function importCredentials(instance: Instance, credentials: unknown[]): Promise<void> {
	const file = path.join(instance.userFolder, 'import-credentials.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	try {
		await n8nCliOk(instance, ['import:credentials', `--input=${file}`]);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** Imports every workflow JSON file of a folder (each file one workflow). */
export async function importWorkflows(instance: Instance, folder: string): Promise<void> {
	await n8nCliOk(instance, ['import:workflow', '--separate', `--input=${folder}`]);
}

/** Activates a workflow (its triggers and webhooks register when n8n starts). */
export async function activateWorkflow(instance: Instance, id: string): Promise<void> {
	await n8nCliOk(instance, [...instance.runtime.spec.activate, `--id=${id}`]);
}

/** What `n8n execute` ran, as n8n stores it: data.resultData.runData[node][run].data.main[output][item].json. */
export interface WorkflowRun {
	data: {
		resultData: {
			runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: any }>> } }>>;
			error?: any;
		};
	};
}

export interface Execution extends CliResult {
	/** The run, when n8n printed one (also when the workflow failed). */
	run?: WorkflowRun;
}

function isRun(value: unknown): value is WorkflowRun {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as WorkflowRun).data?.resultData === 'object'
	);
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * `n8n execute --id=<id> --rawOutput`. n8n prints the run through its logger (and, when the workflow
 * fails, the run before the error), so the logger writes JSON lines here: the run is the message of
 * the last line whose message is a run.
 */
export async function executeWorkflow(instance: Instance, id: string): Promise<Execution> {
	const result = await n8nCli(instance, ['execute', `--id=${id}`, '--rawOutput'], {
		N8N_LOG_FORMAT: 'json',
	});
	const messages = result.stdout
		.split('\n')
		.map((line) => parseJson(line) as { message?: unknown } | undefined)
		.map((entry) => (typeof entry?.message === 'string' ? parseJson(entry.message) : undefined));
	return { ...result, run: messages.filter(isRun).pop() };
}

/** The JSON of the items a node output in its first run. */
export function nodeOutput(run: WorkflowRun | undefined, nodeName: string, output = 0): any[] {
	const items = run?.data.resultData.runData[nodeName]?.[0]?.data?.main?.[output] ?? [];
	return items.map((item) => item.json);
}
