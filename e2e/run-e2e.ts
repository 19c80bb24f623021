/**
 * `npm run test:e2e`: this package inside a real n8n, on each supported n8n version, on Node's own
 * test runner (node:test), ending with the line `N passed, N failed` (e2e/summary-reporter.mjs).
 *
 *   npm run test:e2e                       both versions (2.41.1 on Node 24, 1.123.81 on Node 20)
 *   npm run test:e2e -- --version=2.41.1   one version (or SMILE_ID_E2E_VERSIONS=2.41.1,1.123.81)
 *   npm run test:e2e -- --no-browser       without the 'editor' specs
 *   npm run test:e2e -- --no-queue         without the queue-mode run (e2e/specs/queue-mode.ts: n8n 2.41.1,
 *                                          Redis, PostgreSQL, two workers; it has a stack of its own)
 *   npm run test:e2e -- --spec=read        only the specs whose name contains 'read'; --spec=queue: only the
 *                                          queue-mode run (a version's stack starts only for matching specs)
 *
 * To add checks: write e2e/specs/<topic>.ts exporting a Spec (e2e/spec.ts: a name, a phase 'alone',
 * 'cli', 'server' or 'editor', the versions it runs on, the workflows to activate, and
 * run(checks, ctx)) and add it to SPECS in e2e/specs/index.ts. ctx gives the n8n version, the stack
 * (instance, sandbox, owner, REST session; stack.startProcess('worker') for more processes) and, in
 * the editor, a signed-in page. Each `await checks.ok(name, condition, detail)` is one counted check;
 * a failed editor check leaves a screenshot.
 *
 * Per version: the 'alone' specs (processes of their own, e.g. `npm run dev`), then, if other specs
 * match, one stack (e2e/n8n/stack.ts) with e2e/workflows/ and examples/ imported; the 'cli' specs,
 * then n8n starts, the 'server' specs, then the 'editor' specs in Chromium. Screenshots and n8n's
 * log go to e2e/artifacts/n8n-<version>/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';

import { launchChromium, openEditor, screenshots } from './browser';
import { REPO_ROOT, RUNTIMES, buildPackage, ensureRuntime, log } from './n8n/install';
import { prepareStack, type Stack } from './n8n/stack';
import { Checks, type E2eContext, type Phase, type Spec, type StackSpec } from './spec';
import { SPECS } from './specs';
import { runQueueMode } from './specs/queue-mode';
import { E2E_OWNER } from './specs/shared';

const QUEUE_MODE_TEST = 'queue mode: n8n 2.41.1 main + 2 workers, Redis, PostgreSQL';

function options(): { versions: string[]; browser: boolean; queue: boolean; only?: string } {
	const args = process.argv.slice(2);
	const flag = args.find((a) => a.startsWith('--version='))?.slice('--version='.length);
	const versions = (flag || process.env.SMILE_ID_E2E_VERSIONS || Object.keys(RUNTIMES).join(','))
		.split(',')
		.map((v) => v.trim());
	const only = args.find((a) => a.startsWith('--spec='))?.slice('--spec='.length);
	return {
		versions,
		browser: !args.includes('--no-browser'),
		queue: !args.includes('--no-queue') && (!only || QUEUE_MODE_TEST.includes(only)),
		only,
	};
}

async function runPhase(
	checks: Checks,
	specs: StackSpec[],
	phase: Phase,
	ctx: E2eContext,
): Promise<void> {
	for (const spec of specs.filter((s) => s.phase === phase))
		await checks.step(spec.name, (c) => spec.run(c, ctx));
}

async function runEditorSpecs(t: TestContext, specs: StackSpec[], ctx: E2eContext): Promise<void> {
	const editorSpecs = specs.filter((s) => s.phase === 'editor');
	if (editorSpecs.length === 0) return;
	log(`the editor in Chromium; screenshots in ${ctx.artifacts}`);
	const browser = await launchChromium();
	const shoot = screenshots(ctx.artifacts);
	try {
		for (const spec of editorSpecs) {
			const editor = await openEditor(browser, ctx.stack, shoot);
			const checks = new Checks(t, (name) => editor.shot(`failure-${name}`));
			try {
				await checks.step(spec.name, (c) =>
					spec.run(c, { ...ctx, page: editor.page, shot: editor.shot }),
				);
			} finally {
				await editor.close();
			}
		}
	} finally {
		await browser.close();
	}
}

async function runVersion(t: TestContext, version: string, specs: Spec[]): Promise<void> {
	const started = Date.now();
	const artifacts = path.join(REPO_ROOT, 'e2e', 'artifacts', `n8n-${version}`);
	fs.rmSync(artifacts, { recursive: true, force: true });
	fs.mkdirSync(artifacts, { recursive: true });
	const checks = new Checks(t);
	let stack: Stack | undefined;
	try {
		// Installed before the alone specs, so that their own timeouts (a banner within minutes) do not
		// include a first install of n8n.
		await ensureRuntime(RUNTIMES[version]);
		for (const spec of specs)
			if (spec.phase === 'alone')
				await checks.step(spec.name, (c) => spec.run(c, { version, artifacts }));
		const stackSpecs = specs.filter((s): s is StackSpec => s.phase !== 'alone');
		if (stackSpecs.length === 0) return;
		stack = await prepareStack({
			version,
			owner: E2E_OWNER,
			workflows: () => [path.join(REPO_ROOT, 'e2e', 'workflows'), path.join(REPO_ROOT, 'examples')],
			activate: stackSpecs.flatMap((s) => s.activate ?? []),
			credentials: () => stackSpecs.flatMap((s) => s.credentials ?? []),
		});
		const ctx: E2eContext = { version, stack, artifacts };
		await checks.ok('the credential and all workflows import', true);
		log('the cli specs (n8n execute)');
		await runPhase(checks, stackSpecs, 'cli', ctx);
		log('n8n start');
		await stack.start();
		await checks.ok('n8n starts with the package installed', true);
		await runPhase(checks, stackSpecs, 'server', ctx);
		await runEditorSpecs(t, stackSpecs, ctx);
	} finally {
		if (stack?.n8n) fs.writeFileSync(path.join(artifacts, 'n8n.log'), stack.n8n.output());
		await stack?.stop();
		log(
			`n8n ${version} done in ${Math.round((Date.now() - started) / 1000)} s; artifacts: ${artifacts}`,
		);
	}
}

const { versions, browser, queue, only } = options();
const specs = SPECS.filter(
	(s) => (browser || s.phase !== 'editor') && (!only || s.name.includes(only)),
);
if (only && specs.length === 0 && !queue)
	throw new Error(
		`--spec=${only} matches no spec: ${[...SPECS.map((s) => s.name), QUEUE_MODE_TEST].join('; ')}`,
	);
const built = buildPackage();
built.catch(() => undefined);
const runsOn = (version: string) => (s: Spec) => !s.versions || s.versions.includes(version);
for (const version of versions.filter((v) => specs.some(runsOn(v)))) {
	const node = RUNTIMES[version]?.node;
	test(`n8n ${version} (Node ${node === 'system' ? process.version : (node ?? '?')})`, async (t) => {
		if (!node)
			throw new Error(`unknown n8n version ${version}: use ${Object.keys(RUNTIMES).join(', ')}`);
		await built;
		await runVersion(t, version, specs.filter(runsOn(version)));
	});
}
if (queue) {
	test(QUEUE_MODE_TEST, async (t) => {
		await built;
		await runQueueMode(new Checks(t));
	});
}
