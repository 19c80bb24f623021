import { useCallbackReceiver } from '../../support/callback-receiver';
import { useSandbox } from '../../support/fixtures';
import { PARTNER, get, post, signed } from '../../support/sandbox-requests';

// Smile ID's official SDK confirms what the sandbox signs: an implementation independent of the sandbox's use of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Signature } = require('smile-identity-core') as {
	Signature: new (
		partnerId: string,
		apiKey: string,
	) => { confirm_signature(timestamp: string, signature: string): boolean };
};
const confirmed = (body: Record<string, unknown>) =>
	new Signature(PARTNER.partnerId, PARTNER.keys.test).confirm_signature(
		body.timestamp as string,
		body.signature as string,
	);

describe('sandbox: simulated jobs and their callbacks', () => {
	const sandbox = useSandbox();
	const receiver = useCallbackReceiver();

	it('completes a job, sends its callback signed with the partner key, and records the answer', async () => {
		const reply = await post(sandbox().url, '/__sandbox/jobs', {
			userId: 'user-active-001',
			resultCode: '0907',
			jobId: 'job-9',
			callbackUrl: receiver.url(),
		});
		expect(reply.status).toBe(201);
		const { job, deliveries } = reply.json as {
			job: Record<string, unknown>;
			deliveries: Array<Record<string, unknown>>;
		};
		expect(job).toMatchObject({
			userId: 'user-active-001',
			jobId: 'job-9',
			resultCode: '0907',
			resultText: 'Possible Spoof',
		});

		expect(receiver.received).toHaveLength(1);
		const callback = receiver.received[0];
		expect(callback).toMatchObject({
			ResultCode: '0907',
			SmileJobID: job.smileJobId,
			PartnerParams: { user_id: 'user-active-001', job_id: 'job-9', job_type: 2 },
			IsFinalResult: 'true',
		});
		expect(confirmed(callback)).toBe(true);
		expect(deliveries).toEqual([
			expect.objectContaining({
				smileJobId: job.smileJobId,
				status: 200,
				answer: { message: 'Workflow was started' },
			}),
		]);
		expect((await get(sandbox().url, '/__sandbox/callbacks')).json).toEqual(deliveries);
		expect(JSON.stringify(deliveries)).not.toContain(callback.signature as string);
	});

	it("sends to the partner's callback URL set like the portal's, and Smile Secure's suspects", async () => {
		expect(
			(await post(sandbox().url, '/__sandbox/callback-url', { url: receiver.url() })).status,
		).toBe(200);
		const suspects = [{ user_id: 'user-fraud-001', reason: 'same face' }];
		await post(sandbox().url, '/__sandbox/jobs', {
			userId: 'user-active-002',
			resultCode: '5211',
			suspectUsers: suspects,
		});
		expect(receiver.received).toEqual([
			expect.objectContaining({ ResultCode: '5211', Antifraud: { SuspectUsers: suspects } }),
		]);
	});

	it('drills: a forged signature, a stale timestamp, a repeated SmileJobID', async () => {
		const complete = (drill: string) =>
			post(sandbox().url, '/__sandbox/jobs', {
				userId: 'user-active-001',
				resultCode: '0907',
				callbackUrl: receiver.url(),
				drill,
			});

		await complete('forgedSignature');
		expect(confirmed(receiver.received[0])).toBe(false);

		await complete('staleTimestamp');
		expect(confirmed(receiver.received[1])).toBe(true);
		expect(Date.now() - Date.parse(receiver.received[1].timestamp as string)).toBeGreaterThan(
			30 * 60_000,
		);

		const repeated = await complete('repeatSmileJobId');
		expect(receiver.received.slice(2).map((c) => c.SmileJobID)).toEqual([
			(repeated.json as { job: { smileJobId: string } }).job.smileJobId,
			(repeated.json as { job: { smileJobId: string } }).job.smileJobId,
		]);
		expect((repeated.json as { deliveries: unknown[] }).deliveries).toHaveLength(2);
	});

	it('sends callbacks to this machine only, and refuses an unknown drill', async () => {
		const far = await post(sandbox().url, '/__sandbox/jobs', {
			userId: 'u',
			resultCode: '0907',
			callbackUrl: 'http://example.com/hook',
		});
		expect(far.status).toBe(400);
		expect(
			(await post(sandbox().url, '/__sandbox/callback-url', { url: 'https://10.0.0.1/x' })).status,
		).toBe(400);
		expect(
			(
				await post(sandbox().url, '/__sandbox/jobs', {
					userId: 'u',
					resultCode: '0907',
					drill: 'nope',
				})
			).status,
		).toBe(400);
		expect(receiver.received).toEqual([]);
	});

	it('records a delivery nobody answered', async () => {
		const reply = await post(sandbox().url, '/__sandbox/jobs', {
			userId: 'u',
			resultCode: '1210',
			callbackUrl: 'http://127.0.0.1:9/nothing-here',
		});
		expect((reply.json as { deliveries: Array<{ status: unknown }> }).deliveries).toEqual([
			expect.objectContaining({ status: null }),
		]);
	});
});

describe('sandbox: POST /v1/job_status', () => {
	const sandbox = useSandbox();
	const ask = (body: Record<string, unknown>) =>
		post(sandbox().url, '/v1/job_status', { ...signed(), ...body });

	it("answers a job's result signed with the partner key, with history and image links on request", async () => {
		await post(sandbox().url, '/__sandbox/jobs', {
			userId: 'user-with-two-jobs',
			jobId: 'job-1',
			resultCode: '0814',
		});
		await post(sandbox().url, '/__sandbox/jobs', {
			userId: 'user-with-two-jobs',
			jobId: 'job-2',
			resultCode: '1210',
		});
		const reply = await ask({
			user_id: 'user-with-two-jobs',
			job_id: 'job-1',
			history: true,
			image_links: true,
		});

		expect(reply.status).toBe(200);
		const answer = reply.json as Record<string, unknown>;
		expect(confirmed(answer)).toBe(true);
		expect(answer).toMatchObject({
			job_complete: true,
			job_success: false,
			result: { ResultCode: '0814', PartnerParams: { job_id: 'job-1' } },
		});
		expect((answer.history as Array<{ ResultCode: string }>).map((h) => h.ResultCode)).toEqual([
			'1210',
			'0814',
		]);
		expect(answer.image_links).toEqual({ selfie_image: expect.stringContaining('.invalid/') });
		expect((await ask({ user_id: 'user-with-two-jobs', job_id: 'job-2' })).json).toMatchObject({
			job_success: true,
		});
	});

	it('says job_complete false for a job it does not know, and 2205 to a wrong signature', async () => {
		expect((await ask({ user_id: 'user-with-two-jobs', job_id: 'nope' })).json).toMatchObject({
			job_complete: false,
			result: null,
		});
		const forged = await ask({
			user_id: 'user-with-two-jobs',
			job_id: 'nope',
			signature: signed().signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
		});
		expect(forged.status).toBe(400);
		expect(forged.json).toMatchObject({ code: '2205' });
	});
});
