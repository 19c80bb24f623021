/**
 * Read before you write: Enrollee > Get, Account > Get Wallet Balance, a Delete preview and Skip If
 * Already Done, headless with `n8n execute`, and the Get and the preview from the editor.
 */
import { ENROLLEE_INFO_PATH, ENROLLEE_PATH } from '../../sandbox';
import { executeWorkflow, nodeOutput } from '../n8n/instance';
import type { Spec } from '../spec';
import { PARTNER_ID } from './shared';

const WORKFLOW_ID = 'smileIdE2eReads';

export const readsHeadless: Spec = {
	name: 'read before you write: Get, Wallet Balance, preview and skip-if-done run headless',
	phase: 'cli',
	async run(checks, { stack }) {
		const { sandbox, instance } = stack;
		// Other specs share this sandbox: only what arrives from now on is this workflow's.
		const since = new Date().toISOString();
		const result = await executeWorkflow(instance, WORKFLOW_ID);
		if (
			!(await checks.ok(
				'n8n execute of the reads workflow exits 0',
				result.code === 0,
				`${result.stdout}\n${result.stderr}`,
			))
		)
			return;

		const [got] = nodeOutput(result.run, 'Get a user');
		await checks.ok(
			'Get: the state in plain names and the job history with verdicts, without ID check data',
			got?.userId === 'user-deactivated-001' &&
				got.active === false &&
				got.found === true &&
				Array.isArray(got.jobs) &&
				got.jobs.length === 3 &&
				got.jobs.every((job: any) => job.verdict === 'approved' && !('idCheck' in job)),
			got,
		);
		const missing = nodeOutput(result.run, 'Get an unknown user');
		await checks.ok(
			'Get with Not Found: Output an Item gives {userId, found: false}',
			JSON.stringify(missing) === JSON.stringify([{ userId: 'e2e-nobody', found: false }]),
			missing,
		);

		const wallet = nodeOutput(result.run, 'Wallet balance');
		await checks.ok(
			'Get Wallet Balance: one item with the KES balance',
			wallet.length === 1 &&
				wallet[0].currency === 'KES' &&
				typeof wallet[0].walletBalance === 'number',
			wallet,
		);

		const [preview] = nodeOutput(result.run, 'Preview a delete');
		await checks.ok(
			'Delete preview: {dryRun: true, wouldChange: true, before} and the user is not deleted',
			preview?.dryRun === true &&
				preview.wouldChange === true &&
				preview.before?.deleted === false &&
				sandbox.enrollee(PARTNER_ID, 'user-active-002')?.deleted === false,
			preview,
		);
		const [skipped] = nodeOutput(result.run, 'Deactivate unless done');
		await checks.ok(
			'Skip If Already Done: an inactive user gives changed: false',
			skipped?.changed === false && skipped.success === true,
			skipped,
		);

		const ours = sandbox.requests().filter((r) => r.time >= since);
		const writes = ours.filter((r) => r.path === ENROLLEE_PATH);
		const reads = ours.filter((r) => r.path === ENROLLEE_INFO_PATH);
		await checks.ok(
			'the sandbox log shows reads and no write',
			writes.length === 0 && reads.length >= 4,
			{ writes, reads: reads.length },
		);
	},
};

export const readsEditor: Spec = {
	name: 'read before you write, in the editor: a Get and a Delete preview, and their outputs',
	phase: 'editor',
	async run(checks, { stack, page, shot }) {
		if (!page || !shot) throw new Error('an editor spec needs a page');
		// The first load of the editor's bundles can take long on a busy machine.
		await page.goto(`/workflow/${WORKFLOW_ID}`, { waitUntil: 'commit', timeout: 90_000 });
		await page.getByTestId('canvas-node').first().waitFor({ timeout: 90_000 });
		await page.getByTestId('execute-workflow-button').click();
		await page
			.getByText(/executed successfully/i)
			.first()
			.waitFor({ timeout: 30_000 });
		await checks.ok('editor: the reads workflow runs from the editor', true);

		for (const [node, expected] of [
			['Get a user', /"?jobs"?/],
			['Preview a delete', /"?wouldChange"?:\s*true/],
		] as const) {
			await page.getByTestId('canvas-node').filter({ hasText: node }).first().dblclick();
			const output = page.getByTestId('output-panel');
			await output.waitFor();
			const json = output.getByTestId('radio-button-json');
			if (await json.isVisible()) await json.click();
			let text = '';
			for (let tries = 0; tries < 40 && !expected.test(text); tries++) {
				await page.waitForTimeout(250);
				text = (await output.innerText()).replace(/\s+/g, ' ');
			}
			await checks.ok(
				`editor: "${node}" shows its output (${expected})`,
				expected.test(text),
				text.slice(0, 800),
			);
			if (node === 'Preview a delete') {
				await checks.ok(
					'editor: the preview says nothing was changed',
					/nothing was changed/i.test(await page.getByTestId('ndv').innerText()),
					text.slice(0, 400),
				);
			}
			await shot(node === 'Get a user' ? 'reads-get-output' : 'reads-delete-preview-output');
			await page.keyboard.press('Escape');
			await page.getByTestId('ndv').waitFor({ state: 'hidden' });
		}
		await checks.ok(
			'editor: the preview deleted nobody',
			stack.sandbox.enrollee(PARTNER_ID, 'user-active-002')?.deleted === false,
		);
	},
};
