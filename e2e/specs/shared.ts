/** What several specs share: the owner of the e2e instances and the sandbox partner they use. */
import type { Sandbox } from '../../sandbox';
import { ENROLLEE_PATH } from '../../sandbox';
import type { Owner } from '../n8n/session';

export const E2E_OWNER: Owner = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'SmileE2E-2024',
};

export const PARTNER_ID = '085';

export function enrolleeRequests(sandbox: Sandbox, userId: string) {
	return sandbox
		.requests()
		.filter(
			(r) => r.path === ENROLLEE_PATH && (r.body as { user_id?: unknown })?.user_id === userId,
		);
}
