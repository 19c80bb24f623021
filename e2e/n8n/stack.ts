/**
 * The one lifecycle behind `npm run dev`, `npm run test:e2e` and `npm run bench`: a real n8n of a given
 * version with this package installed as a community package, a local Smile ID sandbox, the sandbox
 * credential and workflows imported, then n8n started, ready, and its owner logged in.
 *
 *   const stack = await prepareStack({ version: '2.41.1', owner });   // install, sandbox, imports
 *   await executeWorkflow(stack.instance, id);                         // CLI work before n8n starts
 *   await stack.start();                                               // activate, start, ready, login
 *   stack.rest.request('GET', '/rest/workflows'); stack.sandbox.requests();
 *   const worker = await stack.startProcess('worker');                 // queue mode: more processes
 *   await stack.stop();                                                // every process, sandbox, temp folder
 *
 * (`startStack` does prepare and start in one call.) `buildPackage()` is the caller's: build once,
 * then run as many stacks as needed.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { sandboxCredential } from '../fixtures';
import { REPO_ROOT, RUNTIMES, ensureRuntime, installPackage, log, type Runtime } from './install';
import {
	activateWorkflow,
	createInstance,
	importCredentials,
	importWorkflows,
	type Instance,
} from './instance';
import { startN8n, type Role, type Running, type StartOptions } from './process';
import { RestClient, type Owner } from './session';

export interface StackOptions {
	version: string;
	owner: Owner;
	/** A user folder kept between runs (imports are skipped when nothing changed); default a temporary one, removed by stop(). */
	userFolder?: string;
	/** n8n's port; default a free one. */
	port?: number;
	sandbox?: SandboxOptions;
	/** Credentials to import besides the sandbox credential. */
	credentials?: (sandbox: Sandbox) => unknown[];
	/** Folders of workflow files to import; default examples/. Called once the sandbox and user folder exist. */
	workflows?: (sandbox: Sandbox, userFolder: string) => string[];
	/** Workflow ids to activate before n8n starts. */
	activate?: string[];
	/** Environment for every n8n command and process (e.g. queue mode's). */
	env?: Record<string, string>;
	/** Copy the main process's output to stdout. */
	echo?: boolean;
}

export interface Stack {
	version: string;
	runtime: Runtime;
	instance: Instance;
	sandbox: Sandbox;
	owner: Owner;
	/** Set by start(). */
	n8n?: Running;
	/** REST calls as the owner; usable after start(). */
	rest: RestClient;
	start(): Promise<Running>;
	/** Another n8n process on the same instance (queue mode's workers, a webhook process); stop() stops it too. */
	startProcess(role: Role, options?: StartOptions): Promise<Running>;
	stop(): Promise<void>;
}

function hashFolders(folders: string[]): string {
	const hash = createHash('sha256');
	for (const folder of folders) {
		for (const name of fs.readdirSync(folder).sort())
			hash.update(name).update(fs.readFileSync(path.join(folder, name)));
	}
	return hash.digest('hex').slice(0, 16);
}

/** Imports the credentials and workflows; with a kept user folder, only what changed since the last run. */
async function importAll(
	instance: Instance,
	sandbox: Sandbox,
	options: StackOptions,
	kept: boolean,
): Promise<void> {
	const credentials = [
		sandboxCredential(sandbox.url, sandbox.partners[0]),
		...(options.credentials?.(sandbox) ?? []),
	];
	const folders = options.workflows?.(sandbox, instance.userFolder) ?? [
		path.join(REPO_ROOT, 'examples'),
	];
	const stateFile = path.join(instance.userFolder, 'smile-id-imports.json');
	const previous =
		kept && fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
	const now = {
		credentials: createHash('sha256').update(JSON.stringify(credentials)).digest('hex'),
		workflows: hashFolders(folders),
	};
	if (previous.credentials !== now.credentials) await importCredentials(instance, credentials);
	if (previous.workflows !== now.workflows)
		for (const folder of folders) await importWorkflows(instance, folder);
	if (kept) fs.writeFileSync(stateFile, JSON.stringify(now, null, 2));
}

export async function prepareStack(options: StackOptions): Promise<Stack> {
	const spec = RUNTIMES[options.version];
	if (!spec)
		throw new Error(
			`unknown n8n version ${options.version}: use ${Object.keys(RUNTIMES).join(', ')}`,
		);
	const runtime = await ensureRuntime(spec);
	const kept = options.userFolder !== undefined;
	const userFolder =
		options.userFolder ??
		fs.mkdtempSync(path.join(os.tmpdir(), `smile-id-n8n-${options.version}-`));
	const processes: Running[] = [];
	let sandbox: Sandbox | undefined;
	const stop = async () => {
		for (const running of processes.reverse()) await running.stop();
		processes.length = 0;
		await sandbox?.close();
		if (!kept) fs.rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		sandbox = await startSandbox({ port: 0, ...options.sandbox });
		const instance = await createInstance(runtime, userFolder, {
			port: options.port,
			env: options.env,
		});
		installPackage(userFolder);
		log(`n8n ${options.version}: user folder ${userFolder}, sandbox ${sandbox.url}`);
		await importAll(instance, sandbox, options, kept);
		const startProcess = async (role: Role, start: StartOptions = {}) => {
			const running = await startN8n(instance, { role, ...start });
			processes.push(running);
			return running;
		};
		const stack: Stack = {
			version: options.version,
			runtime,
			instance,
			sandbox,
			owner: options.owner,
			rest: new RestClient(instance.url),
			startProcess,
			start: async () => {
				for (const id of options.activate ?? []) await activateWorkflow(instance, id);
				stack.n8n = await startProcess('start', { echo: options.echo });
				await stack.rest.signIn(options.owner);
				return stack.n8n;
			},
			stop,
		};
		return stack;
	} catch (error) {
		await stop();
		throw error;
	}
}

export async function startStack(options: StackOptions): Promise<Stack> {
	const stack = await prepareStack(options);
	try {
		await stack.start();
		return stack;
	} catch (error) {
		await stack.stop();
		throw error;
	}
}
