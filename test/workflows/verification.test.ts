import type { IDataObject } from 'n8n-workflow';

import { VERIFICATION_PATHS } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { useCallbackReceiver } from '../support/callback-receiver';
import { FAST_RETRIES, sandboxCredentials, useSandbox } from '../support/fixtures';
import { loadOptions } from '../support/load-options';
import { runSmileIdNode } from '../support/n8n-engine';

const CHECK_PATHS = Object.values(VERIFICATION_PATHS);

/** What reached Smile ID's paid routes, and how often each job was billed. */
function paidRequests(sandbox: Sandbox) {
	return sandbox.requests().filter((r) => CHECK_PATHS.includes(r.path));
}
const jobStatusRequests = (sandbox: Sandbox) =>
	sandbox.requests().filter((r) => r.path === '/v1/job_status');

describe('Verification: checks without a camera, never billed twice', () => {
	const sandbox = useSandbox();
	const receiver = useCallbackReceiver();
	const run = (
		operation: string,
		parameters: IDataObject = {},
		options: IDataObject = {},
		items?: IDataObject[],
	) =>
		runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: {
				resource: 'verification',
				operation,
				userId: 'crm-customer-1',
				options: { ...FAST_RETRIES, ...options },
				...parameters,
			},
			items,
		});
	const verifyId = (
		parameters: IDataObject = {},
		options: IDataObject = {},
		items?: IDataObject[],
	) =>
		run(
			'verifyIdNumber',
			{ country: 'NG', idType: 'BVN', idNumber: '00000000000', ...parameters },
			options,
			items,
		);

	it("fills each operation's Country and ID Type from Smile ID's list for its product", async () => {
		const dropdown = (operation: string, method: 'countries' | 'idTypes', country = '') =>
			loadOptions({
				credentials: sandboxCredentials(sandbox()),
				method,
				parameters: { resource: 'verification', operation, country },
				path: `parameters.${method === 'countries' ? 'country' : 'idType'}`,
			}).then((options) => options.map((o) => o.value));
		expect(await dropdown('verifyIdNumber', 'idTypes', 'NG')).toEqual([
			'BANK_ACCOUNT',
			'BVN',
			'NIN_V2',
			'PHONE_NUMBER',
		]);
		expect(await dropdown('verifyBusiness', 'countries')).toEqual(['KE', 'NG']);
		expect(await dropdown('verifyBusiness', 'idTypes', 'NG')).toEqual([
			'BUSINESS_REGISTRATION',
			'TAX_INFORMATION',
		]);
	});

	describe('Verify ID Number', () => {
		it('sends the documented body once and outputs the verdict without personal data', async () => {
			const { items, error } = await verifyId();
			expect(error).toBeUndefined();
			expect(items).toEqual([
				{
					userId: 'crm-customer-1',
					jobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
					smileJobId: expect.stringMatching(/^\d{10}$/),
					verdict: 'approved',
					resultCode: '1012',
					resultText: 'ID Number Validated',
					actions: { Verify_ID_Number: 'Verified', Return_Personal_Info: 'Returned' },
					idNumberVerified: true,
					country: 'NG',
					idType: 'BVN',
				},
			]);
			const [request] = paidRequests(sandbox());
			expect(request.path).toBe('/v1/id_verification');
			expect(request.body).toMatchObject({
				country: 'NG',
				id_type: 'BVN',
				id_number: '00000000000',
				partner_params: { user_id: 'crm-customer-1', job_id: items[0].jobId, job_type: 5 },
				source_sdk: 'rest_api',
				source_sdk_version: expect.any(String),
				partner_id: '085',
				timestamp: expect.any(String),
			});
			expect(request.hasSignature).toBe(true);
			expect(sandbox().submissions()).toHaveLength(1);
			expect(JSON.stringify(items)).not.toMatch(/Testperson|1990-01-01|Photo|photo/);
		});

		it('adds the name, date of birth, photo and address with Include Personal Data', async () => {
			const { items } = await verifyId({}, { includePersonalData: true });
			expect(items[0]).toMatchObject({
				fullName: 'Adaeze Testperson',
				firstName: 'Adaeze',
				lastName: 'Testperson',
				dateOfBirth: '1990-01-01',
				idNumber: '00000000000',
				photo: expect.any(String),
				address: expect.any(String),
			});
		});

		it('gives each item its own job_id; not found and no match are rejected', async () => {
			const { items } = await verifyId(
				{ idNumber: '={{ $json.idNumber }}', person: { first_name: '={{ $json.firstName }}' } },
				{},
				[
					{ idNumber: '00000000000', firstName: 'Adaeze' },
					{ idNumber: '12345678901', firstName: 'Adaeze' },
					{ idNumber: '00000000000', firstName: 'Somebody' },
				],
			);
			expect(items.map((i) => [i.verdict, i.resultCode])).toEqual([
				['approved', '1012'],
				['rejected', '1013'],
				['rejected', '1022'],
			]);
			expect(new Set(items.map((i) => i.jobId)).size).toBe(3);
			expect(sandbox().submissions()).toHaveLength(3);
		});

		it.each([
			[
				'a malformed ID number',
				{ idNumber: '123' },
				'does not have the form of a Bank Verification Number',
			],
			[
				'a country not offered',
				{ country: 'ZZ' },
				'offers no ID number lookups (Enhanced KYC) in the country ZZ',
			],
			['an ID type not offered', { idType: 'PASSPORT' }, 'offers no ID type PASSPORT'],
			[
				'a missing required field',
				{ idType: 'BANK_ACCOUNT', idNumber: '0000000000' },
				'needs the Bank Code',
			],
			[
				'a date of birth not yyyy-mm-dd',
				{ person: { dob: '31/01/1990' } },
				'Date of Birth must be a date written yyyy-mm-dd',
			],
		])('refuses %s with nothing sent', async (_name, parameters, message) => {
			const { error } = await verifyId(parameters);
			expect(error?.message).toContain('Not sent');
			expect(`${error?.message} ${error?.description}`).toContain(message);
			expect(error?.description).toContain('Nothing was sent to Smile ID');
			expect(paidRequests(sandbox())).toEqual([]);
		});

		it('Validate Only checks every item and sends nothing', async () => {
			const { items, error } = await verifyId(
				{ idNumber: '={{ $json.idNumber }}' },
				{ validateOnly: true },
				[{ idNumber: '00000000000' }, { idNumber: 'abc' }],
			);
			expect(error).toBeUndefined();
			expect(items).toEqual([
				{ userId: 'crm-customer-1', validateOnly: true, valid: true, problems: [] },
				{
					userId: 'crm-customer-1',
					validateOnly: true,
					valid: false,
					problems: [expect.stringContaining('does not have the form')],
				},
			]);
			expect(paidRequests(sandbox())).toEqual([]);
			expect(jobStatusRequests(sandbox())).toEqual([]);
			expect(sandbox().submissions()).toEqual([]);
		});

		it('a lost answer after the job ran: one job_status request, no second submission', async () => {
			sandbox().addDrill({
				kind: 'reset',
				afterProcessing: true,
				times: 1,
				paths: ['/v1/id_verification'],
			});
			const { items, error } = await verifyId();
			expect(error).toBeUndefined();
			expect(items[0]).toMatchObject({
				verdict: 'approved',
				resultCode: '1012',
				settledBy: 'jobStatusAfterLostAnswer',
			});
			expect(items[0]).not.toHaveProperty('fullName');
			expect(sandbox().submissions()).toHaveLength(1);
			expect(paidRequests(sandbox())).toHaveLength(1);
			expect(jobStatusRequests(sandbox())).toHaveLength(1);
		});

		it('a timeout after the job ran is settled the same way', async () => {
			sandbox().addDrill({
				kind: 'hang',
				afterProcessing: true,
				times: 1,
				paths: ['/v1/id_verification'],
			});
			const { items } = await verifyId({}, { timeout: 1 });
			expect(items[0]).toMatchObject({
				verdict: 'approved',
				settledBy: 'jobStatusAfterLostAnswer',
			});
			expect(sandbox().submissions()).toHaveLength(1);
			expect(jobStatusRequests(sandbox())).toHaveLength(1);
		});

		it('a lost answer whose job Smile ID does not show is not sent again', async () => {
			sandbox().addDrill({ kind: 'reset', times: 1, paths: ['/v1/id_verification'] });
			const { error } = await verifyId();
			expect(error?.description).toContain('not sent again');
			expect(paidRequests(sandbox())).toHaveLength(1);
			expect(jobStatusRequests(sandbox())).toHaveLength(1);
			expect(sandbox().submissions()).toEqual([]);
		});

		it('retries a 429 without asking job_status; after a 5xx asks job_status first', async () => {
			sandbox().addDrill({ kind: 'status', status: 429, times: 1, paths: ['/v1/id_verification'] });
			expect((await verifyId()).items[0]).toMatchObject({ verdict: 'approved' });
			expect(jobStatusRequests(sandbox())).toEqual([]);
			sandbox().reset();
			sandbox().addDrill({ kind: 'status', status: 503, times: 1, paths: ['/v1/id_verification'] });
			expect((await verifyId()).items[0]).toMatchObject({ verdict: 'approved' });
			expect(jobStatusRequests(sandbox())).toHaveLength(1);
			expect(sandbox().submissions()).toHaveLength(1);
		});

		it('a mapped Job ID that already ran is reported from job_status, not billed again', async () => {
			const first = await verifyId({ jobId: 'order-1042-kyc' });
			expect(first.items[0]).toMatchObject({ jobId: 'order-1042-kyc', verdict: 'approved' });
			const again = await verifyId({ jobId: 'order-1042-kyc' });
			expect(again.items[0]).toMatchObject({
				jobId: 'order-1042-kyc',
				verdict: 'approved',
				settledBy: 'jobStatusBeforeSending',
			});
			expect(sandbox().submissions('order-1042-kyc')).toHaveLength(1);
		});

		it("accepts an answer signed with the request's own timestamp", async () => {
			sandbox().addDrill({ kind: 'echoTimestamp', paths: ['/v1/id_verification'] });
			const { items, error } = await verifyId();
			expect(error).toBeUndefined();
			expect(items[0]).toMatchObject({ verdict: 'approved' });
		});

		it('Run Asynchronously: submitted, the result sent to the callback URL', async () => {
			const { items } = await verifyId({}, { runAsync: true, callbackUrl: receiver.url() });
			expect(items[0]).toMatchObject({ submitted: true, resultPending: true });
			await sandbox().callbacksSent();
			expect(receiver.received).toEqual([
				expect.objectContaining({
					ResultCode: '1012',
					PartnerParams: expect.objectContaining({ job_id: items[0].jobId }),
				}),
			]);
			const [request] = paidRequests(sandbox());
			expect(request).toMatchObject({
				path: '/v1/async_id_verification',
				body: { callback_url: receiver.url() },
			});
			const missing = await verifyId({}, { runAsync: true });
			expect(missing.error?.message).toContain('Callback URL');
		});
	});

	describe('Verify Business', () => {
		const verifyBusiness = (parameters: IDataObject = {}, options: IDataObject = {}) =>
			run(
				'verifyBusiness',
				{
					country: 'NG',
					idType: 'BUSINESS_REGISTRATION',
					idNumber: 'RC0000009',
					business: { business_type: 'co' },
					...parameters,
				},
				options,
			);

		it('outputs the company and counts its people; their details only with the option', async () => {
			const { items, error } = await verifyBusiness();
			expect(error).toBeUndefined();
			expect(items[0]).toMatchObject({
				verdict: 'approved',
				resultCode: '1012',
				businessVerified: true,
				company: {
					legalName: 'SANDBOX TEST COMPANY LIMITED',
					status: 'ACTIVE',
					registrationNumber: 'RC0000009',
				},
				directorCount: 2,
				beneficialOwnerCount: 1,
			});
			expect(items[0]).not.toHaveProperty('directors');
			const [request] = paidRequests(sandbox());
			expect(request).toMatchObject({
				path: '/v1/business_verification',
				body: {
					country: 'NG',
					id_type: 'BUSINESS_REGISTRATION',
					id_number: 'RC0000009',
					business_type: 'co',
					partner_params: { user_id: 'crm-customer-1', job_type: 7 },
				},
			});
			const withPeople = await verifyBusiness({}, { includePersonalData: true });
			expect(withPeople.items[0].directors).toEqual([
				expect.objectContaining({ name: 'ADA SANDBOX DIRECTOR', dateOfBirth: '1980-02-02' }),
				expect.objectContaining({ name: 'BAYO SANDBOX DIRECTOR' }),
			]);
		});

		it('refuses a Nigerian registration without its business type, with nothing sent', async () => {
			const { error } = await verifyBusiness({ business: {} });
			expect(error?.message).toContain('needs the Business Type');
			expect(paidRequests(sandbox())).toEqual([]);
		});

		it('a lost answer after the job ran is settled by one job_status request', async () => {
			sandbox().addDrill({
				kind: 'reset',
				afterProcessing: true,
				times: 1,
				paths: ['/v1/business_verification'],
			});
			const { items } = await verifyBusiness();
			expect(items[0]).toMatchObject({
				verdict: 'approved',
				directorCount: 2,
				settledBy: 'jobStatusAfterLostAnswer',
			});
			expect(sandbox().submissions()).toHaveLength(1);
			expect(jobStatusRequests(sandbox())).toHaveLength(1);
		});
	});

	describe('Screen for AML', () => {
		const screen = (parameters: IDataObject = {}, options: IDataObject = {}) =>
			run(
				'screenAml',
				{
					fullName: 'Sandbox Listed Person',
					countries: 'ng, KE',
					screening: { birthYear: '1970' },
					...parameters,
				},
				options,
			);

		it('a listed person: listed, why, and no names unless asked', async () => {
			const { items, error } = await screen();
			expect(error).toBeUndefined();
			expect(items[0]).toMatchObject({
				verdict: 'rejected',
				resultCode: '1030',
				listed: true,
				personsFound: 1,
				reasons: [
					{
						sanctions: ['Sandbox Sanctions List (made up)'],
						pepLevel: 1,
						adverseMediaCount: 1,
						associationCount: 1,
					},
				],
			});
			expect(items[0]).not.toHaveProperty('people');
			const [request] = paidRequests(sandbox());
			expect(request).toMatchObject({
				path: '/v1/aml',
				body: {
					user_id: 'crm-customer-1',
					job_id: items[0].jobId,
					full_name: 'Sandbox Listed Person',
					countries: ['NG', 'KE'],
					birth_year: '1970',
					search_existing_user: false,
					strict_match: false,
					partner_params: { job_type: 10 },
				},
			});
			const named = await screen({}, { includePersonalData: true });
			expect(named.items[0].people).toEqual([
				expect.objectContaining({ name: 'SANDBOX LISTED PERSON' }),
			]);
		});

		it('a name on no list: listed false', async () => {
			const { items } = await screen({ fullName: 'Adaeze Testperson' });
			expect(items[0]).toMatchObject({ listed: false, personsFound: 0, reasons: [] });
		});

		it.each([
			['a birth year that is not four digits', { screening: { birthYear: '84' } }, 'four digits'],
			[
				'a country that is not a two-letter code',
				{ countries: 'Nigeria' },
				'two-letter country codes',
			],
			['an empty full name', { fullName: "={{ $json.name ?? '' }}" }, 'Full Name is empty'],
		])('refuses %s with nothing sent', async (_name, parameters, message) => {
			const { error } = await screen(parameters);
			expect(error?.message).toContain(message);
			expect(paidRequests(sandbox())).toEqual([]);
		});

		it('a lost answer after the job ran: one job_status request, billed once', async () => {
			sandbox().addDrill({ kind: 'reset', afterProcessing: true, times: 1, paths: ['/v1/aml'] });
			const { items } = await screen();
			expect(items[0]).toMatchObject({ listed: true, settledBy: 'jobStatusAfterLostAnswer' });
			expect(sandbox().submissions()).toHaveLength(1);
			expect(jobStatusRequests(sandbox())).toHaveLength(1);
		});
	});
});
