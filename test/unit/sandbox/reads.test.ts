import { ENROLLEE_INFO_PATH, FAKE_ID_PHOTO } from '../../../sandbox';
import { useSandbox } from '../../support/fixtures';
import {
	ENROLLEE_PATH,
	WALLET_PATH,
	enrolleeBody,
	get,
	post,
	signed,
} from '../../support/sandbox-requests';

const sandbox = useSandbox();

const info = (userId: string, extra: Record<string, unknown> = {}) =>
	post(sandbox().url, ENROLLEE_INFO_PATH, { user_id: userId, ...signed(), ...extra });

describe('enrollee/info', () => {
	it("answers a seeded user's state and job history, newest first, in Smile ID's documented shape", async () => {
		const r = await info('user-deactivated-001');
		expect(r.status).toBe(200);
		const body = r.json as { enrolled_user: unknown; history: Array<Record<string, unknown>> };
		expect(body.enrolled_user).toEqual({
			allow_new_enroll: false,
			complete: true,
			deleted: false,
			inactive: true,
			is_fraudulent: false,
			pending: false,
			provisional: false,
		});
		expect(body.history.map((job) => job.result_code)).toEqual(['1220', '1012', '1210']);
		expect(body.history[0]).toEqual({
			created_at: expect.stringMatching(/^2026-/),
			job_id: expect.stringMatching(/^\d{10}$/),
			partner_params: {
				job_id: 'user-deactivated-001-auth',
				user_id: 'user-deactivated-001',
				job_type: 2,
			},
			result_code: '1220',
			result_message: 'Authenticated',
			id_check: null,
		});
		expect(body.history[1].id_check).toMatchObject({
			id_type: 'BVN',
			photo: FAKE_ID_PHOTO,
			result_code: '1012',
		});
	});

	it('shows a change made on the enrollee endpoint, and a deleted user as deleted', async () => {
		await post(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('user-active-001', { is_fraudulent: true }),
		);
		expect((await info('user-active-001')).json).toMatchObject({
			enrolled_user: { is_fraudulent: true, inactive: false },
		});
		expect((await info('user-deleted-001')).json).toMatchObject({
			enrolled_user: { deleted: true },
		});
	});

	it('answers an unknown user with 2210 (a guess, see README.md)', async () => {
		const r = await info('nobody-here');
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ error: 'No enrolled user found', code: '2210' });
	});

	it('refuses a bad signature with 2205 and a missing user_id with 2213', async () => {
		expect((await info('user-active-001', { signature: 'forged' })).json).toMatchObject({
			code: '2205',
		});
		expect((await post(sandbox().url, ENROLLEE_INFO_PATH, signed())).json).toMatchObject({
			code: '2213',
		});
	});

	it('takes jobs a test adds, directly or over HTTP, and logs the read like any request', async () => {
		sandbox().addEnrollee('085', 'fresh-user');
		expect((await info('fresh-user')).json).toEqual({
			enrolled_user: expect.any(Object),
			history: [],
		});
		sandbox().addJob('085', 'fresh-user', { resultCode: '0907' });
		const added = await fetch(`${sandbox().url}/__sandbox/enrollees/085/fresh-user/jobs`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ resultCode: '9999', jobType: 4 }),
		});
		expect(added.status).toBe(201);

		const history = ((await info('fresh-user')).json as { history: Array<Record<string, unknown>> })
			.history;
		expect(
			history.map((job) => [
				job.result_code,
				job.result_message,
				(job.partner_params as { job_type: number }).job_type,
			]),
		).toEqual([
			['9999', 'Result 9999 (sandbox)', 4],
			['0907', 'Possible Spoof', 2],
		]);
		expect(sandbox().jobs('085', 'fresh-user')).toHaveLength(2);
		expect(
			sandbox()
				.requests()
				.map((r) => r.path),
		).toEqual([ENROLLEE_INFO_PATH, ENROLLEE_INFO_PATH]);
	});

	it('forgets added jobs on reset and restores the seeded history', async () => {
		sandbox().addJob('085', 'user-active-001');
		expect(sandbox().jobs('085', 'user-active-001')).toHaveLength(4);
		sandbox().reset();
		expect(sandbox().jobs('085', 'user-active-001')).toHaveLength(3);
		expect((await get(sandbox().url, '/__sandbox/health')).status).toBe(200);
	});
});

describe('wallet_balance', () => {
	it('answers the balance in USD by default and in the currency asked for', async () => {
		expect((await post(sandbox().url, WALLET_PATH, signed())).json).toEqual({
			wallet_balance: 500,
			current_as_of: expect.any(String),
		});
		expect(
			(await post(sandbox().url, WALLET_PATH, { ...signed(), currency: 'KES' })).json,
		).toMatchObject({ wallet_balance: 64500 });
	});

	it('refuses an unknown currency with 2204 (a guess, see README.md)', async () => {
		const r = await post(sandbox().url, WALLET_PATH, { ...signed(), currency: 'XYZ' });
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ error: 'Invalid parameter type: currency', code: '2204' });
	});
});
