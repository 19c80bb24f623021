/**
 * `npm run dev` as a user runs it, stopped from outside (issue #24): SIGTERM to npm's process, then,
 * on a later start (the owner exists: it logs in), SIGINT to npm's process. Each time every process
 * the run started (dev.ts, n8n, n8n's task runner) is gone and n8n's and the sandbox's ports are
 * free. The banner's trigger lines are checked on the way: its callback URLs, and its sandbox
 * command, run as printed, sends a signed callback to the trigger's Production URL.
 *
 * Both starts share a temporary user folder (removed at the end) and two free ports, and skip the
 * build (the run has just built). The stop times are printed; nothing checks them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { REPO_ROOT, cleanEnv, log } from '../n8n/install';
import { freePort, portIsFree } from '../n8n/instance';
import type { AloneSpec, Checks } from '../spec';

const BANNER_END = /stops n8n and the sandbox\.\n/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ProcessInfo {
	pid: number;
	ppid: number;
	/** Since boot, in clock ticks: with the pid, names the process even if the pid is reused. */
	started: string;
	state: string;
	command: string;
}

/** A process from /proc/<pid>, or undefined when it is gone. */
function readProcess(pid: number): ProcessInfo | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// After "pid (command) ": state, ppid, ... starttime is the 20th field from there.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
		return { pid, ppid: Number(fields[1]), started: fields[19], state: fields[0], command };
	} catch {
		return undefined;
	}
}

/** Every process below `root` now: dev.ts, n8n, its task runner, whatever they started. */
function descendants(root: number): ProcessInfo[] {
	const all = fs
		.readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.map((entry) => readProcess(Number(entry)))
		.filter((p): p is ProcessInfo => p !== undefined);
	const found: ProcessInfo[] = [];
	const parents = new Set([root]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const p of all) {
			if (parents.has(p.ppid) && !parents.has(p.pid)) {
				parents.add(p.pid);
				found.push(p);
				grew = true;
			}
		}
	}
	return found;
}

/** The ones still running (a zombie has stopped; only its exit status is left to collect). */
function stillRunning(processes: ProcessInfo[]): ProcessInfo[] {
	return processes.filter((p) => {
		const now = readProcess(p.pid);
		return now !== undefined && now.started === p.started && now.state !== 'Z';
	});
}

interface Dev {
	npm: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
	ready: boolean;
	/** The run's processes when it was stopped. */
	processes: ProcessInfo[];
}

async function startDev(env: Record<string, string>): Promise<Dev> {
	const npm = spawn('npm', ['run', 'dev'], {
		cwd: REPO_ROOT,
		env: cleanEnv(env),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	let done = false;
	const exited = new Promise<number | null>((resolve) =>
		npm.on('exit', (code) => ((done = true), resolve(code))),
	);
	// Bounds the wait only: a cold start on a busy machine takes minutes.
	const deadline = Date.now() + 300_000;
	while (!done && !BANNER_END.test(output) && Date.now() < deadline) await sleep(250);
	return { npm, output: () => output, exited, ready: BANNER_END.test(output), processes: [] };
}

/** Signals npm and waits for npm, then for every process of the run and the ports (bounded). */
async function stop(
	dev: Dev,
	signal: NodeJS.Signals,
	ports: number[],
): Promise<{ npmExited: boolean; left: ProcessInfo[]; busy: number[]; seconds: string }> {
	const processes = descendants(dev.npm.pid!);
	dev.processes = processes;
	const started = Date.now();
	dev.npm.kill(signal);
	const npmExited = await Promise.race([
		dev.exited.then(() => true),
		sleep(60_000).then(() => false),
	]);
	let left = stillRunning(processes);
	let busy: number[] = [];
	for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(100)) {
		left = stillRunning(processes);
		busy = [];
		for (const port of ports) if (!(await portIsFree(port))) busy.push(port);
		if (left.length === 0 && busy.length === 0) break;
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const what =
		left.length || busy.length
			? `${left.length} left, ports busy: ${busy.join(', ') || 'none'}`
			: 'all gone';
	log(`  ${signal} to npm: ${processes.length} processes of the run, ${what} after ${seconds} s`);
	return { npmExited, left, busy, seconds };
}

/** Leaves nothing behind when a check failed half-way: npm if it runs, and whatever the run started. */
function kill(dev: Dev): void {
	const running = dev.npm.exitCode === null && dev.npm.signalCode === null;
	const processes = running ? [...dev.processes, ...descendants(dev.npm.pid!)] : dev.processes;
	for (const p of stillRunning(processes)) process.kill(p.pid, 'SIGKILL');
	if (running) dev.npm.kill('SIGKILL');
}

async function checkStopped(
	checks: Checks,
	signal: NodeJS.Signals,
	result: Awaited<ReturnType<typeof stop>>,
): Promise<void> {
	await checks.ok(`${signal} to npm's process: npm exits`, result.npmExited);
	await checks.ok(
		`${signal} to npm's process: no process of the run is left (dev.ts, n8n, its task runner)`,
		result.left.length === 0,
		result.left,
	);
	await checks.ok(
		`${signal} to npm's process: n8n's and the sandbox's ports are free`,
		result.busy.length === 0,
		result.busy,
	);
}

/** Runs the banner's sandbox command as printed, in a shell, and answers the sandbox's reply. */
function runPrinted(command: string): any {
	return JSON.parse(
		execFileSync('sh', ['-c', `${command} --silent --max-time 20`], { encoding: 'utf8' }),
	);
}

export const devStop: AloneSpec = {
	name: 'dev-stop: npm run dev stops everything it started',
	phase: 'alone',
	versions: ['2.41.1'],
	async run(checks, { version, artifacts }) {
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'smile-id-dev-stop-'));
		const [n8nPort, sandboxPort] = [await freePort(), await freePort()];
		const env = {
			SMILE_ID_N8N_VERSION: version,
			SMILE_ID_DEV_USER_FOLDER: userFolder,
			SMILE_ID_DEV_SKIP_BUILD: '1',
			N8N_PORT: String(n8nPort),
			SMILE_ID_SANDBOX_PORT: String(sandboxPort),
		};
		const n8nUrl = `http://127.0.0.1:${n8nPort}`;
		const ports = [n8nPort, sandboxPort];
		const runs: Dev[] = [];
		try {
			log('npm run dev (a new user folder), then SIGTERM to npm');
			const first = await startDev(env);
			runs.push(first);
			fs.writeFileSync(path.join(artifacts, 'dev-stop-sigterm.log'), first.output());
			if (
				!(await checks.ok(
					'npm run dev prints its banner',
					first.ready,
					first.output().slice(-3000),
				))
			)
				return;
			const banner = first.output();
			const production = `${n8nUrl}/webhook/smile-id-callback`;
			await checks.ok(
				"the banner prints the trigger example's Test and Production URLs",
				banner.includes(`${n8nUrl}/webhook-test/smile-id-callback`) && banner.includes(production),
				banner,
			);
			const command = banner
				.split('\n')
				.find((line) => line.includes('curl -X POST'))
				?.trim();
			const reply = command ? runPrinted(command) : undefined;
			// The example is not published in a new dev instance: n8n answers that the webhook is not registered.
			await checks.ok(
				"the banner's sandbox command, run as printed, sends a signed callback to the Production URL and n8n answers it",
				reply?.deliveries?.[0]?.url === production &&
					JSON.stringify(reply.deliveries[0].answer).includes('smile-id-callback'),
				reply ?? banner,
			);
			await checkStopped(checks, 'SIGTERM', await stop(first, 'SIGTERM', ports));
			fs.writeFileSync(path.join(artifacts, 'dev-stop-sigterm.log'), first.output());

			log('npm run dev again (the owner exists), then SIGINT to npm');
			const second = await startDev(env);
			runs.push(second);
			const ready = await checks.ok(
				'a later npm run dev logs the owner in and prints its banner, on the same ports',
				second.ready && second.output().includes(`Editor:    ${n8nUrl}/`),
				second.output().slice(-3000),
			);
			await checks.ok(
				'a later start prints no "Instance owner already setup"',
				!second.output().includes('Instance owner already setup'),
				second.output(),
			);
			if (ready) await checkStopped(checks, 'SIGINT', await stop(second, 'SIGINT', ports));
			fs.writeFileSync(path.join(artifacts, 'dev-stop-sigint.log'), second.output());
		} finally {
			runs.forEach(kill);
			fs.rmSync(userFolder, { recursive: true, force: true });
		}
	},
};
