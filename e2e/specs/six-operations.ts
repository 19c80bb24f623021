/** The six operations, run headless with `n8n execute`, checked against the sandbox's log and store. */
import { executeWorkflow, nodeOutput } from '../n8n/instance';
import type { Spec } from '../spec';
import { PARTNER_ID, enrolleeRequests } from './shared';

/** The users the six-operations workflow acts on, their state before, and what must have changed. */
export const SIX_OPERATIONS = [
	{
		operation: 'allowReenrollment',
		userId: 'e2e-reenroll',
		seed: {},
		flag: ['allow_new_enroll', true],
		after: { awaitingReenrollment: true },
	},
	{
		operation: 'deactivate',
		userId: 'e2e-deactivate',
		seed: {},
		flag: ['active', false],
		after: { active: false },
	},
	{
		operation: 'reactivate',
		userId: 'e2e-reactivate',
		seed: { active: false },
		flag: ['active', true],
		after: { active: true },
	},
	{
		operation: 'flagFraud',
		userId: 'e2e-flag',
		seed: {},
		flag: ['is_fraudulent', true],
		after: { fraudulent: true },
	},
	{
		operation: 'unflagFraud',
		userId: 'e2e-unflag',
		seed: { fraudulent: true },
		flag: ['is_fraudulent', false],
		after: { fraudulent: false },
	},
	{
		operation: 'delete',
		userId: 'e2e-delete',
		seed: {},
		flag: ['delete', true],
		after: { deleted: true },
	},
] as const;

export const sixOperations: Spec = {
	name: 'the six operations workflow runs',
	phase: 'cli',
	async run(checks, { stack }) {
		const { sandbox, instance } = stack;
		for (const op of SIX_OPERATIONS) sandbox.addEnrollee(PARTNER_ID, op.userId, op.seed);
		const result = await executeWorkflow(instance, 'smileIdE2eSixOps');
		if (
			!(await checks.ok(
				'n8n execute of the six operations exits 0',
				result.code === 0,
				`${result.stdout}\n${result.stderr}`,
			))
		)
			return;
		for (const op of SIX_OPERATIONS) {
			const out = nodeOutput(result.run, `Smile ID ${op.operation}`);
			await checks.ok(
				`${op.operation}: the node outputs { userId, operation, success: true }`,
				out.length === 1 &&
					out[0].userId === op.userId &&
					out[0].operation === op.operation &&
					out[0].success === true,
				out,
			);
			const requests = enrolleeRequests(sandbox, op.userId);
			const [flag, value] = op.flag;
			await checks.ok(
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
			await checks.ok(
				`${op.operation}: the user's state changed (${JSON.stringify(op.after)})`,
				changed,
				state,
			);
		}
	},
};
