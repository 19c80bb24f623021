/**
 * Smile Links in a running n8n: examples/link-send.json and link-result.json, both active. A CRM
 * sign-up posted to the first workflow's webhook creates a single-use link (Link > Create); Chromium
 * opens the link's page, served by the sandbox, and completes it; the sandbox sends the signed
 * callback to the second workflow's Smile ID Trigger, which starts once and posts the verdict to
 * its stand-in CRM webhook. In the editor: the Create node's Country and ID Type dropdowns filled
 * from the sandbox's /v1/services (screenshot).
 */
import * as path from 'node:path';

import type { RestClient } from '../n8n/session';
import { waitForWebhook } from '../n8n/process';
import type { Spec } from '../spec';
import { PARTNER_ID } from './shared';

const SEND_ID = 'smileIdExLinkSend';
const RESULT_ID = 'smileIdExLinkBack';
const CONTACT = 'e2e-link-contact-1';

type Execution = { id: string; status: string };

async function executions(rest: RestClient, workflowId: string): Promise<Execution[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { json } = await rest.request('GET', `/rest/executions?filter=${filter}`);
	return json?.data?.results ?? [];
}

/** The nodes an execution ran and their output items' JSON (n8n stores the run in `flatted` form). */
async function ranNodes(rest: RestClient, id: string): Promise<Record<string, unknown[]>> {
	const flatted = require(path.join(__dirname, '..', '..', 'node_modules', 'flatted')) as {
		parse: (text: string) => any;
	};
	const { json } = await rest.request('GET', `/rest/executions/${id}`);
	const runData = flatted.parse(json?.data?.data ?? '[{}]')?.resultData?.runData ?? {};
	return Object.fromEntries(
		Object.entries(runData).map(([node, runs]: [string, any]) => [
			node,
			(runs?.[0]?.data?.main?.[0] ?? []).map((item: any) => item.json),
		]),
	);
}

async function settled(rest: RestClient, count: number): Promise<Execution[]> {
	let list = await executions(rest, RESULT_ID);
	for (let waited = 0; waited < 60_000; waited += 500) {
		if (list.length >= count && list.every((e) => !['new', 'running'].includes(e.status))) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
		list = await executions(rest, RESULT_ID);
	}
	return list;
}

export const linksExample: Spec = {
	name: 'Smile Links: the link example pair, a link completed in Chromium',
	phase: 'editor',
	activate: [SEND_ID, RESULT_ID],
	async run(checks, { stack, page, shot }) {
		if (!page || !shot) throw new Error('an editor spec needs a page');
		const { sandbox, instance, rest } = stack;
		await fetch(`${sandbox.url}/__sandbox/callback-url`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				partnerId: PARTNER_ID,
				url: `${instance.url}/webhook/smile-id-link-result`,
			}),
		});

		const signup = await waitForWebhook(instance, 'smile-id-signup', {
			contactId: CONTACT,
			email: 'ada@example.com',
		});
		const created: any = await signup.json().catch(() => undefined);
		const url = typeof created?.url === 'string' ? created.url : '';
		const link = sandbox.links().find((l) => l.url === url);
		await checks.ok(
			'the CRM webhook creates a single-use link for the contact and answers its url and refId',
			signup.status === 200 &&
				url.startsWith(`${sandbox.url}/links/`) &&
				link?.record.user_id === CONTACT &&
				link?.record.is_single_use === true &&
				created?.refId === link?.record.ref_id,
			{ status: signup.status, created },
		);
		if (!link) return;

		await page.goto(url);
		await page.locator('#link-page[data-state="ready"]').waitFor();
		await page.locator('#verdict').selectOption('approved');
		await shot('link-page-ready');
		await page.locator('#complete').click();
		await page.locator('#link-page[data-state="done"]').waitFor();
		const resultCode = await page.locator('#result-code').innerText();
		const callbackStatus = await page.locator('#callback-status').innerText();
		await checks.ok(
			"Chromium completes the link on the sandbox's page; the callback reaches n8n (200)",
			resultCode === '1020' && callbackStatus === '200',
			{ resultCode, callbackStatus, shot: await shot('link-page-done') },
		);

		// the trigger's execution, and the stand-in CRM's (its webhook is in the same workflow)
		const list = await settled(rest, 2);
		const runs = await Promise.all(list.map((e) => ranNodes(rest, e.id)));
		const triggered = runs.filter((r) => 'Smile ID Trigger' in r);
		const crm = runs.find((r) => 'Stand-in CRM' in r)?.['Stand-in CRM']?.[0] as any;
		await checks.ok(
			'the Smile ID Trigger starts once, and its item names the link user and job',
			triggered.length === 1 &&
				(triggered[0]['Smile ID Trigger'][0] as any)?.userId === CONTACT &&
				(triggered[0]['Smile ID Trigger'][0] as any)?.jobId === `${link.record.ref_id}-job-1`,
			{ executions: list, trigger: triggered.map((r) => r['Smile ID Trigger']) },
		);
		await checks.ok(
			'the stand-in CRM receives the verdict for the contact',
			list.every((e) => e.status === 'success') &&
				crm?.body?.contactId === CONTACT &&
				crm?.body?.verdict === 'approved' &&
				crm?.body?.crmContactId === CONTACT,
			{ executions: list, crm },
		);

		await page.goto(`/workflow/${SEND_ID}`);
		await page.getByTestId('canvas-node').first().waitFor();
		await page.getByTestId('canvas-node').filter({ hasText: 'Smile ID: create link' }).dblclick();
		// Each dropdown shows its value's label (in its input) only once its options came from Smile ID's lists.
		const ndv = page.getByTestId('ndv');
		await ndv.getByTestId('parameter-input-idType').first().waitFor();
		const labels = () =>
			ndv
				.locator('input')
				.evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
		let values = await labels();
		for (
			let waited = 0;
			waited < 30_000 && !values.includes('Bank Verification Number (BVN)');
			waited += 500
		) {
			await page.waitForTimeout(500);
			values = await labels();
		}
		const shown =
			values.includes('Bank Verification Number (BVN)') && values.includes('Nigeria (NG)');
		await checks.ok(
			"editor: the Country and ID Type dropdowns are filled from Smile ID's /v1/services",
			shown,
			{ values, shot: await shot('link-dropdowns-filled') },
		);
		await page.keyboard.press('Escape');
	},
};
