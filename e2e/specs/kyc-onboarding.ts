/** examples/kyc-onboarding.json, active in a running n8n: a new customer from a CRM, ID number then AML, or a Smile Link. */
import { VERIFICATION_PATHS } from '../../sandbox';
import { waitForWebhook } from '../n8n/process';
import type { Spec } from '../spec';

const CUSTOMER = {
	customerId: 'e2e-kyc-1',
	country: 'NG',
	idType: 'BVN',
	idNumber: '00000000000',
	firstName: 'Adaeze',
	lastName: 'Testperson',
	birthYear: '1990',
};

export const kycOnboarding: Spec = {
	name: 'the new-customer KYC example',
	phase: 'server',
	activate: ['smileIdExKycOnbd'],
	async run(checks, { stack }) {
		const { sandbox, instance } = stack;
		const paid = () =>
			sandbox.requests().filter((r) => Object.values(VERIFICATION_PATHS).includes(r.path));

		const matched = await waitForWebhook(instance, 'smile-id-new-customer', CUSTOMER);
		const body: any = await matched.json().catch(() => undefined);
		await checks.ok(
			'KYC example, a matching BVN: Verify ID Number approved, then Screen for AML, not listed',
			matched.status === 200 &&
				body?.idVerdict === 'approved' &&
				body?.amlListed === false &&
				!JSON.stringify(body).includes('1990-01-01'),
			{ status: matched.status, body },
		);
		const billedOnce = (jobId: string) => sandbox.submissions(jobId).length === 1;
		await checks.ok(
			'KYC example: one ID number lookup and one AML screening billed, under the Job IDs the workflow maps',
			billedOnce('e2e-kyc-1-kyc') && billedOnce('e2e-kyc-1-aml') && paid().length === 2,
			paid().map((r) => r.path),
		);

		const again = await fetch(`${instance.url}/webhook/smile-id-new-customer`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(CUSTOMER),
		});
		await checks.ok(
			'KYC example, the same customer again: answered from Smile ID, nothing billed twice',
			again.status === 200 && billedOnce('e2e-kyc-1-kyc') && billedOnce('e2e-kyc-1-aml'),
			{ status: again.status, submissions: sandbox.submissions().map((s) => s.jobId) },
		);

		const noMatch = await fetch(`${instance.url}/webhook/smile-id-new-customer`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...CUSTOMER, customerId: 'e2e-kyc-2', firstName: 'Somebody' }),
		});
		const linked: any = await noMatch.json().catch(() => undefined);
		await checks.ok(
			'KYC example, no match: a Smile Link is created and its URL answered, no AML screening',
			noMatch.status === 200 &&
				linked?.idVerdict === 'rejected' &&
				typeof linked?.link === 'string' &&
				sandbox.submissions('e2e-kyc-2-aml').length === 0,
			{ status: noMatch.status, body: linked },
		);
	},
};
