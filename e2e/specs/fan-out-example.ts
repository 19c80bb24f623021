/**
 * examples/bulk-fan-out-queue-mode.json on a single n8n (no queue): the same workflow the
 * queue-mode run fans out over workers; here its chunk executions run in the one process.
 */
import { waitForWebhook } from '../n8n/process';
import type { Spec } from '../spec';
import { PARTNER_ID } from './shared';

const USERS = Array.from({ length: 250 }, (_, i) => `e2e-fan-out-${String(i).padStart(3, '0')}`);

export const fanOutExample: Spec = {
	name: 'the fan-out example on a single instance',
	phase: 'server',
	activate: ['smileIdExFanOut1'],
	async run(checks, { stack }) {
		const { sandbox, instance } = stack;
		for (const id of USERS) sandbox.addEnrollee(PARTNER_ID, id, {});
		const response = await waitForWebhook(instance, 'smile-id-bulk', { userIds: USERS });
		const answer: any = await response.json().catch(() => undefined);
		await checks.ok(
			'fan-out example: the dispatcher answers 200 with 3 chunks started for 250 users',
			response.status === 200 && answer?.chunks === 3 && answer?.users === 250,
			{ status: response.status, answer },
		);
		// The chunk webhooks answer at once; the users change while their executions run.
		const deactivated = () =>
			USERS.filter((id) => sandbox.enrollee(PARTNER_ID, id)?.active === false).length;
		for (let waited = 0; deactivated() < USERS.length && waited < 60_000; waited += 500) {
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const twice = USERS.filter((id) => sandbox.enrollee(PARTNER_ID, id)?.history.length !== 1);
		await checks.ok(
			'fan-out example: every user is deactivated, each by one request',
			deactivated() === USERS.length && twice.length === 0,
			{ deactivated: deactivated(), notOnce: twice.slice(0, 5) },
		);
	},
};
