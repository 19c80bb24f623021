/**
 * `npm run dev`: a real n8n with this package installed as a community package, next to the local
 * Smile ID sandbox, with an owner account, a credential pointing at the sandbox and the example
 * workflows. Ctrl-C stops everything.
 *
 * Environment: SMILE_ID_N8N_VERSION (default 2.41.1; 1.123.81 also works), N8N_PORT (default 5678),
 * SMILE_ID_SANDBOX_PORT (default 5690), SMILE_ID_N8N_CACHE (default ~/.cache/n8n-nodes-smile-id).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import {
	DEFAULT_RUNTIME,
	REPO_ROOT,
	RUNTIMES,
	RestClient,
	buildPackage,
	cacheDir,
	createInstance,
	ensureRuntime,
	importCredentials,
	importWorkflows,
	installPackage,
	log,
	startN8n,
	type Running,
} from './runtime';
import { DEV_OWNER, sandboxCredential } from './fixtures';

function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function preferredPort(envName: string, fallback: number): Promise<number | undefined> {
	const wanted = Number(process.env[envName] || fallback);
	if (await portIsFree(wanted)) return wanted;
	log(`Port ${wanted} is busy: using a free one instead (set ${envName} to choose)`);
	return undefined;
}

function hashFolder(folder: string): string {
	const hash = createHash('sha256');
	for (const name of fs.readdirSync(folder).sort()) hash.update(name).update(fs.readFileSync(path.join(folder, name)));
	return hash.digest('hex').slice(0, 16);
}

async function main(): Promise<void> {
	const version = process.env.SMILE_ID_N8N_VERSION || DEFAULT_RUNTIME;
	const spec = RUNTIMES[version];
	if (!spec) throw new Error(`Unknown SMILE_ID_N8N_VERSION ${version}: use one of ${Object.keys(RUNTIMES).join(', ')}`);

	let sandbox: Sandbox | undefined;
	let n8n: Running | undefined;
	let stopping = false;
	const stopAll = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and the sandbox');
		await n8n?.stop();
		await sandbox?.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));

	try {
		await buildPackage();
		const runtime = await ensureRuntime(spec);

		const sandboxPort = await preferredPort('SMILE_ID_SANDBOX_PORT', 5690);
		sandbox = await startSandbox({ port: sandboxPort ?? 0 });
		log(`Smile ID sandbox listening on ${sandbox.url}`);

		const userFolder = path.join(cacheDir(), `dev-n8n-${version}`);
		const instance = await createInstance(runtime, userFolder, await preferredPort('N8N_PORT', 5678));
		installPackage(userFolder);

		// Imports run before n8n starts (the CLI writes to the same database); skip them when nothing changed.
		const stateFile = path.join(userFolder, 'smile-id-dev-state.json');
		const previous = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : {};
		const examples = path.join(REPO_ROOT, 'examples');
		const state = { sandboxUrl: sandbox.url, examples: hashFolder(examples) };
		if (previous.sandboxUrl !== state.sandboxUrl) {
			log('Importing the "Smile ID sandbox (local)" credential');
			await importCredentials(instance, [sandboxCredential(sandbox.url, sandbox.partners[0])]);
		}
		if (previous.examples !== state.examples) {
			log('Importing the example workflows from examples/');
			await importWorkflows(instance, examples);
		}
		fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));

		log(`Starting n8n ${version} (user folder ${userFolder})`);
		n8n = await startN8n(instance, { echo: true });
		await new RestClient(instance.url).ownerSetupOrLogin(DEV_OWNER);

		const line = '-'.repeat(72);
		process.stdout.write(
			[
				'',
				line,
				`  n8n ${version} with n8n-nodes-smile-id is running`,
				'',
				`  Editor:    ${instance.url}/`,
				`  Login:     ${DEV_OWNER.email} / ${DEV_OWNER.password}`,
				'',
				`  Smile ID sandbox: ${sandbox.url}  (log: ${sandbox.url}/__sandbox/requests, users: ${sandbox.url}/__sandbox/enrollees)`,
				`  Credential "Smile ID sandbox (local)": partner ${sandbox.partners[0].partnerId}, environment sandbox, Base URL ${sandbox.url}`,
				'  Example workflows: Overview > "Smile ID example: ..."',
				`  CRM webhook (after you publish/activate it): POST ${instance.url}/webhook/smile-id-crm`,
				'',
				'  Ctrl-C stops n8n and the sandbox.',
				line,
				'',
			].join('\n'),
		);
		n8n.process.on('exit', (code) => {
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
