/** The node in the n8n editor, as a person uses it: search, operations, the credential form, a run. */
import type { Spec } from '../spec';

/** The six operations as the editor lists them: actions in the node panel, names in the Operation field. */
const ACTIONS = [
	'Allow a user to enroll again',
	'Clear the fraud flag of a user',
	'Deactivate a user',
	'Delete a user permanently',
	'Flag a user as fraudulent',
	'Reactivate a user',
];
const OPERATION_NAMES = [
	'Allow Re-Enrollment',
	'Clear Fraud Flag',
	'Deactivate',
	'Delete',
	'Flag as Fraudulent',
	'Reactivate',
];

export const editorNode: Spec = {
	name: 'the editor: find, configure and run the node',
	phase: 'editor',
	async run(checks, { stack, page, shot }) {
		if (!page || !shot) throw new Error('an editor spec needs a page');
		const { sandbox } = stack;
		const partner = sandbox.partners.find((p) => p.partnerId === '085')!;
		const userId = 'e2e-editor-user';
		sandbox.addEnrollee(partner.partnerId, userId, {});

		// 0. n8n has registered the node and, for AI agents, its tool variant.
		const types = await page.context().request.get('/types/nodes.json');
		const names = ((await types.json()) as Array<{ name: string }>).map((t) => t.name);
		await checks.ok(
			'editor: n8n lists the node types n8n-nodes-smile-id.smileId and its AI tool n8n-nodes-smile-id.smileIdTool',
			names.includes('n8n-nodes-smile-id.smileId') &&
				names.includes('n8n-nodes-smile-id.smileIdTool'),
			names.filter((n) => n.includes('smile')),
		);

		// 1. Find "Smile ID" in the node search.
		await page.goto('/workflow/new');
		await page.getByTestId('canvas-add-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Smile ID');
		const item = page.getByTestId('node-creator-item-name').filter({ hasText: /^Smile ID$/ });
		await item.first().waitFor();
		await checks.ok('editor: "Smile ID" is found in the node search', (await item.count()) >= 1);
		await shot('node-search');

		// 2. Its six operations, as actions.
		await item.first().click();
		const items = page.getByTestId('node-creator-item-name');
		// With the Smile ID Trigger in the package, n8n opens the triggers first on an empty canvas and
		// folds the actions: unfold them as a user does.
		const actionsHeader = page.getByText(/^Actions \(\d+\)$/).first();
		await actionsHeader.waitFor();
		if (!(await items.filter({ hasText: ACTIONS[0] }).first().isVisible()))
			await actionsHeader.click();
		await items.filter({ hasText: ACTIONS[0] }).first().waitFor();
		const listed = await items.allInnerTexts();
		const missing = ACTIONS.filter((action) => !listed.some((text) => text.trim() === action));
		await checks.ok('editor: the node offers its six operations as actions', missing.length === 0, {
			missing,
			listed,
		});
		await shot('six-operations');

		// 3. Add it (n8n adds a manual trigger in front), and the Operation field lists the six.
		await items.filter({ hasText: 'Flag a user as fraudulent' }).first().click();
		const ndv = page.getByTestId('ndv');
		await ndv.getByTestId('parameter-input-operation').waitFor();
		await checks.ok('editor: the node is added and its parameters open', true);
		await shot('node-added');
		await ndv.getByTestId('parameter-input-operation').click();
		const options = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
		await options.first().waitFor();
		const optionTexts = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
		const missingOps = OPERATION_NAMES.filter((name) => !optionTexts.includes(name));
		await checks.ok(
			'editor: the Operation field lists the six operations',
			missingOps.length === 0,
			{ missingOps, optionTexts },
		);
		await shot('operation-field');
		await page.keyboard.press('Escape');
		await ndv.getByTestId('parameter-input-userId').locator('input, textarea').first().fill(userId);

		// 4. The credential form: a wrong key fails the test with a message, the right key passes.
		await ndv.getByTestId('node-credentials-select').click();
		await page.getByTestId('node-credentials-select-item-new').click();
		const modal = page.getByTestId('editCredential-modal');
		await modal.getByTestId('parameter-input-partnerId').locator('input').fill(partner.partnerId);
		await modal.getByTestId('parameter-input-apiKey').locator('input').fill('a-wrong-api-key');
		await modal.getByTestId('parameter-input-email').locator('input').fill(stack.owner.email);
		await modal.getByTestId('parameter-input-baseUrl').locator('input').fill(sandbox.url);
		await shot('credential-form');
		await modal.getByTestId('credential-save-button').click();
		const failed = modal.getByText('Couldn’t connect with these settings');
		await failed.waitFor();
		const details = modal.getByText('More details');
		if (await details.isVisible()) await details.click();
		const failedText = await modal.innerText();
		await checks.ok('editor: the credential test with a wrong key fails', true);
		await shot('credential-test-wrong-key');
		const message = failedText
			.split('Couldn’t connect with these settings')[1]
			?.split('\n')
			.map((l) => l.trim())
			.find((l) => l && l !== 'Retry' && l !== 'More details');
		await checks.ok(
			`editor: the failed credential test shows a clear message ("${message}")`,
			/authori|credential|key|partner/i.test(message ?? ''),
			failedText.slice(0, 600),
		);

		await modal.getByTestId('parameter-input-apiKey').locator('input').fill(partner.keys.test);
		await modal.getByTestId('credential-save-button').click();
		// n8n tests on save. 1.x keeps the form open with the result; 2.x closes it when the test passes,
		// and shows the result again when the credential is reopened. Then press the test button (Retry).
		const tested = modal.getByText('Connection tested successfully');
		await Promise.race([modal.waitFor({ state: 'hidden' }), tested.waitFor()]);
		if (!(await tested.isVisible())) {
			await modal.waitFor({ state: 'hidden' });
			await ndv.getByTestId('credential-edit-button').click();
			await tested.waitFor();
		}
		const testButton = modal.getByRole('button', { name: 'Retry' });
		await testButton.click();
		// The button shows a spinner while the test runs, then its label again.
		await page.waitForTimeout(300);
		await testButton.waitFor();
		await tested.waitFor();
		await checks.ok('editor: the credential test with the right key succeeds', true);
		await shot('credential-test-ok');
		await page.keyboard.press('Escape');
		await modal.waitFor({ state: 'hidden' });

		// 5. Run the workflow from the editor and see the node's output.
		for (let i = 0; i < 3 && (await ndv.isVisible()); i++) await page.keyboard.press('Escape');
		await ndv.waitFor({ state: 'hidden' });
		await page.getByTestId('execute-workflow-button').click();
		const toast = page.getByText(/Workflow executed successfully|executed successfully/i).first();
		await toast.waitFor({ timeout: 30_000 });
		await checks.ok('editor: "Execute workflow" ends with "Workflow executed successfully"', true);
		await page.waitForTimeout(700); // let the toast slide in for the screenshot
		await shot('workflow-run');
		await page
			.getByTestId('canvas-node')
			.filter({ hasText: 'Flag a user as fraudulent' })
			.first()
			.dblclick();
		const output = page.getByTestId('output-panel');
		await output.getByText(userId).first().waitFor();
		const json = output.getByTestId('radio-button-json');
		if (await json.isVisible()) await json.click();
		let outputText = '';
		for (let tries = 0; tries < 40 && !/"?success"?:\s*true/.test(outputText); tries++) {
			await page.waitForTimeout(250);
			outputText = (await output.innerText()).replace(/\s+/g, ' ');
		}
		await checks.ok(
			'editor: the run shows the node output { userId, operation: flagFraud, success: true }',
			outputText.includes(userId) &&
				outputText.includes('flagFraud') &&
				/"?success"?:\s*true/.test(outputText),
			outputText.slice(0, 800),
		);
		await shot('run-output');
		await checks.ok(
			'editor: the run flagged the user in the sandbox',
			sandbox.enrollee(partner.partnerId, userId)?.fraudulent === true,
			sandbox.enrollee(partner.partnerId, userId),
		);
	},
};
