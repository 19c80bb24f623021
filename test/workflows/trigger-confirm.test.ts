/**
 * Confirm With Smile ID: the trigger asks the local sandbox's job_status (through the node's
 * network door, signed by the credential) for the job a callback names, and starts only from
 * Smile ID's signed answer. The callbacks are signed by Smile ID's own SDK.
 */
import type { IDataObject } from 'n8n-workflow';
import { Signature } from 'smile-identity-core';

import type { SimulatedJob } from '../../sandbox';
import { jobResult } from '../../sandbox';
import { computeSignature } from '../../nodes/SmileId/common/signature';
import { sandboxCredentials, useSandbox } from '../support/fixtures';
import { startHostileServer } from '../support/hostile-server';
import { TriggerWorkflow } from '../support/webhook-trigger';

const JOB_STATUS = '/v1/job_status';
const sandbox = useSandbox();
const key = () => sandbox().partners[0].keys.test;
const partnerId = () => sandbox().partners[0].partnerId;

let userCount = 0;
/** A finished job in the sandbox, for a user of its own. */
function finishedJob(resultCode: string): SimulatedJob {
	userCount++;
	return sandbox().addJob(partnerId(), `confirm-user-${userCount}`, { resultCode });
}

/** The job's callback as Smile ID sends it, with the given claims, signed now (or with `signed`). */
function callbackOf(
	job: SimulatedJob,
	claims: IDataObject = {},
	signed?: { timestamp: string; signature: string },
): IDataObject {
	return {
		...jobResult(job),
		...claims,
		...(signed ?? new Signature(partnerId(), key()).generate_signature(new Date().toISOString())),
	};
}

const jobStatusRequests = () =>
	sandbox()
		.requests()
		.filter((r) => r.path === JOB_STATUS);

describe('Confirm With Smile ID (on by default)', () => {
	it("starts from Smile ID's answer, confirmed: true, after one signed job_status request", async () => {
		const workflow = new TriggerWorkflow(sandboxCredentials(sandbox()));
		const job = finishedJob('0907');
		const answer = await workflow.post(callbackOf(job));

		expect(answer).toMatchObject({
			status: 200,
			started: true,
			body: { received: true, started: true },
		});
		expect(answer.items).toEqual([
			expect.objectContaining({
				userId: job.userId,
				jobId: job.jobId,
				smileJobId: job.smileJobId,
				resultCode: '0907',
				verdict: 'rejected',
				confirmed: true,
			}),
		]);
		const asked = jobStatusRequests();
		expect(asked).toHaveLength(1);
		expect(asked[0]).toMatchObject({
			hasSignature: true,
			status: 200,
			body: { user_id: job.userId, job_id: job.jobId },
		});
	});

	it('starts nothing for a claim Smile ID contradicts: a rejection sent as an approval', async () => {
		const workflow = new TriggerWorkflow(sandboxCredentials(sandbox()), {
			options: { onlyVerdicts: ['approved'] },
		});
		const job = finishedJob('0907');
		const answer = await workflow.post(callbackOf(job, { ResultCode: '1210' }));

		expect(answer).toMatchObject({ status: 401, started: false, body: { error: 'Unauthorized' } });
		expect(workflow.executions).toEqual([]);
		expect(workflow.warnings).toEqual([
			expect.stringContaining(
				'HTTP 401: Smile ID does not confirm it: its ResultCode is 0907, the callback says 1210',
			),
		]);
	});

	it("starts nothing for a signature copied off one of the node's own requests, on a made-up claim", async () => {
		const workflow = new TriggerWorkflow(sandboxCredentials(sandbox()));
		const job = finishedJob('1210');
		await workflow.post(callbackOf(job));
		// What the node itself sent to Smile ID: its timestamp in the log, its signature recomputed.
		const { timestamp } = jobStatusRequests()[0].body as { timestamp: string };
		const copied = { timestamp, signature: computeSignature(key(), partnerId(), timestamp) };
		const forged = { ...callbackOf(job, { ResultCode: '0907' }, copied), SmileJobID: undefined };

		expect(await workflow.post(forged)).toMatchObject({ status: 401, started: false });
		expect(workflow.executions).toHaveLength(1);
		expect(workflow.warnings[0]).toContain('Smile ID does not confirm it: its ResultCode is 1210');
	});

	it('answers 503 for a job Smile ID does not show as complete, and lets the retry of that callback through', async () => {
		const workflow = new TriggerWorkflow(sandboxCredentials(sandbox()));
		const notYet: SimulatedJob = { ...finishedJob('0907'), jobId: 'job-not-finished' };
		const callback = callbackOf(notYet);

		expect(await workflow.post(callback)).toMatchObject({
			status: 503,
			started: false,
			body: { error: 'Service Unavailable' },
		});
		expect(workflow.warnings[0]).toContain(
			'HTTP 503: Smile ID does not show job job-not-finished of user',
		);
		sandbox().addJob(partnerId(), notYet.userId, { ...notYet });
		expect((await workflow.post(callback)).started).toBe(true);
	});

	it('answers 503 and starts nothing when the job API cannot be reached, or fails', async () => {
		const unreachable = new TriggerWorkflow(
			sandboxCredentials(sandbox(), { baseUrl: 'http://127.0.0.1:1' }),
		);
		const job = finishedJob('0907');
		expect(await unreachable.post(callbackOf(job))).toMatchObject({ status: 503, started: false });
		expect(unreachable.warnings[0]).toContain("HTTP 503: Smile ID's job API gave no answer");

		const failing = new TriggerWorkflow(sandboxCredentials(sandbox()));
		sandbox().addDrill({ kind: 'status', status: 500, paths: [JOB_STATUS] });
		expect(await failing.post(callbackOf(job))).toMatchObject({ status: 503, started: false });
		expect([...unreachable.executions, ...failing.executions]).toEqual([]);
		// What the log says of a failed question holds no secret: not the key, not the signature sent.
		const logged = [...unreachable.warnings, ...failing.warnings].join('\n');
		expect(logged).not.toContain(key());
		expect(logged).not.toMatch(/[A-Za-z0-9+/]{43}=/);
	});

	it('refuses an answer not signed with the partner key, and takes one signed at the request timestamp', async () => {
		const job = finishedJob('0907');
		const result = {
			ResultCode: '0907',
			SmileJobID: job.smileJobId,
			PartnerParams: { user_id: job.userId, job_id: job.jobId, job_type: job.jobType },
		};
		let sign: (asked: { timestamp: string; signature: string }) => IDataObject = () => ({
			timestamp: new Date().toISOString(),
			signature: computeSignature('not-the-key', partnerId(), new Date().toISOString()),
		});
		const server = await startHostileServer((request, response) => {
			const asked = JSON.parse(request.body) as { timestamp: string; signature: string };
			response.setHeader('content-type', 'application/json');
			response.end(JSON.stringify({ ...sign(asked), job_complete: true, result }));
		});
		try {
			const credentials = sandboxCredentials(sandbox(), { baseUrl: server.url });
			const forgedAnswer = new TriggerWorkflow(credentials);
			expect(await forgedAnswer.post(callbackOf(job))).toMatchObject({ status: 503 });
			expect(forgedAnswer.warnings[0]).toContain('answer is not signed with this partner');

			// As Smile ID signing in the very millisecond the request was signed: the same signature.
			sign = (asked) => ({ timestamp: asked.timestamp, signature: asked.signature });
			const sameMoment = new TriggerWorkflow(credentials);
			expect((await sameMoment.post(callbackOf(job))).items[0]).toMatchObject({ confirmed: true });
			// The request's signature under another timestamp is no signature at all.
			sign = (asked) => ({ timestamp: new Date(0).toISOString(), signature: asked.signature });
			expect((await new TriggerWorkflow(credentials).post(callbackOf(job))).status).toBe(503);
		} finally {
			await server.close();
		}
	});

	it('with Confirm With Smile ID off, starts from the callback as sent, confirmed: false, asking nothing', async () => {
		const workflow = new TriggerWorkflow(sandboxCredentials(sandbox()), {
			options: { confirmWithSmileId: false },
		});
		const job = finishedJob('0907');
		const answer = await workflow.post(callbackOf(job));
		expect(answer.items[0]).toMatchObject({ resultCode: '0907', confirmed: false });
		expect(jobStatusRequests()).toEqual([]);
	});
});
