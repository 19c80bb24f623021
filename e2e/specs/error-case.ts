/** A run that fails: deactivating a user Smile ID does not know. */
import { executeWorkflow } from '../n8n/instance';
import type { Spec } from '../spec';
import { enrolleeRequests } from './shared';

export const errorCase: Spec = {
	name: 'the error case',
	phase: 'cli',
	async run(checks, { stack }) {
		const result = await executeWorkflow(stack.instance, 'smileIdE2eUnknwn');
		const output = `${result.stdout}\n${result.stderr}`;
		await checks.ok('deactivating an unknown user: n8n execute exits 1', result.code === 1, output);
		await checks.ok(
			'deactivating an unknown user: the error says "No enrolled user with this User ID (Smile ID code 2210)"',
			output.includes('No enrolled user with this User ID (Smile ID code 2210)'),
			output,
		);
		const requests = enrolleeRequests(stack.sandbox, 'e2e-no-such-user');
		await checks.ok(
			'deactivating an unknown user: the sandbox answered 2210',
			requests.length === 1 && (requests[0].response as { code?: unknown })?.code === '2210',
			requests,
		);
	},
};
