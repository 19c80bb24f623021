/**
 * `npm run dev`: a real n8n with this package installed as a community package, next to the local
 * Smile ID sandbox, with an owner account, a credential pointing at the sandbox and the example
 * workflows (e2e/n8n/stack.ts).
 *
 * Any way of stopping it stops everything it started (n8n, the sandbox): SIGINT (Ctrl-C), SIGTERM or
 * SIGHUP (the terminal closing), to npm's process or to this one; its output closing (noticed at the
 * next line written); and, should this process be killed outright or npm die (SIGKILL), the parent
 * watchdog (e2e/n8n/parent-watchdog.js), preloaded here and into every n8n process, stops whoever
 * lost its parent. `npm run dev` execs this process, so npm's forwarded signals reach it directly.
 *
 * Environment: SMILE_ID_N8N_VERSION (default 2.41.1; 1.123.81 also works), N8N_PORT (default 5678),
 * SMILE_ID_SANDBOX_PORT (default 5690), SMILE_ID_N8N_CACHE (default ~/.cache/n8n-nodes-smile-id),
 * SMILE_ID_DEV_USER_FOLDER (default <cache>/dev-n8n-<version>), SMILE_ID_DEV_SKIP_BUILD=1 (use the
 * dist/ there is, e.g. when a test has just built it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DEV_OWNER, MCP_BEARER_CREDENTIAL } from './fixtures';
import { DEFAULT_RUNTIME, REPO_ROOT, buildPackage, cacheDir, log } from './n8n/install';
import { portIsFree } from './n8n/instance';
import { prepareStack, type Stack } from './n8n/stack';

const TRIGGER_EXAMPLE = path.join(REPO_ROOT, 'examples', 'auto-flag-on-fraud.json');

/** The port asked for (or its default) when it is free, else undefined: a free one. */
async function preferredPort(envName: string, fallback: number): Promise<number | undefined> {
	const wanted = Number(process.env[envName] || fallback);
	if (await portIsFree(wanted)) return wanted;
	log(`Port ${wanted} is busy: using a free one instead (set ${envName} to choose)`);
	return undefined;
}

/** The trigger example's webhook path, as its Smile ID Trigger node has it. */
function triggerPath(): string {
	const workflow = JSON.parse(fs.readFileSync(TRIGGER_EXAMPLE, 'utf8')) as {
		nodes: Array<{ type: string; parameters: { path?: string } }>;
	};
	const trigger = workflow.nodes.find((node) => node.type.endsWith('.smileIdTrigger'));
	if (!trigger?.parameters.path) throw new Error(`${TRIGGER_EXAMPLE} has no Smile ID Trigger path`);
	return trigger.parameters.path;
}

function banner(stack: Stack): string {
	const { instance, sandbox, version } = stack;
	const line = '-'.repeat(72);
	const callbackPath = triggerPath();
	const production = `${instance.url}/webhook/${callbackPath}`;
	const job = { userId: 'user-active-001', resultCode: '0907', callbackUrl: production };
	return [
		'',
		line,
		`  n8n ${version} with n8n-nodes-smile-id is running`,
		'',
		`  Editor:    ${instance.url}/`,
		`  Login:     ${DEV_OWNER.email} / ${DEV_OWNER.password}`,
		'',
		`  Smile ID sandbox: ${sandbox.url}  (routes: ${sandbox.url}/, log: ${sandbox.url}/__sandbox/requests)`,
		`  Credential "Smile ID sandbox (local)": partner ${sandbox.partners[0].partnerId}, environment sandbox, Base URL ${sandbox.url}`,
		'  Example workflows: Overview > "Smile ID example: ..."',
		`  CRM webhook (after you publish/activate it): POST ${instance.url}/webhook/smile-id-crm`,
		`  MCP server (after you publish/activate it): ${instance.url}/mcp/smile-id, header Authorization: Bearer ${MCP_BEARER_CREDENTIAL.data.token}`,
		'',
		'  Smile ID Trigger of "Smile ID example: flag a user as fraudulent when Smile ID rejects their job":',
		`    Test URL (after "Listen for test event"):  ${instance.url}/webhook-test/${callbackPath}`,
		`    Production URL (after you publish/activate it): ${production}`,
		'    A signed callback from the sandbox (a job rejected as a possible spoof, 0907) to the Production URL',
		'    (use the Test URL while the editor listens):',
		`    curl -X POST ${sandbox.url}/__sandbox/jobs -H 'content-type: application/json' -d '${JSON.stringify(job)}'`,
		'',
		'  Ctrl-C (or closing the terminal, or SIGTERM) stops n8n and the sandbox.',
		line,
		'',
	].join('\n');
}

async function main(): Promise<void> {
	const version = process.env.SMILE_ID_N8N_VERSION || DEFAULT_RUNTIME;
	let stack: Stack | undefined;
	let stopping = false;
	const stopAll = async (reason: string, code: number) => {
		if (stopping) return;
		stopping = true;
		const started = Date.now();
		log(`${reason}: stopping n8n and the sandbox`);
		await stack?.stop();
		log(`Stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		process.exit(code);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
		process.on(signal, () => void stopAll(signal, 0));
	// A closed pipe or terminal: writing fails with EPIPE or EIO.
	process.stdout.on(
		'error',
		(error: NodeJS.ErrnoException) => void stopAll(`output ${error.code}`, 0),
	);

	try {
		if (process.env.SMILE_ID_DEV_SKIP_BUILD !== '1') await buildPackage();
		stack = await prepareStack({
			version,
			owner: DEV_OWNER,
			userFolder:
				process.env.SMILE_ID_DEV_USER_FOLDER || path.join(cacheDir(), `dev-n8n-${version}`),
			port: await preferredPort('N8N_PORT', 5678),
			sandbox: { port: await preferredPort('SMILE_ID_SANDBOX_PORT', 5690) },
			credentials: () => [MCP_BEARER_CREDENTIAL],
			echo: true,
		});
		const n8n = await stack.start();
		if (stopping) return;
		process.stdout.write(banner(stack));
		n8n.process.on('exit', (code) => {
			if (!stopping) void stopAll(`n8n exited (code ${code})`, 1);
		});
	} catch (error) {
		if (stopping) return;
		process.stderr.write(`${(error as Error).stack ?? error}\n`);
		await stopAll('Failed to start', 1);
	}
}

void main();
