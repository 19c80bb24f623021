/** examples/bulk-scheduled-run.json, run headless: successes and failures go separate ways. */
import { executeWorkflow, nodeOutput } from '../n8n/instance';
import type { Spec } from '../spec';
import { PARTNER_ID } from './shared';

export const bulkExample: Spec = {
	name: 'the bulk example',
	phase: 'cli',
	async run(checks, { stack }) {
		const { sandbox } = stack;
		const result = await executeWorkflow(stack.instance, 'smileIdExBulkRun');
		if (
			!(await checks.ok(
				'bulk example: n8n execute exits 0',
				result.code === 0,
				`${result.stdout}\n${result.stderr}`,
			))
		)
			return;
		const done = nodeOutput(result.run, 'Deactivated');
		const failed = nodeOutput(result.run, 'Failed: for review');
		await checks.ok(
			'bulk example: the two known users come out of the success branch',
			done
				.map((j) => j.userId)
				.sort()
				.join(',') === 'user-active-001,user-active-002',
			done,
		);
		await checks.ok(
			'bulk example: the unknown user goes to the failure branch with the reason',
			failed.length === 1 &&
				failed[0].userId === 'user-unknown-404' &&
				/No enrolled user/.test(String(failed[0].error)),
			failed,
		);
		await checks.ok(
			'bulk example: both known users are deactivated in the sandbox',
			['user-active-001', 'user-active-002'].every(
				(id) => sandbox.enrollee(PARTNER_ID, id)?.active === false,
			),
			sandbox.enrollees().filter((e) => e.userId.startsWith('user-active')),
		);
	},
};
