/**
 * A newcomer's first minutes in the editor (issue 24): the node search finds Smile ID by what it is
 * for, the node panel describes the node with its actions and its trigger, a Delete warns that it
 * is permanent, and Preview Only is on as soon as it is added, which the canvas then says.
 */
import type { Locator, Page } from 'playwright-core';

import type { Spec } from '../spec';

/** The switch of a boolean parameter is on: Element Plus (n8n 1.x) or the design system's switch (2.x). */
async function switchIsOn(field: Locator): Promise<boolean> {
	return await field.evaluate((element) =>
		Boolean(
			element.querySelector(
				'.is-checked, [aria-checked="true"], [data-state="checked"], input[type="checkbox"]:checked',
			),
		),
	);
}

/** The name of the "Smile ID" entry in the node panel, after typing `query` into the search. */
async function searchFor(page: Page, query: string): Promise<Locator> {
	const search = page.getByTestId('node-creator-search-bar');
	await search.fill('');
	await search.fill(query);
	const item = page.getByTestId('node-creator-item-name').filter({ hasText: /^Smile ID$/ });
	await item
		.first()
		.waitFor({ timeout: 15_000 })
		.catch(() => undefined);
	return item;
}

export const editorFirstSteps: Spec = {
	name: 'the editor, first steps: search by purpose, the panel, a Delete and its preview',
	phase: 'editor',
	async run(checks, { page, shot, version }) {
		if (!page || !shot) throw new Error('an editor spec needs a page');
		await page.goto('/workflow/new');
		await page.getByTestId('canvas-add-button').click();

		// 1. The search finds the node by what it is for, not only by its name.
		let item: Locator | undefined;
		for (const query of ['kyc', 'deactivate']) {
			item = await searchFor(page, query);
			await checks.ok(
				`editor: searching "${query}" finds "Smile ID"`,
				(await item.count()) >= 1,
				await page
					.getByTestId('node-creator-item-name')
					.allInnerTexts()
					.catch(() => []),
			);
			await shot(`search-${query}`);
		}

		// 2. n8n shows the trigger's description for a node merged with its trigger: it must speak of both.
		const description = item
			? await item
					.first()
					.locator('xpath=ancestor::*[.//*[@data-test-id="node-creator-item-description"]][1]')
					.getByTestId('node-creator-item-description')
					.innerText()
					.catch(() => '')
			: '';
		// n8n 1.x lists a search result without its description; 2.x shows it under the name.
		if (description || !version.startsWith('1.'))
			await checks.ok(
				`editor: the panel describes the node's actions and its trigger ("${description}")`,
				/deactivate/i.test(description) &&
					/delete/i.test(description) &&
					/start a workflow/i.test(description),
				description,
			);
		await shot('panel-description');

		// 3. A Delete says it is permanent while it is not a preview.
		await item!.first().click();
		const items = page.getByTestId('node-creator-item-name');
		const actionsHeader = page.getByText(/^Actions \(\d+\)$/).first();
		await actionsHeader.waitFor();
		const deleteAction = items.filter({ hasText: 'Delete a user permanently' }).first();
		if (!(await deleteAction.isVisible())) await actionsHeader.click();
		await deleteAction.click();
		const ndv = page.getByTestId('ndv');
		await ndv.getByTestId('parameter-input-operation').waitFor();
		const permanent = ndv.getByText(/This Delete cannot be undone/).first();
		await checks.ok(
			'editor: a Delete shows a notice that it is permanent',
			await permanent.isVisible(),
			(await ndv.innerText()).slice(0, 1500),
		);
		await shot('delete-notice');
		const docs = await ndv
			.getByRole('link', { name: /docs/i })
			.first()
			.getAttribute('href', { timeout: 5_000 })
			.catch(() => null);
		await checks.ok(
			`editor: the panel's Docs link opens this package's docs (${docs})`,
			docs?.startsWith(
				'https://github.com/n8n-nodes-smile-id/n8n-nodes-smile-id/blob/main/docs/operations.md',
			) === true,
			docs,
		);

		// 4. Add option > Preview Only (Dry Run): the switch is on, and the notice goes.
		await ndv
			.getByPlaceholder('Add option')
			.or(ndv.getByText('Add option', { exact: true }))
			.first()
			.click();
		await page
			.locator(
				'.el-select-dropdown__item:visible, [role="option"]:visible, [role="menuitem"]:visible',
			)
			.filter({ hasText: 'Preview Only (Dry Run)' })
			.first()
			.click();
		// The added option's field: its label and the nearest element around it holding a switch.
		const label = ndv.getByText('Preview Only (Dry Run)', { exact: true }).first();
		await label.waitFor();
		const dryRun = label.locator(
			'xpath=ancestor::*[.//*[contains(@class, "switch") or @role="switch"]][1]',
		);
		await checks.ok(
			'editor: Preview Only (Dry Run) is on as soon as it is added',
			await switchIsOn(dryRun),
			await dryRun.innerHTML(),
		);
		await permanent.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
		await checks.ok(
			'editor: with the preview on, the Delete notice is gone',
			!(await permanent.isVisible()),
		);
		await shot('preview-option-on');

		// 5. The canvas says the node only previews. (The Options field keeps Escape to itself: leave it first.)
		await page
			.locator('body')
			.evaluate((body) => (body.ownerDocument.activeElement as typeof body | null)?.blur());
		for (let i = 0; i < 3 && (await ndv.isVisible()); i++) await page.keyboard.press('Escape');
		await ndv.waitFor({ state: 'hidden' });
		const node = page.getByTestId('canvas-node').filter({ hasText: 'Delete a user permanently' });
		const onCanvas = (await node.first().innerText()).replace(/\s+/g, ' ');
		await checks.ok(
			`editor: the canvas subtitle says the Delete only previews ("${onCanvas}")`,
			/preview/i.test(onCanvas),
			onCanvas,
		);
		await shot('canvas-subtitle-preview');
	},
};
