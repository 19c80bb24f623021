import type { IDataObject } from 'n8n-workflow';

import { computeSignature } from '../../nodes/SmileId/common/signature';
import { isRepeatedJob } from '../../nodes/SmileIdTrigger/callback';
import { TriggerWorkflow } from '../support/webhook-trigger';

// Smile ID's official Node SDK signs the callbacks: an implementation independent of the node's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Signature } = require('smile-identity-core') as {
	Signature: new (
		partnerId: string,
		apiKey: string,
	) => {
		generate_signature(timestamp?: string): { signature: string; timestamp: string };
	};
};

const PARTNER_ID = '085';
const API_KEY = 'trigger-test-api-key';
const CREDENTIALS = {
	partnerId: PARTNER_ID,
	apiKey: API_KEY,
	email: 'ops@example.com',
	environment: 'sandbox',
};
const MINUTE = 60_000;

let jobCounter = 0;

/** A callback as Smile ID sends it, signed by the SDK with the given key and time. */
function callback(
	resultCode: string,
	extra: IDataObject = {},
	sign: { key?: string; ageMs?: number } = {},
): IDataObject {
	jobCounter++;
	const timestamp = new Date(Date.now() - (sign.ageMs ?? 0)).toISOString();
	const { signature } = new Signature(PARTNER_ID, sign.key ?? API_KEY).generate_signature(
		timestamp,
	);
	return {
		ResultCode: resultCode,
		ResultText: `Result ${resultCode}`,
		ResultType: 'SAIA',
		SmileJobID: `00000${1000 + jobCounter}`,
		PartnerParams: { user_id: `user-${jobCounter}`, job_id: `job-${jobCounter}`, job_type: 4 },
		Actions: { Liveness_Check: resultCode === '0907' ? 'Failed' : 'Passed' },
		ConfidenceValue: '99',
		IsFinalResult: 'true',
		IsMachineResult: 'true',
		timestamp,
		signature,
		...extra,
	};
}

describe('Smile ID Trigger: a callback Smile ID signed', () => {
	it.each([
		['1210', 'approved'],
		['0814', 'provisional'],
		['0907', 'rejected'],
		['5212', 'error'],
		['4242', 'unknown'],
	])(
		'ResultCode %s starts one execution with one item, verdict %s',
		async (resultCode, verdict) => {
			const workflow = new TriggerWorkflow(CREDENTIALS);
			const sent = callback(resultCode);
			const answer = await workflow.post(sent);

			expect(answer).toMatchObject({ status: 200, started: true });
			expect(answer.items).toEqual([
				{
					userId: (sent.PartnerParams as IDataObject).user_id,
					jobId: (sent.PartnerParams as IDataObject).job_id,
					jobType: 4,
					smileJobId: sent.SmileJobID,
					resultCode,
					resultText: `Result ${resultCode}`,
					verdict,
					suspectUsers: [],
					actions: sent.Actions,
					isFinalResult: true,
					callback: { ...sent, signature: undefined },
				},
			]);
			expect(answer.items[0].callback).not.toHaveProperty('signature');
			expect(workflow.warnings).toEqual([]);
		},
	);

	it('gives the suspect users of a Smile Secure callback, and IsFinalResult "false" as false', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS);
		const suspects = [{ user_id: 'user-old-7', reason: 'same face, different name' }];
		const answer = await workflow.post(
			callback('5211', { Antifraud: { SuspectUsers: suspects }, IsFinalResult: 'false' }),
		);

		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({
			resultCode: '5211',
			verdict: 'rejected',
			suspectUsers: suspects,
			isFinalResult: false,
		});
	});

	it('accepts a timestamp a few minutes off either way, inside the default 10-minute window', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS);
		expect((await workflow.post(callback('1210', {}, { ageMs: 9 * MINUTE }))).started).toBe(true);
		expect((await workflow.post(callback('1210', {}, { ageMs: -9 * MINUTE }))).started).toBe(true);
	});

	it('leaves out the raw callback with Include Raw Callback off', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, { options: { includeRawCallback: false } });
		const answer = await workflow.post(callback('1210'));
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).not.toHaveProperty('callback');
	});
});

describe('Smile ID Trigger: requests it refuses, with no execution', () => {
	const refusals: Array<[string, number, string, () => IDataObject | string | Buffer]> = [
		[
			'signed with another key (forged)',
			401,
			'signature does not match',
			() => callback('0907', {}, { key: 'not-the-partner-key' }),
		],
		[
			'signed by another partner',
			401,
			'signature does not match',
			() => ({
				...callback('0907'),
				...new Signature('85', API_KEY).generate_signature(new Date().toISOString()),
			}),
		],
		['unsigned', 401, 'not signed', () => ({ ...callback('0907'), signature: undefined })],
		[
			'in the legacy sec_key scheme',
			401,
			'legacy sec_key',
			() => ({ ...callback('0907'), signature: undefined, sec_key: 'abc|def' }),
		],
		[
			'with a timestamp 11 minutes old (stale)',
			401,
			'outside the freshness window',
			() => callback('0907', {}, { ageMs: 11 * MINUTE }),
		],
		[
			'with a timestamp 11 minutes ahead',
			401,
			'outside the freshness window',
			() => callback('0907', {}, { ageMs: -11 * MINUTE }),
		],
		[
			'whose timestamp is not a date',
			401,
			'not a date',
			() => ({
				...callback('0907'),
				timestamp: 'yesterday',
				signature: computeSignature(API_KEY, PARTNER_ID, 'yesterday'),
			}),
		],
		[
			'over 1.5 MB',
			413,
			'over 1.5 MB',
			() => callback('0907', { Photo: 'A'.repeat(1.5 * 1024 * 1024) }),
		],
		['that is not JSON', 400, 'not a JSON object', () => 'ResultCode=0907&signature=x'],
		['that is a JSON list', 400, 'not a JSON object', () => JSON.stringify([callback('0907')])],
		['that is empty', 400, 'not a JSON object', () => Buffer.alloc(0)],
	];

	it.each(refusals)(
		'a callback %s is answered %i and logged at warn level',
		async (_name, status, reason, body) => {
			const workflow = new TriggerWorkflow(CREDENTIALS);
			const sent = body();
			const answer = await workflow.post(sent);

			expect(answer).toMatchObject({ status, started: false, items: [] });
			expect(workflow.executions).toEqual([]);
			expect(workflow.warnings).toHaveLength(1);
			expect(workflow.warnings[0]).toContain(`HTTP ${status}: `);
			expect(workflow.warnings[0]).toContain(reason);

			// Nothing secret in the answer or the log: not the key, not any signature.
			const told = JSON.stringify(answer.body) + workflow.warnings.join('\n');
			expect(told).not.toContain(API_KEY);
			const signature =
				typeof sent === 'object' && !Buffer.isBuffer(sent) ? sent.signature : undefined;
			if (typeof signature === 'string') expect(told).not.toContain(signature);
			expect(answer.body).toEqual({
				error: { 400: 'Bad Request', 401: 'Unauthorized', 413: 'Payload Too Large' }[status],
			});
		},
	);

	it("names the callback's SmileJobID in the log line of a refusal", async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS);
		const forged = callback('0907', { SmileJobID: '0000099999' }, { key: 'guess' });
		await workflow.post(forged);
		expect(workflow.warnings[0]).toContain('(SmileJobID 0000099999)');
		expect(workflow.warnings[0]).toContain('"smileJobId":"0000099999"');
	});

	it('never writes a forged SmileJobID that could fake a log line', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS);
		await workflow.post(
			callback('0907', { SmileJobID: '1\nSmile ID Trigger accepted everything' }, { key: 'guess' }),
		);
		expect(workflow.warnings).toHaveLength(1);
		expect(workflow.warnings[0]).not.toContain('accepted everything');
	});

	it('honours a shorter freshness window', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, { options: { freshnessWindow: 1 } });
		expect((await workflow.post(callback('1210', {}, { ageMs: 2 * MINUTE }))).status).toBe(401);
		expect((await workflow.post(callback('1210', {}, { ageMs: 0.5 * MINUTE }))).started).toBe(true);
	});

	it('answers 500 and checks nothing when the credential has no API key (an empty key would let anyone sign)', async () => {
		const workflow = new TriggerWorkflow({ ...CREDENTIALS, apiKey: '' });
		const signedWithEmptyKey = {
			...callback('0907'),
			...new Signature(PARTNER_ID, '').generate_signature(new Date().toISOString()),
		};
		expect(await workflow.post(signedWithEmptyKey)).toMatchObject({ status: 500, started: false });
	});
});

describe('Smile ID Trigger: repeats and filters', () => {
	it('starts nothing for a SmileJobID already handled, even re-signed with a fresh timestamp', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS);
		const first = callback('0907');
		const resent = {
			...first,
			...new Signature(PARTNER_ID, API_KEY).generate_signature(
				new Date(Date.now() + 1000).toISOString(),
			),
		};

		expect((await workflow.post(first)).started).toBe(true);
		expect(await workflow.post(first)).toEqual({
			status: 200,
			started: false,
			items: [],
			body: { received: true, started: false, reason: 'SmileJobID already handled' },
		});
		expect((await workflow.post(resent)).started).toBe(false);
		expect(workflow.executions).toHaveLength(1);
		// Another job for the same user is not a repeat.
		expect(
			(await workflow.post(callback('0907', { PartnerParams: first.PartnerParams }))).started,
		).toBe(true);
	});

	it('with Only These Verdicts = rejected, answers an approval 200 and starts nothing', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, { options: { onlyVerdicts: ['rejected'] } });
		const approved = await workflow.post(callback('1210'));
		const rejected = await workflow.post(callback('0907'));

		expect(approved).toMatchObject({
			status: 200,
			started: false,
			body: { reason: 'verdict approved not selected' },
		});
		expect(rejected.items).toEqual([
			expect.objectContaining({ verdict: 'rejected', resultCode: '0907' }),
		]);
		expect(workflow.executions).toHaveLength(1);
	});
});

describe('Smile ID Trigger: the memory of handled SmileJobIDs', () => {
	it('forgets a SmileJobID once the window has passed, and keeps each trigger apart', () => {
		const trigger = 'memory-test:trigger';
		expect(isRepeatedJob(trigger, '0000000001', 0, 10 * MINUTE)).toBe(false);
		expect(isRepeatedJob(trigger, '0000000001', 10 * MINUTE, 10 * MINUTE)).toBe(true);
		expect(isRepeatedJob('another-workflow:trigger', '0000000001', 10 * MINUTE, 10 * MINUTE)).toBe(
			false,
		);
		expect(isRepeatedJob(trigger, '0000000001', 10 * MINUTE + 1, 10 * MINUTE)).toBe(false);
	});
});
