/**
 * `npm run dev`: a real n8n with this package installed as a community package, next to the local
 * Smile ID sandbox, with an owner account, a credential pointing at the sandbox and the example
 * workflows (e2e/n8n/stack.ts). Ctrl-C stops everything.
 *
 * Environment: SMILE_ID_N8N_VERSION (default 2.41.1; 1.123.81 also works), N8N_PORT (default 5678),
 * SMILE_ID_SANDBOX_PORT (default 5690), SMILE_ID_N8N_CACHE (default ~/.cache/n8n-nodes-smile-id).
 */
import * as path from 'node:path';

import { DEV_OWNER, MCP_BEARER_CREDENTIAL } from './fixtures';
import { DEFAULT_RUNTIME, buildPackage, cacheDir, log } from './n8n/install';
import { portIsFree } from './n8n/instance';
import { startStack, type Stack } from './n8n/stack';

/** The port asked for (or its default) when it is free, else undefined: a free one. */
async function preferredPort(envName: string, fallback: number): Promise<number | undefined> {
	const wanted = Number(process.env[envName] || fallback);
	if (await portIsFree(wanted)) return wanted;
	log(`Port ${wanted} is busy: using a free one instead (set ${envName} to choose)`);
	return undefined;
}

function banner(stack: Stack): string {
	const { instance, sandbox, version } = stack;
	const line = '-'.repeat(72);
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
		'  Ctrl-C stops n8n and the sandbox.',
		line,
		'',
	].join('\n');
}

async function main(): Promise<void> {
	const version = process.env.SMILE_ID_N8N_VERSION || DEFAULT_RUNTIME;
	let stack: Stack | undefined;
	let stopping = false;
	const stopAll = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and the sandbox');
		await stack?.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));

	try {
		await buildPackage();
		stack = await startStack({
			version,
			owner: DEV_OWNER,
			userFolder: path.join(cacheDir(), `dev-n8n-${version}`),
			port: await preferredPort('N8N_PORT', 5678),
			sandbox: { port: await preferredPort('SMILE_ID_SANDBOX_PORT', 5690) },
			credentials: () => [MCP_BEARER_CREDENTIAL],
			echo: true,
		});
		process.stdout.write(banner(stack));
		stack.n8n?.process.on('exit', (code) => {
			if (!stopping) {
				log(`n8n exited (code ${code})`);
				void stopAll(1);
			}
		});
	} catch (error) {
		process.stderr.write(`${(error as Error).stack ?? error}\n`);
		await stopAll(1);
	}
}

void main();
