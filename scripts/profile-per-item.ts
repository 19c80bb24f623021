/**
 * `npm run profile [-- --items 1000 --runs 3]`: what the node spends per item inside n8n-core's own
 * engine (test/support/n8n-engine.ts), with no network latency, by CPU profile: each sample goes to
 * the first phase its stack belongs to. The local sandbox runs in a child process, so its CPU is
 * not counted. Credentials are stored encrypted and each lookup decrypts and resolves them as
 * n8n's CredentialsHelper does (all but its database query).
 *
 * Two variants, interleaved in one run, medians of --runs: "lookup per request" (as n8n's
 * HTTP helper does without `credentialsDecrypted`) and the node as it is.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

type CallFrame = Profiler.ProfileNode['callFrame'];

interface Phase {
	name: string;
	matches: (frame: CallFrame) => boolean;
}

const file = (pattern: RegExp) => (frame: CallFrame) => pattern.test(frame.url);
const fn = (pattern: RegExp) => (frame: CallFrame) => pattern.test(frame.functionName);

/** The first phase found anywhere in a sample's stack wins: a getNodeParameter inside a credential lookup is the lookup. */
const PHASES: Phase[] = [
	{ name: 'credential authenticate (signs)', matches: file(/SmileIdApi\.credentials/) },
	{
		name: 'credential lookup + decryption',
		matches: (frame) =>
			fn(/^(getCredentials|_getCredentials|getDecrypted)$/)(frame) || file(/cipher/)(frame),
	},
	{ name: 'parameters (getNodeParameter)', matches: fn(/^_?getNodeParameter$/) },
	{
		name: "n8n's HTTP helper (axios)",
		matches: file(/axios|follow-redirects|backend-network|request-helper|authentication\.js/),
	},
	{ name: 'answer reading + scrubbing', matches: file(/transport\/(answerBody|scrubSecrets)/) },
	{ name: 'signature for the secrets list', matches: file(/common\/signature/) },
	{
		name: 'transport: attempt, retry, limiter',
		matches: file(
			/transport\/(attempt|send|classify|retryPolicy|stop|limiter|pace|errorMessages|smileIdError|executionCredentials)/,
		),
	},
	{ name: 'node: router, operations', matches: file(/nodes\/SmileId\//) },
];
/** Otherwise the innermost frame outside Node's own code says where the time went. */
const ENGINE = 'n8n engine (n8n-core, n8n-workflow)';
const OTHER = 'other packages, harness';
const NODE = 'Node: sockets, streams, timers';
const GC = 'garbage collector';
const FALLBACKS = [ENGINE, OTHER, NODE, GC];

/** Starting and stopping the profiler: not counted. */
const PROFILER = 'profiler';

function fallbackOf(stack: CallFrame[]): string {
	if (stack[0].functionName === '(garbage collector)') return GC;
	if (stack.some(({ functionName }) => functionName === 'measure')) return PROFILER;
	const frame = stack.find(({ url }) => url !== '' && !url.startsWith('node:'));
	if (!frame) return NODE;
	return /n8n-core|n8n-workflow/.test(frame.url) ? ENGINE : OTHER;
}

function phaseTimes(profile: Profiler.Profile): Map<string, number> {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parents.set(child, node.id);
	const phaseOf = new Map<number, string>();
	const classify = (id: number): string => {
		const known = phaseOf.get(id);
		if (known) return known;
		// Innermost frame first.
		const stack: CallFrame[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parents.get(at))
			stack.push(nodes.get(at)!.callFrame);
		const phase = PHASES.find(({ matches }) => stack.some(matches))?.name ?? fallbackOf(stack);
		phaseOf.set(id, phase);
		return phase;
	};
	const times = new Map<string, number>();
	profile.samples!.forEach((id, i) => {
		if (['(idle)', '(program)'].includes(nodes.get(id)!.callFrame.functionName)) return;
		const phase = classify(id);
		if (phase === PROFILER) return;
		times.set(phase, (times.get(phase) ?? 0) + profile.timeDeltas![i] / 1000);
	});
	return times;
}

function option(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** The sandbox in its own process: its CPU stays out of the profile. */
async function startSandboxProcess(items: number) {
	const child = fork(__filename, ['--sandbox', '--items', String(items)], {
		execArgv: ['--require', 'ts-node/register/transpile-only'],
	});
	const credentials = await new Promise<Record<string, string>>((resolve) =>
		child.once('message', (message) => resolve(message as Record<string, string>)),
	);
	return { credentials, stop: () => child.kill() };
}

const userIdOf = (i: number) => `profile-user-${i}`;

async function serveSandbox(items: number) {
	const { startSandbox } = require('../sandbox') as typeof import('../sandbox');
	const { sandboxCredentials } =
		require('../test/support/fixtures') as typeof import('../test/support/fixtures');
	const sandbox = await startSandbox({ maxLoggedRequests: 10 });
	for (let i = 0; i < items; i++)
		sandbox.addEnrollee(sandbox.partners[0].partnerId, userIdOf(i), {});
	process.send!(sandboxCredentials(sandbox));
}

async function profile() {
	const items = option('items', 1000);
	const runs = option('runs', 3);
	// n8n-core reads its settings when it is imported.
	const userFolder = mkdtempSync(join(tmpdir(), 'smile-id-profile-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_LOG_LEVEL = 'error';
	const sandbox = await startSandboxProcess(items);
	try {
		await measure(sandbox.credentials, items, runs);
	} finally {
		sandbox.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

async function measure(credentials: Record<string, string>, items: number, runs: number) {
	// The engine harness was written for jest; outside it there is nothing to do after a test, and
	// `SmileId.node` must resolve to the .ts file, not to the codex JSON beside it.
	Object.assign(globalThis, { afterEach: () => {} });
	const readJson = require.extensions['.json'];
	delete (require.extensions as Partial<typeof require.extensions>)['.json'];
	require.extensions['.json'] = readJson;
	// The dependency container n8n-core itself uses.
	const { Container } = require(
		require.resolve('@n8n/di', { paths: [dirname(require.resolve('n8n-core'))] }),
	) as typeof import('@n8n/di');
	const { Cipher, Credentials, EncryptionKeyProxy } =
		require('n8n-core') as typeof import('n8n-core');
	const { NodeHelpers } = require('n8n-workflow') as typeof import('n8n-workflow');
	const { SmileIdApi } =
		require('../credentials/SmileIdApi.credentials') as typeof import('../credentials/SmileIdApi.credentials');
	const { SmileId } =
		require('../nodes/SmileId/SmileId.node') as typeof import('../nodes/SmileId/SmileId.node');
	const { runSmileIdNode } =
		require('../test/support/n8n-engine') as typeof import('../test/support/n8n-engine');
	const { TestCredentialsHelper } =
		require('../test/support/credentials-helper') as typeof import('../test/support/credentials-helper');
	// n8n's key manager, without its database: every credential is encrypted with the instance key.
	const cipher = Container.get(Cipher) as unknown as {
		encryptDEKWithInstanceKey(key: string): string;
		instanceSettings: { encryptionKey: string };
	};
	const instanceKey = {
		id: 'instance',
		value: cipher.encryptDEKWithInstanceKey(cipher.instanceSettings.encryptionKey),
		algorithm: 'aes-256-cbc',
		format: 'no-prefix',
	};
	Container.get(EncryptionKeyProxy).setProvider({
		getActiveKey: async () => instanceKey,
		getKeyById: async () => instanceKey,
		getLegacyKey: async () => instanceKey,
	} as never);
	const stored = new Credentials({ id: '1', name: 'Smile ID account' }, 'smileIdApi');
	await stored.setData(credentials);
	const encrypted = stored.getDataToSave().data;
	const properties = new SmileIdApi().properties;

	// As n8n's CredentialsHelper: decrypt, apply the defaults, resolve expressions for the item.
	TestCredentialsHelper.prototype.getDecrypted = async function (...args: unknown[]) {
		const [, , type, mode, executeData, , resolve] = args as [
			unknown,
			unknown,
			string,
			never,
			never,
			unknown,
			(
				| {
						workflow: any;
						runExecutionData: any;
						runIndex: number;
						itemIndex: number;
						node: any;
						connectionInputData: any;
				  }
				| undefined
			),
		];
		const data = await new Credentials(
			{ id: '1', name: 'Smile ID account' },
			type,
			encrypted,
		).getData();
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		);
		if (!resolve) return withDefaults;
		return resolve.workflow.expression.getParameterValue(
			withDefaults,
			resolve.runExecutionData,
			resolve.runIndex,
			resolve.itemIndex,
			resolve.node.name,
			resolve.connectionInputData,
			mode,
			{},
			executeData,
			false,
			withDefaults,
		);
	};

	// "Lookup per request": the node's requests without the credentials it read once.
	let lookupPerRequest = false;
	const execute = SmileId.prototype.execute;
	SmileId.prototype.execute = async function (this: any) {
		if (lookupPerRequest) {
			const send = this.helpers.httpRequestWithAuthentication;
			this.helpers.httpRequestWithAuthentication = function (
				this: unknown,
				type: string,
				options: unknown,
			) {
				return send.call(this, type, options);
			};
		}
		return await execute.call(this);
	};

	const userIds = Array.from({ length: items }, (_, i) => ({ userId: userIdOf(i) }));
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 200 });

	const variants = ['lookup per request', 'this branch'];
	const results = new Map(variants.map((variant) => [variant, [] as Array<Map<string, number>>]));
	// One warm-up run, not counted: the first run pays for compiling everything.
	for (let run = -1; run < runs; run++) {
		for (const variant of variants) {
			lookupPerRequest = variant === variants[0];
			await session.post('Profiler.start');
			const started = performance.now();
			const result = await runSmileIdNode({
				credentials,
				parameters: { operation: 'get', userId: '={{ $json.userId }}' },
				items: userIds,
			});
			const wallMs = performance.now() - started;
			const { profile } = await session.post('Profiler.stop');
			if (result.error || result.items.length !== items)
				throw new Error(`run failed: ${JSON.stringify(result.error)}`);
			const times = phaseTimes(profile);
			times.set('wall clock (makespan)', wallMs);
			if (run >= 0) results.get(variant)!.push(times);
		}
	}
	session.disconnect();

	const median = (values: number[]) =>
		[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const perItem = (variant: string, phase: string) =>
		median(results.get(variant)!.map((times) => times.get(phase) ?? 0)) / items;
	const rows = [...PHASES.map(({ name }) => name), ...FALLBACKS, 'wall clock (makespan)'];
	const cpu = (variant: string) =>
		rows.slice(0, -1).reduce((sum, phase) => sum + perItem(variant, phase), 0);
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	console.log(
		`\n${items} items (Enrollee > Get of known users, User ID an expression), no latency, median of ${runs} runs; ms per item\n`,
	);
	console.log(line(['phase', ...variants, 'ratio']));
	console.log(line(['---', ...variants.map(() => '---:'), '---:']));
	for (const phase of [...rows.slice(0, -1), 'CPU total', rows.at(-1)!]) {
		const values = variants.map((variant) =>
			phase === 'CPU total' ? cpu(variant) : perItem(variant, phase),
		);
		const ratio = values[0] > 0 ? (values[1] / values[0]).toFixed(2) : '';
		console.log(line([phase, ...values.map((value) => value.toFixed(3)), ratio]));
	}
}

if (process.argv.includes('--sandbox')) void serveSandbox(option('items', 1000));
else
	profile().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
