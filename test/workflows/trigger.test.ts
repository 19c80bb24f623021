import type { IDataObject } from 'n8n-workflow';

import { computeSignature } from '../../nodes/SmileId/common/signature';
import { ExpiringKeys } from '../../nodes/SmileIdTrigger/memory';
import { endMinute, LINES_PER_MINUTE, logRefusal } from '../../nodes/SmileIdTrigger/refusalLog';
import { TriggerWorkflow } from '../support/webhook-trigger';

// Smile ID's official Node SDK signs the callbacks: an implementation independent of the node's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Signature } = require('smile-identity-core') as {
	Signature: new (
		partnerId: string,
		apiKey: string,
	) => {
		generate_signature(timestamp?: string | number): { signature: string; timestamp: string };
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
/**
 * These tests are about the callback itself, without asking Smile ID: Confirm With Smile ID is off
 * (trigger-confirm.test.ts asks the local sandbox).
 */
const UNCONFIRMED = { options: { confirmWithSmileId: false } };

let jobCounter = 0;
const signedMilliseconds = new Set<number>();

/** A callback as Smile ID sends it, signed by the SDK with the given key and time. */
function callback(
	resultCode: string,
	extra: IDataObject = {},
	sign: { key?: string; ageMs?: number } = {},
): IDataObject {
	jobCounter++;
	// Each callback signed at its own millisecond: two signed in the same one share a signature.
	let signedAt = Date.now() - (sign.ageMs ?? 0);
	while (signedMilliseconds.has(signedAt)) signedAt--;
	signedMilliseconds.add(signedAt);
	const timestamp = new Date(signedAt).toISOString();
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
			const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
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
					confirmed: false,
					callback: { ...sent, signature: undefined },
				},
			]);
			expect(answer.items[0].callback).not.toHaveProperty('signature');
			expect(workflow.warnings).toEqual([]);
		},
	);

	it('gives the suspect users of a Smile Secure callback, and IsFinalResult "false" as false', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
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
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		expect((await workflow.post(callback('1210', {}, { ageMs: 9 * MINUTE }))).started).toBe(true);
		expect((await workflow.post(callback('1210', {}, { ageMs: -9 * MINUTE }))).started).toBe(true);
	});

	it('leaves out the raw callback with Include Raw Callback off', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, {
			options: { ...UNCONFIRMED.options, includeRawCallback: false },
		});
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
				...new Signature('185', API_KEY).generate_signature(new Date().toISOString()),
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
			const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
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
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const forged = callback('0907', { SmileJobID: '0000099999' }, { key: 'guess' });
		await workflow.post(forged);
		expect(workflow.warnings[0]).toContain('(SmileJobID 0000099999)');
		expect(workflow.warnings[0]).toContain('"smileJobId":"0000099999"');
	});

	it('never writes a forged SmileJobID that could fake a log line', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		await workflow.post(
			callback('0907', { SmileJobID: '1\nSmile ID Trigger accepted everything' }, { key: 'guess' }),
		);
		expect(workflow.warnings).toHaveLength(1);
		expect(workflow.warnings[0]).not.toContain('accepted everything');
	});

	it('honours a shorter freshness window', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, {
			options: { ...UNCONFIRMED.options, freshnessWindow: 1 },
		});
		expect((await workflow.post(callback('1210', {}, { ageMs: 2 * MINUTE }))).status).toBe(401);
		expect((await workflow.post(callback('1210', {}, { ageMs: 0.5 * MINUTE }))).started).toBe(true);
	});

	it('answers 500 and checks nothing when the credential has no API key (an empty key would let anyone sign)', async () => {
		const workflow = new TriggerWorkflow({ ...CREDENTIALS, apiKey: '' }, UNCONFIRMED);
		const signedWithEmptyKey = {
			...callback('0907'),
			...new Signature(PARTNER_ID, '').generate_signature(new Date().toISOString()),
		};
		expect(await workflow.post(signedWithEmptyKey)).toMatchObject({ status: 500, started: false });
	});
});

describe('Smile ID Trigger: repeats and filters', () => {
	it('starts nothing for a SmileJobID already handled, even re-signed with a fresh timestamp', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
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
			body: { received: true, started: false, reason: 'callback already handled' },
		});
		expect(await workflow.post(resent)).toEqual({
			status: 200,
			started: false,
			items: [],
			body: { received: true, started: false, reason: 'SmileJobID already handled' },
		});
		expect(workflow.executions).toHaveLength(1);
		// Another job for the same user is not a repeat.
		expect(
			(await workflow.post(callback('0907', { PartnerParams: first.PartnerParams }))).started,
		).toBe(true);
	});

	it('with Only These Verdicts = rejected, answers an approval 200 and starts nothing', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, {
			options: { ...UNCONFIRMED.options, onlyVerdicts: ['rejected'] },
		});
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

describe('Smile ID Trigger: the memory of handled callbacks', () => {
	it('forgets a key once its time has passed, oldest first, and keeps each memory apart', () => {
		const jobs = new ExpiringKeys<true>();
		jobs.add('0000000001', true, 0, 10 * MINUTE);
		jobs.add('0000000002', true, 5 * MINUTE, 10 * MINUTE);
		expect(jobs.get('0000000001', 10 * MINUTE - 1)).toBe(true);
		expect(new ExpiringKeys<true>().get('0000000001', 0)).toBeUndefined();
		expect(jobs.get('0000000001', 10 * MINUTE)).toBeUndefined();
		expect(jobs.size).toBe(1);
		expect(jobs.get('0000000002', 15 * MINUTE - 1)).toBe(true);
		expect(jobs.get('0000000002', 15 * MINUTE)).toBeUndefined();
		expect(jobs.size).toBe(0);
	});

	it('holds one window of keys however many it has seen: pruning keeps it to the live ones', () => {
		const signatures = new ExpiringKeys<string>();
		for (let second = 0; second < 3_600; second++) {
			signatures.add(`signature-${second}`, 'body', second * 1000, 10 * MINUTE);
		}
		expect(signatures.size).toBe(600);
		expect(signatures.get('signature-2999', 3_599_000)).toBeUndefined();
		expect(signatures.get('signature-3000', 3_599_000)).toBe('body');
	});
});

/** The same callback's claims, bent, under the signature and timestamp of a callback Smile ID signed. */
function replayed(genuine: IDataObject, claims: IDataObject): IDataObject {
	return { ...genuine, ...claims, timestamp: genuine.timestamp, signature: genuine.signature };
}

describe('Smile ID Trigger: one use per signature (it covers the timestamp, not the body)', () => {
	it('refuses a genuine signature replayed on another body: another SmileJobID, a flipped ResultCode', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const genuine = callback('0907');
		expect((await workflow.post(genuine)).started).toBe(true);

		const flipped = await workflow.post(
			replayed(genuine, { SmileJobID: '0000077777', ResultCode: '1210' }),
		);
		expect(flipped).toMatchObject({ status: 401, started: false, body: { error: 'Unauthorized' } });
		expect(workflow.executions).toHaveLength(1);
		expect(workflow.warnings).toEqual([
			expect.stringContaining(
				'HTTP 401: signature already used with another body (SmileJobID 0000077777)',
			),
		]);
	});

	it('refuses an approval filtered out by Only These Verdicts replayed as a rejection', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, {
			options: { ...UNCONFIRMED.options, onlyVerdicts: ['rejected'] },
		});
		const approval = callback('1210');
		expect((await workflow.post(approval)).body).toMatchObject({ started: false });
		const asRejection = await workflow.post(replayed(approval, { ResultCode: '0907' }));
		expect(asRejection).toMatchObject({ status: 401, started: false });
		expect(workflow.executions).toEqual([]);
	});

	it('covers callbacks without a SmileJobID: one use each, however often replayed', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const genuine = { ...callback('0907'), SmileJobID: undefined };
		expect((await workflow.post(genuine)).started).toBe(true);
		expect((await workflow.post({ ...genuine, ResultText: 'again' })).status).toBe(401);
		// Another callback without a SmileJobID, signed at another moment, is not a repeat.
		expect((await workflow.post({ ...callback('0907'), SmileJobID: '  ' })).started).toBe(true);
		expect(workflow.executions).toHaveLength(2);
	});

	it('treats a SmileJobID with surrounding spaces as the same job', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const genuine = callback('0907');
		expect((await workflow.post(genuine)).started).toBe(true);
		const spaced = { ...callback('0907'), SmileJobID: ` ${String(genuine.SmileJobID)} ` };
		expect(await workflow.post(spaced)).toMatchObject({
			status: 200,
			started: false,
			body: { reason: 'SmileJobID already handled' },
		});
		expect(workflow.executions).toHaveLength(1);
	});

	it('refuses a numeric SmileJobID (Smile ID writes them as strings with leading zeros)', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const answer = await workflow.post({ ...callback('0907'), SmileJobID: 1001 });
		expect(answer).toMatchObject({ status: 400, started: false, body: { error: 'Bad Request' } });
		expect(workflow.warnings[0]).toContain('HTTP 400: SmileJobID is not a string');
	});

	it('answers an exact re-send 200, starting nothing, so a sender that retries stops', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const genuine = { ...callback('0907'), SmileJobID: undefined };
		expect((await workflow.post(genuine)).started).toBe(true);
		expect(await workflow.post(genuine)).toMatchObject({
			status: 200,
			started: false,
			body: { received: true, started: false, reason: 'callback already handled' },
		});
		expect(workflow.warnings).toEqual([]);
	});
});

describe('Smile ID Trigger: a Freshness Window it can use, or none', () => {
	const FOUR_HUNDRED_DAYS = 400 * 24 * 60 * MINUTE;

	it.each([
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['0', 0],
		['61', 61],
		['-5', -5],
		['"soon"', 'soon'],
	])(
		'with a window of %s, refuses every callback with 500 and an error line, a 400-day-old one too',
		async (shown, freshnessWindow) => {
			const workflow = new TriggerWorkflow(CREDENTIALS, {
				options: { ...UNCONFIRMED.options, freshnessWindow },
			});
			const ancient = await workflow.post(callback('0907', {}, { ageMs: FOUR_HUNDRED_DAYS }));
			const fresh = await workflow.post(callback('0907'));

			for (const answer of [ancient, fresh]) {
				expect(answer).toMatchObject({
					status: 500,
					started: false,
					body: { error: 'Internal Server Error' },
				});
			}
			expect(workflow.executions).toEqual([]);
			expect(workflow.errors[0]).toContain(
				`Smile ID Trigger cannot check callbacks: its Freshness Window is ${shown}: set a number of minutes from 1 to 60`,
			);
		},
	);

	it('takes 60 minutes, and refuses a 400-day-old callback with the default window', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, {
			options: { ...UNCONFIRMED.options, freshnessWindow: 60 },
		});
		expect((await workflow.post(callback('0907', {}, { ageMs: 59 * MINUTE }))).started).toBe(true);
		const byDefault = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const ancient = await byDefault.post(callback('0907', {}, { ageMs: FOUR_HUNDRED_DAYS }));
		expect(ancient).toMatchObject({ status: 401, started: false });
	});
});

describe('Smile ID Trigger: what Smile ID may send', () => {
	it('accepts a numeric timestamp (Unix milliseconds, signed as its ISO form, as Smile ID SDK does)', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const signedAt = Date.now() - 5;
		const { signature } = new Signature(PARTNER_ID, API_KEY).generate_signature(signedAt);
		const answer = await workflow.post({ ...callback('0907'), timestamp: signedAt, signature });
		expect(answer.started).toBe(true);
		const stale = Date.now() - 11 * MINUTE;
		const old = new Signature(PARTNER_ID, API_KEY).generate_signature(stale);
		expect((await workflow.post({ ...callback('0907'), ...old })).status).toBe(401);
	});

	it('accepts the partner ID with or without its leading zeros ("085" or "85")', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const unpadded = new Signature('85', API_KEY).generate_signature(
			new Date(Date.now() - 3).toISOString(),
		);
		expect((await workflow.post({ ...callback('0907'), ...unpadded })).started).toBe(true);
	});

	it('answers an accepted callback with a small JSON body', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		expect(await workflow.post(callback('0907'))).toMatchObject({
			status: 200,
			started: true,
			body: { received: true, started: true },
		});
	});
});

describe('Smile ID Trigger: personal data stays out of the item unless asked for', () => {
	const personal = {
		Country: 'NG',
		IDType: 'BVN',
		IDNumber: '12345678901',
		FullName: 'SOME PERSON',
		DOB: '1996-01-02',
		Gender: 'Male',
		PhoneNumber: '+2348000000000',
		Address: '1 Some Street, Lagos',
		Photo: 'base64-jpeg',
		ExpirationDate: '2030-01-01',
		FullData: { firstName: 'SOME', lastName: 'PERSON' },
		ImageLinks: { selfie_image: 'https://images.example.invalid/selfie.jpg' },
	};

	it('leaves names, ID number, DOB, photo, images and addresses out of "callback" by default', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		const answer = await workflow.post(callback('1012', personal));
		expect(answer.items[0].callback).toMatchObject({ Country: 'NG', IDType: 'BVN' });
		const stored = JSON.stringify(answer.items);
		for (const value of ['12345678901', 'SOME PERSON', '1996-01-02', 'base64-jpeg', 'Lagos']) {
			expect(stored).not.toContain(value);
		}
		for (const key of ['IDNumber', 'FullName', 'DOB', 'Photo', 'FullData', 'ImageLinks']) {
			expect(answer.items[0].callback).not.toHaveProperty(key);
		}
	});

	it('keeps them with Include Personal Data on', async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, {
			options: { ...UNCONFIRMED.options, includePersonalData: true },
		});
		const answer = await workflow.post(callback('1012', personal));
		expect(answer.items[0].callback).toMatchObject(personal);
	});
});

describe('Smile ID Trigger: a flood of refusals does not flood the log', () => {
	it(`logs the first ${LINES_PER_MINUTE} refusals of a minute, then counts the rest`, async () => {
		const workflow = new TriggerWorkflow(CREDENTIALS, UNCONFIRMED);
		for (let i = 0; i < 25; i++) await workflow.post(callback('0907', {}, { key: 'forged' }));
		expect(workflow.warnings).toHaveLength(LINES_PER_MINUTE);
		expect(workflow.executions).toEqual([]);
	});

	it('writes one line with the count once the minute is over', () => {
		const lines: string[] = [];
		const write = (line: string, meta: Record<string, unknown>) =>
			lines.push(`${line} ${JSON.stringify(meta)}`);
		for (let i = 0; i < 10_000; i++) logRefusal('flood:trigger', write, `refusal ${i}`, {}, i);
		expect(lines).toHaveLength(LINES_PER_MINUTE);
		logRefusal('flood:trigger', write, 'the next minute', {}, 60_000);
		expect(lines.slice(LINES_PER_MINUTE)).toEqual([
			expect.stringContaining(
				`refused ${10_000 - LINES_PER_MINUTE} more callbacks in the minute from 1970-01-01T00:00:00.000Z`,
			),
			'the next minute {}',
		]);
		endMinute('flood:trigger', Number.POSITIVE_INFINITY);
		expect(lines).toHaveLength(LINES_PER_MINUTE + 2);
	});
});
