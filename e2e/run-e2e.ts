/**
 * `npm run test:e2e`: this package inside a real n8n, on each supported n8n version.
 *
 *   npm run test:e2e                       both versions (2.41.1 on Node 24, 1.123.81 on Node 20)
 *   npm run test:e2e -- --version=2.41.1   one version (or SMILE_ID_E2E_VERSIONS=2.41.1,1.123.81)
 *   npm run test:e2e -- --no-browser       headless part only
 *
 * Per version: a fresh n8n user folder with the package installed as a community package, a fresh
 * local Smile ID sandbox, the credential and workflows imported with the n8n CLI, then
 *  1. headless: `n8n execute` of the six operations, an error case and the bulk example, checked
 *     against the sandbox's request log and store; the CRM webhook example called over HTTP;
 *     the credential test through n8n's REST API with good and bad keys;
 *  2. the editor in Chromium: node search, the six operations, the credential form and its test,
 *     a run from the editor; screenshots in e2e/artifacts/n8n-<version>/.
 * Ends with a line `N passed, N failed`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox';
import { runEditorChecks } from './editor';
import { sandboxCredential } from './fixtures';
import {
	REPO_ROOT,
	RUNTIMES,
	RestClient,
	activateWorkflow,
	buildPackage,
	createInstance,
	ensureRuntime,
	importCredentials,
	importWorkflows,
	installPackage,
	log,
	n8nCli,
	startN8n,
	type Instance,
	type Owner,
	type Running,
} from './runtime';

export const E2E_OWNER: Owner = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'SmileE2E-2024',
};

/** Counts checks and prints each one as it happens; scoped() shares the count under a label prefix. */
export class Checks {
	constructor(
		readonly tally = { passed: 0, failed: 0, failures: [] as string[] },
		private readonly prefix = '',
	) {}

	scoped(prefix: string): Checks {
		return new Checks(this.tally, prefix);
	}

	ok(name: string, condition: boolean, detail?: unknown): boolean {
		const label = `${this.prefix}${name}`;
		if (condition) {
			this.tally.passed++;
			process.stdout.write(`  ✓ ${label}\n`);
		} else {
			this.tally.failed++;
			this.tally.failures.push(label);
			const text = detail === undefined ? '' : typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2);
			process.stdout.write(`  ✗ ${label}${text ? `\n      ${text.slice(0, 3000).split('\n').join('\n      ')}` : ''}\n`);
		}
		return condition;
	}

	/** Runs a step; an exception counts as one failed check and the next steps still run. */
	async step(name: string, body: () => Promise<void>): Promise<void> {
		try {
			await body();
		} catch (error) {
			this.ok(name, false, (error as Error).stack ?? String(error));
		}
	}
}

/** The users the six-operations workflow acts on, their state before, and what must have changed. */
const SIX_OPERATIONS = [
	{ operation: 'allowReenrollment', userId: 'e2e-reenroll', seed: {}, flag: ['allow_new_enroll', true], after: { awaitingReenrollment: true } },
	{ operation: 'deactivate', userId: 'e2e-deactivate', seed: {}, flag: ['active', false], after: { active: false } },
	{ operation: 'reactivate', userId: 'e2e-reactivate', seed: { active: false }, flag: ['active', true], after: { active: true } },
	{ operation: 'flagFraud', userId: 'e2e-flag', seed: {}, flag: ['is_fraudulent', true], after: { fraudulent: true } },
	{ operation: 'unflagFraud', userId: 'e2e-unflag', seed: { fraudulent: true }, flag: ['is_fraudulent', false], after: { fraudulent: false } },
	{ operation: 'delete', userId: 'e2e-delete', seed: {}, flag: ['delete', true], after: { deleted: true } },
] as const;

const PARTNER_ID = '085';

/** The run data printed by `n8n execute --rawOutput`: an indented JSON object among n8n's log lines. */
function parseRun(stdout: string): any {
	const match = /^\{$[\s\S]*?^\}$/m.exec(stdout);
	if (!match) throw new Error(`no JSON in the output of n8n execute:\n${stdout}`);
	return JSON.parse(match[0]);
}

function nodeOutput(run: any, nodeName: string, output = 0): any[] {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	const items = runs?.[0]?.data?.main?.[output] ?? [];
	return items.map((item: any) => item.json);
}

function enrolleeRequests(sandbox: Sandbox, userId: string) {
	return sandbox.requests().filter((r) => r.path === '/api/v2/partner/enrollee' && (r.body as any)?.user_id === userId);
}

async function headlessChecks(checks: Checks, instance: Instance, sandbox: Sandbox): Promise<void> {
	await checks.step('the six operations workflow runs', async () => {
		const result = await n8nCli(instance, ['execute', '--id=smileIdE2eSixOps', '--rawOutput']);
		if (!checks.ok('n8n execute of the six operations exits 0', result.code === 0, `${result.stdout}\n${result.stderr}`)) return;
		const run = parseRun(result.stdout);
		for (const op of SIX_OPERATIONS) {
			const out = nodeOutput(run, `Smile ID ${op.operation}`);
			checks.ok(
				`${op.operation}: the node outputs { userId, operation, success: true }`,
				out.length === 1 && out[0].userId === op.userId && out[0].operation === op.operation && out[0].success === true,
				out,
			);
			const requests = enrolleeRequests(sandbox, op.userId);
			const [flag, value] = op.flag;
			checks.ok(
				`${op.operation}: one signed request with ${flag}: ${value} reached the sandbox and was accepted`,
				requests.length === 1 &&
					requests[0].hasSignature &&
					requests[0].status === 200 &&
					(requests[0].body as any)[flag] === value &&
					(requests[0].body as any).partner_id === PARTNER_ID,
				requests,
			);
			const state = sandbox.enrollee(PARTNER_ID, op.userId) as any;
			const changed = Object.entries(op.after).every(([key, want]) => state?.[key] === want);
			checks.ok(`${op.operation}: the user's state changed (${JSON.stringify(op.after)})`, changed, state);
		}
	});

	await checks.step('the error case', async () => {
		const result = await n8nCli(instance, ['execute', '--id=smileIdE2eUnknwn', '--rawOutput']);
		const output = `${result.stdout}\n${result.stderr}`;
		checks.ok('deactivating an unknown user: n8n execute exits 1', result.code === 1, output);
		checks.ok(
			'deactivating an unknown user: the error says "No enrolled user with this User ID (Smile ID code 2210)"',
			output.includes('No enrolled user with this User ID (Smile ID code 2210)'),
			output,
		);
		const requests = enrolleeRequests(sandbox, 'e2e-no-such-user');
		checks.ok('deactivating an unknown user: the sandbox answered 2210', requests.length === 1 && (requests[0].response as any)?.code === '2210', requests);
	});

	await checks.step('the bulk example', async () => {
		const result = await n8nCli(instance, ['execute', '--id=smileIdExBulkRun', '--rawOutput']);
		if (!checks.ok('bulk example: n8n execute exits 0', result.code === 0, `${result.stdout}\n${result.stderr}`)) return;
		const run = parseRun(result.stdout);
		const done = nodeOutput(run, 'Deactivated');
		const failed = nodeOutput(run, 'Failed: for review');
		checks.ok(
			'bulk example: the two known users come out of the success branch',
			done.map((j) => j.userId).sort().join(',') === 'user-active-001,user-active-002',
			done,
		);
		checks.ok(
			'bulk example: the unknown user goes to the failure branch with the reason',
			failed.length === 1 && failed[0].userId === 'user-unknown-404' && /No enrolled user/.test(String(failed[0].error)),
			failed,
		);
		checks.ok(
			'bulk example: both known users are deactivated in the sandbox',
			['user-active-001', 'user-active-002'].every((id) => sandbox.enrollee(PARTNER_ID, id)?.active === false),
			sandbox.enrollees().filter((e) => e.userId.startsWith('user-active')),
		);
	});
}

async function serverChecks(checks: Checks, instance: Instance, sandbox: Sandbox): Promise<void> {
	await checks.step('the CRM webhook example', async () => {
		const postEvent = (userId: string, event: string) =>
			fetch(`${instance.url}/webhook/smile-id-crm`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ userId, event }),
			});
		// n8n registers the active workflows' webhooks shortly after it reports ready. An unknown
		// event touches no user, so it serves as the probe: 404 until the webhook is registered.
		let unknown = await postEvent('e2e-crm-1', 'newsletter_signup');
		for (let waited = 0; unknown.status === 404 && waited < 30_000; waited += 500) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			unknown = await postEvent('e2e-crm-1', 'newsletter_signup');
		}
		checks.ok('CRM webhook with an unknown event: answers 400', unknown.status === 400, await unknown.text());

		const cases = [
			{ event: 'fraud_confirmed', userId: 'e2e-crm-1', seed: {}, after: { fraudulent: true } },
			{ event: 'fraud_cleared', userId: 'e2e-crm-2', seed: { fraudulent: true }, after: { fraudulent: false } },
			{ event: 'account_closed', userId: 'e2e-crm-3', seed: {}, after: { active: false } },
		];
		for (const c of cases) {
			sandbox.addEnrollee(PARTNER_ID, c.userId, c.seed);
			const response = await postEvent(c.userId, c.event);
			const body: any = await response.json().catch(() => undefined);
			checks.ok(`CRM webhook ${c.event}: answers 200 with success`, response.status === 200 && body?.success === true, { status: response.status, body });
			const state = sandbox.enrollee(PARTNER_ID, c.userId) as any;
			checks.ok(
				`CRM webhook ${c.event}: the user's state changed (${JSON.stringify(c.after)})`,
				Object.entries(c.after).every(([k, v]) => state?.[k] === v),
				state,
			);
		}
	});

	await checks.step('the credential test through the REST API', async () => {
		const rest = new RestClient(instance.url);
		await rest.ownerSetupOrLogin(E2E_OWNER);
		const partner = sandbox.partners.find((p) => p.partnerId === PARTNER_ID)!;
		// As the editor's test button does: the stored credential's id with the form's values.
		const test = (apiKey: string) =>
			rest.request('POST', '/rest/credentials/test', { credentials: sandboxCredential(sandbox.url, partner, apiKey) });
		const before = sandbox.requests().length;
		const good = await test(partner.keys.test);
		checks.ok('credential test with good keys: OK', good.status === 200 && good.json?.data?.status === 'OK', good);
		const bad = await test('not-the-right-key');
		const message = String(bad.json?.data?.message ?? '');
		checks.ok('credential test with a bad key: fails', bad.status === 200 && bad.json?.data?.status === 'Error', bad);
		checks.ok(
			`credential test with a bad key: a clear message ("${message}")`,
			/authori|credential|key|partner/i.test(message),
			bad,
		);
		const wallet = sandbox.requests().slice(before).filter((r) => r.path === '/api/v2/partner/wallet_balance');
		checks.ok(
			'credential test: both requests reached the sandbox signed (wallet_balance), the good one accepted',
			wallet.length >= 2 && wallet.every((r) => r.hasSignature) && wallet[0].status === 200 && wallet[wallet.length - 1].status !== 200,
			wallet,
		);
	});
}

async function runVersion(checks: Checks, version: string, options: { browser: boolean }): Promise<void> {
	const spec = RUNTIMES[version];
	const started = Date.now();
	log(`=== n8n ${version} (Node ${spec.node === 'system' ? process.version : spec.node}) ===`);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `smile-id-e2e-n8n-${version}-`));
	const artifacts = path.join(REPO_ROOT, 'e2e', 'artifacts', `n8n-${version}`);
	fs.rmSync(artifacts, { recursive: true, force: true });
	fs.mkdirSync(artifacts, { recursive: true });
	let sandbox: Sandbox | undefined;
	let n8n: Running | undefined;
	try {
		const runtime = await ensureRuntime(spec);
		sandbox = await startSandbox({ port: 0 });
		for (const op of SIX_OPERATIONS) sandbox.addEnrollee(PARTNER_ID, op.userId, op.seed);
		const instance = await createInstance(runtime, userFolder);
		installPackage(userFolder);
		log(`user folder ${userFolder}, sandbox ${sandbox.url}`);
		await importCredentials(instance, [sandboxCredential(sandbox.url, sandbox.partners[0])]);
		await importWorkflows(instance, path.join(REPO_ROOT, 'e2e', 'workflows'));
		await importWorkflows(instance, path.join(REPO_ROOT, 'examples'));
		checks.ok('the credential and all workflows import', true);

		log('headless runs with n8n execute');
		await headlessChecks(checks, instance, sandbox);

		await activateWorkflow(instance, 'smileIdExCrmHook');
		log('n8n start');
		n8n = await startN8n(instance);
		checks.ok('n8n starts with the package installed', true);
		await serverChecks(checks, instance, sandbox);

		if (options.browser) {
			log(`the editor in Chromium; screenshots in ${artifacts}`);
			await checks.step('the editor', () => runEditorChecks(checks, { instance, sandbox: sandbox!, owner: E2E_OWNER, artifacts, version }));
		}
	} catch (error) {
		checks.ok(`n8n ${version}: the run completes`, false, (error as Error).stack ?? String(error));
	} finally {
		if (n8n) fs.writeFileSync(path.join(artifacts, 'n8n.log'), n8n.output());
		await n8n?.stop();
		await sandbox?.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	log(`=== n8n ${version} done in ${Math.round((Date.now() - started) / 1000)} s; screenshots: ${artifacts} ===`);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const flag = args.find((a) => a.startsWith('--version='))?.slice('--version='.length);
	const versions = (flag || process.env.SMILE_ID_E2E_VERSIONS || Object.keys(RUNTIMES).join(',')).split(',').map((v) => v.trim());
	for (const version of versions) {
		if (!RUNTIMES[version]) throw new Error(`unknown n8n version ${version}: use ${Object.keys(RUNTIMES).join(', ')}`);
	}
	const browser = !args.includes('--no-browser');
	const checks = new Checks();
	const started = Date.now();
	await buildPackage();
	for (const version of versions) await runVersion(checks.scoped(`[n8n ${version}] `), version, { browser });
	log(`end-to-end run took ${Math.round((Date.now() - started) / 1000)} s`);
	const { passed, failed, failures } = checks.tally;
	if (failures.length) process.stdout.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
	process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
	process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${(error as Error).stack ?? error}\n`);
		process.stdout.write('\n0 passed, 1 failed\n');
		process.exit(1);
	});
}
