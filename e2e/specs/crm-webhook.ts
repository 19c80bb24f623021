/** examples/crm-webhook.json, active in a running n8n, called over HTTP as a CRM would. */
import { waitForWebhook } from '../n8n/process';
import type { Spec } from '../spec';
import { PARTNER_ID } from './shared';

const CASES = [
	{ event: 'fraud_confirmed', userId: 'e2e-crm-1', seed: {}, after: { fraudulent: true } },
	{
		event: 'fraud_cleared',
		userId: 'e2e-crm-2',
		seed: { fraudulent: true },
		after: { fraudulent: false },
	},
	{ event: 'account_closed', userId: 'e2e-crm-3', seed: {}, after: { active: false } },
];

export const crmWebhook: Spec = {
	name: 'the CRM webhook example',
	phase: 'server',
	activate: ['smileIdExCrmHook'],
	async run(checks, { stack }) {
		const { sandbox, instance } = stack;
		// An unknown event touches no user, so it probes whether the webhook is registered yet.
		const unknown = await waitForWebhook(instance, 'smile-id-crm', {
			userId: 'e2e-crm-1',
			event: 'newsletter_signup',
		});
		await checks.ok(
			'CRM webhook with an unknown event: answers 400',
			unknown.status === 400,
			await unknown.text(),
		);

		for (const c of CASES) {
			sandbox.addEnrollee(PARTNER_ID, c.userId, c.seed);
			const response = await fetch(`${instance.url}/webhook/smile-id-crm`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ userId: c.userId, event: c.event }),
			});
			const body: any = await response.json().catch(() => undefined);
			await checks.ok(
				`CRM webhook ${c.event}: answers 200 with success`,
				response.status === 200 && body?.success === true,
				{
					status: response.status,
					body,
				},
			);
			const state = sandbox.enrollee(PARTNER_ID, c.userId) as any;
			await checks.ok(
				`CRM webhook ${c.event}: the user's state changed (${JSON.stringify(c.after)})`,
				Object.entries(c.after).every(([k, v]) => state?.[k] === v),
				state,
			);
		}
	},
};
