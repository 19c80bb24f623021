import { pressTestButton } from '../support/credential-tester';
import { FAST_RETRIES, sandboxCredentials, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';
import { post } from '../support/sandbox-requests';

const sandbox = useSandbox();

/** The fields of each request the sandbox received (it logs the signature as `hasSignature`). */
function fieldsReceived() {
	return sandbox()
		.requests()
		.map((request) => ({
			path: request.path,
			fields: Object.keys(request.body as object).sort(),
			signed: request.hasSignature,
		}));
}

// The bodies as shared/reference/smile-id-api.md lists them, from Smile ID's documentation.
const SIGNED = ['partner_id', 'timestamp'];

describe('each endpoint gets exactly the fields Smile ID documents for it', () => {
	it('Enrollee changes: email and environment, the user and the flag', async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'deactivate', userId: 'user-active-001', options: FAST_RETRIES },
		});
		expect(run.error).toBeUndefined();
		expect(fieldsReceived()).toEqual([
			{
				path: '/api/v2/partner/enrollee',
				fields: [...SIGNED, 'active', 'email', 'environment', 'user_id'].sort(),
				signed: true,
			},
		]);
	});

	it('Enrollee > Get (enrollee/info): environment and the user, no email', async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'get', userId: 'user-active-001', options: FAST_RETRIES },
		});
		expect(run.error).toBeUndefined();
		expect(fieldsReceived()).toEqual([
			{
				path: '/api/v2/partner/enrollee/info',
				fields: [...SIGNED, 'environment', 'user_id'].sort(),
				signed: true,
			},
		]);
	});

	it('Account > Get Wallet Balance and the Test button (wallet_balance): environment and currency, no email', async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { resource: 'account', operation: 'getWalletBalance', options: FAST_RETRIES },
		});
		expect(run.error).toBeUndefined();
		expect((await pressTestButton(sandboxCredentials(sandbox()))).status).toBe('OK');
		expect(fieldsReceived()).toEqual([
			{
				path: '/api/v2/partner/wallet_balance',
				fields: [...SIGNED, 'currency', 'environment'].sort(),
				signed: true,
			},
			{
				path: '/api/v2/partner/wallet_balance',
				fields: [...SIGNED, 'environment'].sort(),
				signed: true,
			},
		]);
	});

	it('Job > Get Status (job_status): the user, the job and the two flags, neither email nor environment', async () => {
		await post(sandbox().url, '/__sandbox/jobs', {
			userId: 'user-active-001',
			jobId: 'job-1',
			resultCode: '1210',
		});
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: {
				resource: 'job',
				operation: 'getStatus',
				userId: 'user-active-001',
				jobId: 'job-1',
				options: FAST_RETRIES,
			},
		});
		expect(run.error).toBeUndefined();
		expect(fieldsReceived().filter((r) => r.path === '/v1/job_status')).toEqual([
			{
				path: '/v1/job_status',
				fields: [...SIGNED, 'history', 'image_links', 'job_id', 'user_id'].sort(),
				signed: true,
			},
		]);
	});
});
