import { Signature } from 'smile-identity-core';

import { VERIFICATION_PATHS } from '../../../sandbox';
import { useCallbackReceiver } from '../../support/callback-receiver';
import { useSandbox } from '../../support/fixtures';
import { OTHER_PARTNER, PARTNER, get, post, signed } from '../../support/sandbox-requests';

type Json = Record<string, unknown>;

const confirmed = (body: Json) =>
	new Signature(PARTNER.partnerId, PARTNER.keys.test).confirm_signature(
		body.timestamp as string,
		body.signature as string,
	);

/** The signed fields as Smile ID's SDKs send them to the job API: no `environment`. */
function v1Signed(partner = PARTNER, timestamp?: string): Json {
	const { environment: _environment, ...rest } = signed(partner, 'test', timestamp);
	void _environment;
	return { ...rest, source_sdk: 'rest_api', source_sdk_version: '0.1.0' };
}

const kycBody = (idInfo: Json, jobId = 'kyc-job-1'): Json => ({
	...v1Signed(),
	country: 'NG',
	id_type: 'BVN',
	id_number: '00000000000',
	partner_params: { user_id: 'crm-customer-1', job_id: jobId, job_type: 5 },
	...idInfo,
});

const kybBody = (idInfo: Json, jobId = 'kyb-job-1'): Json => ({
	...v1Signed(),
	country: 'NG',
	id_type: 'BUSINESS_REGISTRATION',
	id_number: 'RC0000009',
	business_type: 'co',
	partner_params: { user_id: 'crm-company-1', job_id: jobId, job_type: 7 },
	...idInfo,
});

const amlBody = (fields: Json, jobId = 'aml-job-1'): Json => ({
	...v1Signed(),
	user_id: 'crm-customer-1',
	job_id: jobId,
	full_name: 'Sandbox Listed Person',
	countries: ['NG'],
	birth_year: '1970',
	search_existing_user: false,
	...fields,
});

describe('sandbox: the checks without a camera', () => {
	const sandbox = useSandbox();
	const receiver = useCallbackReceiver();
	const call = (path: string, body: Json) => post(sandbox().url, path, body);
	const jobStatus = (userId: string, jobId: string, timestamp?: string) =>
		call('/v1/job_status', { ...v1Signed(PARTNER, timestamp), user_id: userId, job_id: jobId });

	it('Enhanced KYC finds a test person: the documented answer, signed, billed once, served by job_status', async () => {
		const reply = await call(VERIFICATION_PATHS.idVerification, kycBody({}));
		expect(reply.status).toBe(200);
		const answer = reply.json as Json;
		expect(answer).toMatchObject({
			ResultCode: '1012',
			ResultText: 'ID Number Validated',
			ResultType: 'ID Verification',
			IsFinalResult: 'true',
			Actions: { Verify_ID_Number: 'Verified', Return_Personal_Info: 'Returned' },
			PartnerParams: { user_id: 'crm-customer-1', job_id: 'kyc-job-1', job_type: 5 },
			Country: 'NG',
			IDType: 'BVN',
			IDNumber: '00000000000',
			FullName: 'Adaeze Testperson',
			DOB: '1990-01-01',
		});
		expect(typeof answer.Photo).toBe('string');
		expect(answer.SmileJobID).toMatch(/^\d{10}$/);
		expect(confirmed(answer)).toBe(true);
		expect(sandbox().submissions()).toEqual([
			expect.objectContaining({ partnerId: '085', jobId: 'kyc-job-1', resultCode: '1012' }),
		]);

		const status = (await jobStatus('crm-customer-1', 'kyc-job-1')).json as Json;
		expect(confirmed(status)).toBe(true);
		expect(status).toMatchObject({
			job_complete: true,
			job_success: true,
			result: { ResultCode: '1012', SmileJobID: answer.SmileJobID, FullName: answer.FullName },
		});
	});

	it('Enhanced KYC: not found (1013) and names that differ from the record (1022)', async () => {
		const notFound = await call(
			VERIFICATION_PATHS.idVerification,
			kycBody({ id_number: '99999999999' }),
		);
		expect(notFound.json).toMatchObject({
			ResultCode: '1013',
			Actions: { Verify_ID_Number: 'Not Verified' },
		});
		expect(notFound.json).not.toHaveProperty('FullName');
		const noMatch = await call(
			VERIFICATION_PATHS.idVerification,
			kycBody({ first_name: 'Someone', last_name: 'Else' }, 'kyc-job-2'),
		);
		expect(noMatch.json).toMatchObject({ ResultCode: '1022', ResultText: 'No Match' });
		const matching = await call(
			VERIFICATION_PATHS.idVerification,
			kycBody({ first_name: 'adaeze', last_name: ' Testperson ', dob: '1990-01-01' }, 'kyc-job-3'),
		);
		expect(matching.json).toMatchObject({ ResultCode: '1012' });
		expect(
			sandbox()
				.submissions()
				.map((s) => s.resultCode),
		).toEqual(['1013', '1022', '1012']);
	});

	it('refuses bodies Smile ID would refuse, and bills none of them', async () => {
		const refusals: Array<[Json, string]> = [
			[{ partner_params: undefined }, '2213'],
			[{ partner_params: { user_id: 'u', job_id: 'j', job_type: 1 } }, '2204'],
			[{ partner_params: { user_id: 'u', job_type: 5 } }, '2213'],
			[{ id_number: 12345678901 }, '2204'],
			[{ id_number: '' }, '2213'],
			[{ dob: '01/01/1990' }, '2204'],
			[{ id_number: '123' }, '2204'],
			[{ country: 'ZZ' }, '2204'],
			[{ id_type: 'BANK_ACCOUNT', id_number: '0000000000' }, '2213'],
			[{ signature: 'Zm9yZ2Vk' }, '2205'],
			[{ environment: 'production' }, '2205'],
		];
		for (const [change, code] of refusals) {
			const reply = await call(VERIFICATION_PATHS.idVerification, kycBody(change));
			expect([reply.status, reply.json]).toEqual([400, expect.objectContaining({ code })]);
		}
		const otherKey = { ...kycBody({}), ...v1Signed(OTHER_PARTNER), partner_id: PARTNER.partnerId };
		expect((await call(VERIFICATION_PATHS.idVerification, otherKey)).json).toMatchObject({
			code: '2205',
		});
		expect(sandbox().submissions()).toEqual([]);
	});

	it('async Enhanced KYC answers {success: true} and sends the result as a signed callback', async () => {
		const reply = await call(VERIFICATION_PATHS.asyncIdVerification, {
			...kycBody({}),
			callback_url: receiver.url(),
		});
		expect(reply.json).toEqual({ success: true });
		await sandbox().callbacksSent();
		expect(receiver.received).toEqual([
			expect.objectContaining({
				ResultCode: '1012',
				PartnerParams: { user_id: 'crm-customer-1', job_id: 'kyc-job-1', job_type: 5 },
			}),
		]);
		expect(confirmed(receiver.received[0])).toBe(true);
		expect(sandbox().callbacks()).toEqual([expect.objectContaining({ status: 200 })]);
		const noUrl = await call(VERIFICATION_PATHS.asyncIdVerification, kycBody({}));
		expect(noUrl.json).toMatchObject({ code: '2213' });
		const far = await call(VERIFICATION_PATHS.asyncIdVerification, {
			...kycBody({}),
			callback_url: 'https://example.com/hook',
		});
		expect(far.json).toMatchObject({ code: '2204' });
		expect(sandbox().submissions()).toHaveLength(1);
	});

	it('business verification: a company with its directors and owners; Nigeria needs a business type', async () => {
		const found = (await call(VERIFICATION_PATHS.businessVerification, kybBody({}))).json as Json;
		expect(confirmed(found)).toBe(true);
		expect(found).toMatchObject({
			ResultCode: '1012',
			ResultText: 'Business Verified',
			ResultType: 'Business Verification',
			PartnerParams: { job_type: 7 },
			company_information: { legal_name: 'SANDBOX TEST COMPANY LIMITED', status: 'ACTIVE' },
			success: true,
		});
		expect(found.directors).toHaveLength(2);
		expect(found.beneficial_owners).toHaveLength(1);
		const notFound = await call(
			VERIFICATION_PATHS.businessVerification,
			kybBody({ id_number: 'RC1234567' }, 'kyb-2'),
		);
		expect(notFound.json).toMatchObject({ ResultCode: '1013' });
		expect(
			(await call(VERIFICATION_PATHS.businessVerification, kybBody({ business_type: undefined })))
				.json,
		).toMatchObject({ code: '2213' });
		expect(
			(await call(VERIFICATION_PATHS.businessVerification, kybBody({ business_type: 'xx' }))).json,
		).toEqual({
			error: 'Unsupported business type',
			code: '2413',
		});
		expect(
			(await call(VERIFICATION_PATHS.businessVerification, kybBody({ id_type: 'BVN' }))).json,
		).toMatchObject({ code: '2204' });
		const later = await call(VERIFICATION_PATHS.asyncBusinessVerification, {
			...kybBody({}, 'kyb-3'),
			callback_url: receiver.url(),
		});
		expect(later.json).toEqual({ success: true });
		await sandbox().callbacksSent();
		expect(receiver.received).toEqual([
			expect.objectContaining({ ResultCode: '1012', directors: found.directors }),
		]);
		expect(
			sandbox()
				.submissions()
				.map((s) => s.jobId),
		).toEqual(['kyb-job-1', 'kyb-2', 'kyb-3']);
	});

	it('AML: a listed person with the reason, and a name on no list', async () => {
		const listed = (await call(VERIFICATION_PATHS.aml, amlBody({}))).json as Json;
		expect(confirmed(listed)).toBe(true);
		expect(listed).toMatchObject({
			ResultCode: '1030',
			ResultText: 'Found on list',
			Actions: { Listed: 'Listed' },
			no_of_persons_found: 1,
			PartnerParams: { user_id: 'crm-customer-1', job_id: 'aml-job-1', job_type: 10 },
		});
		const person = (listed.people as Json[])[0];
		expect(person).toMatchObject({ name: 'SANDBOX LISTED PERSON' });
		expect(person.sanctions).toEqual([
			expect.objectContaining({
				source_details: expect.objectContaining({ source_type: 'Sanctions' }),
			}),
		]);
		const clear = (
			await call(VERIFICATION_PATHS.aml, amlBody({ full_name: 'Ada Testperson' }, 'aml-2'))
		).json;
		expect(clear).toMatchObject({
			Actions: { Listed: 'Not Listed' },
			no_of_persons_found: 0,
			people: [],
		});
		for (const [change, code] of [
			[{ countries: 'NG' }, '2204'],
			[{ countries: ['Nigeria'] }, '2204'],
			[{ birth_year: '70' }, '2204'],
			[{ full_name: undefined }, '2213'],
			[{ strict_match: 'yes' }, '2204'],
		] as Array<[Json, string]>) {
			expect((await call(VERIFICATION_PATHS.aml, amlBody(change))).json).toMatchObject({ code });
		}
		expect(sandbox().submissions()).toHaveLength(2);
	});

	it('lost answer after the job ran: billed once, recorded, and job_status answers for it', async () => {
		sandbox().addDrill({
			kind: 'reset',
			afterProcessing: true,
			times: 1,
			paths: [VERIFICATION_PATHS.idVerification],
		});
		await expect(call(VERIFICATION_PATHS.idVerification, kycBody({}))).rejects.toThrow();
		expect(sandbox().submissions('kyc-job-1')).toHaveLength(1);
		const status = (await jobStatus('crm-customer-1', 'kyc-job-1')).json as Json;
		expect(status).toMatchObject({ job_complete: true, result: { ResultCode: '1012' } });
		const view = (await get(sandbox().url, '/__sandbox/submissions')).json as Json;
		expect(view.billed).toEqual([{ partnerId: '085', jobId: 'kyc-job-1', count: 1 }]);
	});

	it('a job_id sent twice is billed twice: the count tests rely on', async () => {
		await call(VERIFICATION_PATHS.aml, amlBody({}));
		await call(VERIFICATION_PATHS.aml, amlBody({}));
		expect(sandbox().submissions('aml-job-1')).toHaveLength(2);
		expect(((await get(sandbox().url, '/__sandbox/submissions')).json as Json).billed).toEqual([
			{ partnerId: '085', jobId: 'aml-job-1', count: 2 },
		]);
	});

	it('job_status: 2314 for a job it does not know; the echoTimestamp drill signs with the request timestamp', async () => {
		const unknown = (await jobStatus('nobody', 'no-job')).json as Json;
		expect(unknown).toMatchObject({ job_complete: false, code: '2314', result: null });
		expect(confirmed(unknown)).toBe(true);

		await call(VERIFICATION_PATHS.idVerification, kycBody({}));
		sandbox().addDrill({ kind: 'echoTimestamp', times: 1, paths: ['/v1/job_status'] });
		const requestTimestamp = new Date(Date.now() - 1500).toISOString();
		const request = v1Signed(PARTNER, requestTimestamp);
		const echoed = (await jobStatus('crm-customer-1', 'kyc-job-1', requestTimestamp)).json as Json;
		expect(echoed.timestamp).toBe(requestTimestamp);
		expect(echoed.signature).toBe(request.signature);
		expect(confirmed(echoed)).toBe(true);
		const next = (await jobStatus('crm-customer-1', 'kyc-job-1', requestTimestamp)).json as Json;
		expect(next.timestamp).not.toBe(requestTimestamp);
	});
});
