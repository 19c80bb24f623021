import type { IDataObject } from 'n8n-workflow';

import { ENROLLEE_INFO_PATH, ENROLLEE_PATH, FAKE_ID_PHOTO, WALLET_PATH } from '../../sandbox';
import { FAST_RETRIES, sandboxCredentials, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';

const sandbox = useSandbox();
const PARTNER = '085';

const run = (parameters: IDataObject, items?: IDataObject[], continueOnFail = false) =>
	runSmileIdNode({ credentials: sandboxCredentials(sandbox()), parameters, items, continueOnFail });
const paths = () =>
	sandbox()
		.requests()
		.map((request) => request.path);

describe('Enrollee > Get', () => {
	it("outputs the user's state in plain names and the job history with verdicts, without ID check data", async () => {
		const result = await run({ operation: 'get', userId: 'user-deactivated-001' });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				userId: 'user-deactivated-001',
				active: false,
				fraudulent: false,
				deleted: false,
				awaitingReenrollment: false,
				complete: true,
				pending: false,
				provisional: false,
				found: true,
				jobs: [
					{
						jobId: expect.any(String),
						createdAt: expect.any(String),
						jobType: 2,
						resultCode: '1220',
						resultText: 'Authenticated',
						verdict: 'approved',
					},
					{
						jobId: expect.any(String),
						createdAt: expect.any(String),
						jobType: 5,
						resultCode: '1012',
						resultText: 'ID Number Validated',
						verdict: 'approved',
					},
					{
						jobId: expect.any(String),
						createdAt: expect.any(String),
						jobType: 4,
						resultCode: '1210',
						resultText: 'Enroll User',
						verdict: 'approved',
					},
				],
			},
		]);
		expect(JSON.stringify(result.items)).not.toContain(FAKE_ID_PHOTO);
		expect(paths()).toEqual([ENROLLEE_INFO_PATH]);
	});

	it('says "unknown" for a result code outside the table, never a guess, and "rejected" for a spoof', async () => {
		sandbox().addEnrollee(PARTNER, 'new-user');
		sandbox().addJob(PARTNER, 'new-user', { resultCode: '0907' });
		sandbox().addJob(PARTNER, 'new-user', { resultCode: '9999' });
		const result = await run({ operation: 'get', userId: 'new-user' });
		expect(
			(result.items[0].jobs as IDataObject[]).map((job) => [job.resultCode, job.verdict]),
		).toEqual([
			['9999', 'unknown'],
			['0907', 'rejected'],
		]);
	});

	it('adds the ID check (personal data and photo) only with Include ID Check Data', async () => {
		const result = await run({
			operation: 'get',
			userId: 'user-active-001',
			options: { includeIdCheck: true },
		});
		const jobs = result.items[0].jobs as IDataObject[];
		expect(jobs.map((job) => job.idCheck === null)).toEqual([true, false, true]);
		expect(jobs[1].idCheck).toMatchObject({ id_type: 'BVN', photo: FAKE_ID_PHOTO });
	});

	it('stops on an unknown user with Smile ID code 2210, or outputs {userId, found: false} with the option', async () => {
		const stopped = await run({ operation: 'get', userId: 'nobody-here' });
		expect(stopped.error).toMatchObject({
			message: 'No enrolled user with this User ID (Smile ID code 2210)',
			smileIdCode: '2210',
		});

		const continued = await run(
			{ operation: 'get', userId: '={{ $json.id }}', options: { notFoundOutputsItem: true } },
			[{ id: 'nobody-here' }, { id: 'user-active-001' }],
		);
		expect(continued.error).toBeUndefined();
		expect(continued.items[0]).toEqual({ userId: 'nobody-here', found: false });
		expect(continued.items[1]).toMatchObject({
			userId: 'user-active-001',
			found: true,
			active: true,
		});
		expect(continued.pairedWith).toEqual([0, 1]);
	});
});

describe('Account > Get Wallet Balance', () => {
	it('asks Smile ID once per run, however many items come in, and pairs the item with all of them', async () => {
		const result = await run({ resource: 'account', operation: 'getWalletBalance' }, [{}, {}, {}]);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ walletBalance: 500, currency: 'USD', currentAsOf: expect.any(String) },
		]);
		expect(result.run.data.resultData.runData['Smile ID'][0].data?.main[0]?.[0].pairedItem).toEqual(
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
		expect(paths()).toEqual([WALLET_PATH]);
	});

	it('asks once per currency when the currency is an expression that differs per item', async () => {
		const result = await run(
			{ resource: 'account', operation: 'getWalletBalance', currency: '={{ $json.currency }}' },
			[{ currency: 'KES' }, { currency: 'usd' }, { currency: 'KES' }],
		);
		expect(result.items.map(({ walletBalance, currency }) => [currency, walletBalance])).toEqual([
			['KES', 64500],
			['USD', 500],
		]);
		expect(
			sandbox()
				.requests()
				.map((request) => (request.body as IDataObject).currency),
		).toEqual(['KES', 'USD']);
	});
});

// [operation, a state where the change is already in place, a state where it is not]
const WRITES: Array<[string, IDataObject, IDataObject]> = [
	['allowReenrollment', { awaitingReenrollment: true }, {}],
	['unflagFraud', {}, { fraudulent: true }],
	['deactivate', { active: false }, {}],
	['delete', { deleted: true }, {}],
	['flagFraud', { fraudulent: true }, {}],
	['reactivate', {}, { active: false }],
];

describe.each(WRITES)('%s', (operation, inPlace, notInPlace) => {
	const deleted = operation === 'delete' ? { deleted: true } : {};

	it('Skip If Already Done: one read and no write when done, one read and one write when not', async () => {
		sandbox().addEnrollee(PARTNER, 'done', inPlace);
		sandbox().addEnrollee(PARTNER, 'to-do', notInPlace);
		const result = await run(
			{ operation, userId: '={{ $json.id }}', options: { skipIfDone: true } },
			[{ id: 'done' }, { id: 'to-do' }],
		);

		expect(result.error).toBeUndefined();
		expect(result.items[0]).toEqual({
			userId: 'done',
			operation,
			success: true,
			...deleted,
			changed: false,
		});
		expect(result.items[1]).toMatchObject({
			userId: 'to-do',
			operation,
			success: true,
			...deleted,
			changed: true,
		});
		const byUser = (id: string) =>
			sandbox()
				.requests()
				.filter((r) => (r.body as IDataObject).user_id === id)
				.map((r) => r.path);
		expect(byUser('done')).toEqual([ENROLLEE_INFO_PATH]);
		expect(byUser('to-do')).toEqual([ENROLLEE_INFO_PATH, ENROLLEE_PATH]);
		expect(sandbox().enrollee(PARTNER, 'to-do')).toMatchObject(inPlace);
	});

	it('Preview Only: reads, sends no write, and says whether the user would change', async () => {
		sandbox().addEnrollee(PARTNER, 'done', inPlace);
		sandbox().addEnrollee(PARTNER, 'to-do', notInPlace);
		const result = await run({ operation, userId: '={{ $json.id }}', options: { dryRun: true } }, [
			{ id: 'done' },
			{ id: 'to-do' },
		]);

		expect(result.items).toEqual([
			{
				userId: 'done',
				operation,
				dryRun: true,
				wouldChange: false,
				before: expect.objectContaining({ userId: 'done', ...inPlace }),
			},
			{
				userId: 'to-do',
				operation,
				dryRun: true,
				wouldChange: true,
				before: expect.objectContaining({ userId: 'to-do', ...notInPlace }),
			},
		]);
		expect(paths()).toEqual([ENROLLEE_INFO_PATH, ENROLLEE_INFO_PATH]);
		expect(sandbox().enrollee(PARTNER, 'to-do')?.history).toEqual([]);
		expect(result.run.data.resultData.runData['Smile ID'][0].hints).toEqual([
			expect.objectContaining({
				message:
					'Preview only (Dry Run): nothing was changed in Smile ID. 1 of 2 users would change.',
			}),
		]);
	});
});

it('a preview of an unknown user is an error item like any other', async () => {
	const result = await run(
		{ operation: 'delete', userId: '={{ $json.id }}', options: { dryRun: true, ...FAST_RETRIES } },
		[{ id: 'nobody-here' }, { id: 'user-active-001' }],
		true,
	);
	expect(result.items[0]).toEqual({
		error: expect.objectContaining({
			message: 'No enrolled user with this User ID (Smile ID code 2210)',
			userId: 'nobody-here',
			operation: 'delete',
			smileIdCode: '2210',
		}),
	});
	expect(result.items[1]).toMatchObject({ dryRun: true, wouldChange: true });
	expect(paths()).toEqual([ENROLLEE_INFO_PATH, ENROLLEE_INFO_PATH]);
});

it('a preview counts every item and names the ones that could not be read', async () => {
	sandbox().addEnrollee(PARTNER, 'preview-1', {});
	sandbox().addEnrollee(PARTNER, 'preview-2', {});
	sandbox().addEnrollee(PARTNER, 'preview-3', {});
	sandbox().addEnrollee(PARTNER, 'preview-gone', { deleted: true });
	const result = await run(
		{ operation: 'delete', userId: '={{ $json.id }}', options: { dryRun: true, ...FAST_RETRIES } },
		['preview-1', 'nobody-here', 'preview-2', 'preview-gone', 'preview-3'].map((id) => ({ id })),
		true,
	);

	expect(result.items.map((item) => item.wouldChange ?? 'error')).toEqual([
		true,
		'error',
		true,
		false,
		true,
	]);
	expect(result.run.data.resultData.runData['Smile ID'][0].hints).toEqual([
		expect.objectContaining({
			message:
				'Preview only (Dry Run): nothing was changed in Smile ID. 3 of 5 users would change; 1 could not be read: see the error items.',
		}),
	]);
	expect(paths()).not.toContain(ENROLLEE_PATH);
});

it('does not call an answer without a balance a balance', async () => {
	sandbox().addDrill({ kind: 'malformedJson', paths: [WALLET_PATH] });
	const result = await run({ resource: 'account', operation: 'getWalletBalance' });
	expect(result.error?.message).toBe('Not a Smile ID answer: text that is not JSON (HTTP 200)');
});

it('refuses a currency that is not a three-letter code before sending anything', async () => {
	const result = await run({
		resource: 'account',
		operation: 'getWalletBalance',
		currency: 'dollars',
	});
	expect(result.error?.message).toBe('"DOLLARS" is not a currency code');
	expect(paths()).toEqual([]);
});
