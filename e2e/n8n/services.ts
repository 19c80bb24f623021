/**
 * Throwaway Redis and PostgreSQL servers for the queue-mode run: Debian's `redis-server` and
 * PostgreSQL binaries, each on a free loopback port with its data in a temporary folder that
 * stop() removes. Nothing is installed or left running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort } from './instance';

export interface Service {
	port: number;
	output: () => string;
	stop: () => Promise<void>;
}

/** Starts a command in its own process group and resolves once its output matches `ready`. */
async function startProcess(
	label: string,
	command: string,
	args: string[],
	ready: RegExp,
	cleanup: () => void,
): Promise<{
	child: ChildProcess;
	output: () => string;
	stop: (signal: NodeJS.Signals) => Promise<void>;
}> {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	let exited = false;
	const exitedPromise = new Promise<void>((resolve) =>
		child.on('exit', () => ((exited = true), resolve())),
	);
	const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-50_000));
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const stop = async (signal: NodeJS.Signals) => {
		if (!exited && child.pid !== undefined) {
			try {
				process.kill(-child.pid, signal);
			} catch {
				// already gone
			}
			const timer = setTimeout(() => {
				try {
					if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}, 10_000);
			await exitedPromise;
			clearTimeout(timer);
		}
		cleanup();
	};
	const deadline = Date.now() + 60_000;
	while (!ready.test(output)) {
		if (exited || Date.now() > deadline) {
			await stop('SIGKILL');
			throw new Error(`${label} did not start:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { child, output: () => output, stop };
}

/** redis-server with no persistence, configured on the command line. */
export async function startRedis(): Promise<Service> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smile-id-redis-'));
	const port = await freePort();
	const redis = await startProcess(
		'redis-server',
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		/Ready to accept connections/,
		() => fs.rmSync(dir, { recursive: true, force: true }),
	);
	return { port, output: redis.output, stop: () => redis.stop('SIGTERM') };
}

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<major>/bin). */
export function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
	if (!majors.length) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
	return path.join(root, majors.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

export interface Postgres extends Service {
	user: string;
	database: string;
	/** Runs one SQL statement with psql and returns its rows, tab-separated. */
	query: (sql: string) => string[][];
}

/**
 * A fresh PostgreSQL cluster (trust auth, loopback only, fsync off). PostgreSQL refuses to run as
 * root, so as root it runs as Debian's `postgres` user.
 */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smile-id-postgres-'));
	const asRoot = process.getuid?.() === 0;
	if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
	const asServiceUser = (command: string, args: string[]): [string, string[]] =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
	const user = 'n8n';
	const data = path.join(dir, 'data');
	const [initCommand, initArgs] = asServiceUser(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
	}
	const port = await freePort();
	const settings = [
		'listen_addresses=127.0.0.1',
		`unix_socket_directories=${dir}`,
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
	];
	const [command, args] = asServiceUser(path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		...settings.flatMap((s) => ['-c', s]),
	]);
	const postgres = await startProcess(
		'postgres',
		command,
		args,
		/ready to accept connections/,
		() => fs.rmSync(dir, { recursive: true, force: true }),
	);
	const database = 'postgres';
	const query = (sql: string): string[][] => {
		const result = spawnSync(
			path.join(bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-AtF', '\t', '-c', sql],
			{
				encoding: 'utf8',
			},
		);
		if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
		return result.stdout
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('\t'));
	};
	// SIGINT is PostgreSQL's fast shutdown: it ends the sessions instead of waiting for them.
	return {
		port,
		user,
		database,
		query,
		output: postgres.output,
		stop: () => postgres.stop('SIGINT'),
	};
}
