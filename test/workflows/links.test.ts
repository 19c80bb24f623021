import type { IDataObject } from 'n8n-workflow';

import { clearReferenceCache } from '../../nodes/SmileId/helpers/referenceSource';
import { useCallbackReceiver } from '../support/callback-receiver';
import { FAST_RETRIES, sandboxCredentials, sdkSignature, useSandbox } from '../support/fixtures';
import { loggedText } from '../support/n8n-log';
import { loadOptions } from '../support/load-options';
import { runSmileIdNode } from '../support/n8n-engine';
import { post } from '../support/sandbox-requests';
import { TriggerWorkflow } from '../support/webhook-trigger';

const IN_TEN_DAYS = () => new Date(Date.now() + 10 * 86_400_000).toISOString();

describe('Link: Smile Links from a workflow', () => {
	const sandbox = useSandbox();
	beforeEach(() => clearReferenceCache());

	const run = (parameters: Record<string, unknown>, partner = 0) =>
		runSmileIdNode({
			credentials: sandboxCredentials(sandbox(), {
				partnerId: sandbox().partners[partner].partnerId,
				apiKey: sandbox().partners[partner].keys.test,
			}),
			parameters: { resource: 'link', options: FAST_RETRIES, ...parameters },
		});
	const create = (parameters: Record<string, unknown> = {}, partner = 0) =>
		run(
			{
				operation: 'create',
				linkName: 'Verify your identity',
				companyName: 'Acme Bank',
				idTypes: {
					offered: [{ verificationMethod: 'biometric_kyc', country: 'NG', idType: 'BVN' }],
				},
				singleUse: true,
				userId: 'crm-17',
				expiry: 'afterDays',
				expiresInDays: 3,
				additionalFields: { partnerParams: { parameter: [{ name: 'crm_id', value: '17' }] } },
				...parameters,
			},
			partner,
		);
	const linkRequests = () =>
		sandbox()
			.requests()
			.filter((r) => r.path.startsWith('/v1/smile_links'));

	it('Create sends the documented body and outputs url, refId, expiry and user ID', async () => {
		const before = Date.now();
		const { items, error } = await create();
		expect(error).toBeUndefined();
		const [item] = items;
		expect(item).toEqual({
			refId: 'sl-000001',
			url: `${sandbox().url}/links/085/sl-000001`,
			userId: 'crm-17',
			singleUse: true,
			expiresAt: expect.any(String),
			disabled: false,
			name: 'Verify your identity',
			companyName: 'Acme Bank',
			idTypes: [{ country: 'NG', idType: 'BVN', verificationMethod: 'biometric_kyc' }],
			callbackUrl: null,
			partnerParams: { crm_id: '17' },
			createdAt: null,
		});
		const expiresAt = Date.parse(item.expiresAt as string);
		expect(expiresAt - before).toBeGreaterThanOrEqual(3 * 86_400_000 - 1000);
		expect(expiresAt - before).toBeLessThan(3 * 86_400_000 + 60_000);
		const log = sandbox().requests();
		expect(log.map((r) => `${r.method} ${r.path} ${r.status} ${r.hasSignature}`)).toEqual([
			'GET /v1/services 200 true',
			'POST /v1/products_config 200 true',
			'POST /v1/smile_links 200 true',
		]);
		expect(log[2].body).toEqual({
			name: 'Verify your identity',
			company_name: 'Acme Bank',
			id_types: [{ country: 'NG', id_type: 'BVN', verification_method: 'biometric_kyc' }],
			is_single_use: true,
			user_id: 'crm-17',
			expires_at: item.expiresAt,
			partner_params: { crm_id: '17' },
			partner_id: '085',
			timestamp: expect.any(String),
		});
	});

	it('reads the URL from link_url when Smile ID answers that shape', async () => {
		sandbox().setLinkUrlField('link_url');
		const { items } = await create();
		expect(items[0].url).toBe(`${sandbox().url}/links/085/sl-000001`);
		const got = await run({ operation: 'get', refId: 'sl-000001' });
		expect(got.items[0].url).toBe(`${sandbox().url}/links/085/sl-000001`);
	});

	it('Create makes a multi-use link without a user ID, expiring at a date, with a callback URL', async () => {
		const expiresAt = IN_TEN_DAYS();
		const { items, error } = await create({
			singleUse: false,
			userId: '',
			expiry: 'atDate',
			expiresAt,
			callbackUrl: 'https://n8n.example.com/webhook/smile-result',
		});
		expect(error).toBeUndefined();
		expect(items[0]).toMatchObject({ userId: null, singleUse: false, expiresAt });
		const body = linkRequests()[0].body as Record<string, unknown>;
		expect(body.user_id).toBeUndefined();
		expect(body).toMatchObject({
			is_single_use: false,
			expires_at: expiresAt,
			callback_url: 'https://n8n.example.com/webhook/smile-result',
		});
	});

	it('Get reads one link with its signed fields in the query; Get Many lists them; Disable disables', async () => {
		await create();
		await create({ userId: 'crm-18' });
		const got = await run({ operation: 'get', refId: 'sl-000002' });
		expect(got.items[0]).toMatchObject({ refId: 'sl-000002', userId: 'crm-18', disabled: false });
		const many = await run({ operation: 'getMany', returnAll: true });
		expect(many.items).toEqual([
			{
				count: 2,
				links: [
					expect.objectContaining({ refId: 'sl-000001' }),
					expect.objectContaining({ refId: 'sl-000002' }),
				],
			},
		]);
		const limited = await run({ operation: 'getMany', returnAll: false, limit: 1 });
		expect(limited.items[0].count).toBe(1);
		const disabled = await run({ operation: 'disable', refId: 'sl-000001' });
		expect(disabled.items[0]).toMatchObject({ refId: 'sl-000001', disabled: true });
		expect(sandbox().links()[0].record.is_disabled).toBe(true);
		expect(
			linkRequests()
				.slice(2)
				.map((r) => [r.method, r.path, r.hasSignature, r.body]),
		).toEqual([
			['GET', '/v1/smile_links/sl-000002', true, expect.objectContaining({ partner_id: '085' })],
			['GET', '/v1/smile_links', true, expect.objectContaining({ partner_id: '085' })],
			['GET', '/v1/smile_links', true, expect.objectContaining({ partner_id: '085' })],
			['PUT', '/v1/smile_links/sl-000001', true, expect.objectContaining({ is_disabled: true })],
		]);
		const query = linkRequests()[2].body as Record<string, unknown>;
		expect(query.email).toBeUndefined();
	});

	it('Get of an unknown link fails with Smile ID’s answer', async () => {
		const { error } = await run({ operation: 'get', refId: 'sl-424242' });
		expect(error).toMatchObject({
			message: 'No Smile Link with Ref ID sl-424242',
			httpCode: '404',
		});
		expect(error?.description).toContain("Check the Ref ID (Link > Create's refId)");
		const disabled = await run({ operation: 'disable', refId: 'sl-424242' });
		expect(disabled.error?.message).toBe('No Smile Link with Ref ID sl-424242');
	});

	it.each([
		[
			'an ID type Smile ID does not offer for its country',
			{
				idTypes: {
					offered: [{ verificationMethod: 'biometric_kyc', country: 'KE', idType: 'BVN' }],
				},
			},
			'Smile ID does not offer BVN in KE for biometric_kyc',
		],
		[
			'an expiry in the past',
			{ expiry: 'atDate', expiresAt: '2020-01-01T00:00:00.000Z' },
			'The expiry 2020-01-01T00:00:00.000Z is in the past',
		],
		['a multi-use link with a user ID', { singleUse: false }, 'A multi-use link takes no User ID'],
		['a single-use link without a user ID', { userId: '' }, 'A single-use link needs a User ID'],
		[
			'a callback URL that is not https',
			{ callbackUrl: 'http://crm.example.com/hook' },
			'The Callback URL "http://crm.example.com/hook" is not an https URL',
		],
		[
			'a reserved partner parameter',
			{ additionalFields: { partnerParams: { parameter: [{ name: 'user_id', value: 'x' }] } } },
			'The partner parameter "user_id" is set by Smile ID',
		],
		['no ID type', { idTypes: {} }, 'The link offers no ID type'],
	])('refuses %s before a link is created', async (_, parameters, message) => {
		const { error, items } = await create(parameters);
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(/Nothing was sent|No link was created/);
		expect(linkRequests()).toEqual([]);
		// only the ID type check reads Smile ID's lists; the other checks send nothing at all
		const reads = sandbox()
			.requests()
			.map((r) => r.path);
		expect(reads).toEqual(
			message.startsWith('Smile ID does not offer') ? ['/v1/services', '/v1/products_config'] : [],
		);
	});

	it.each([
		['={{ "  " }}', 'The Ref ID is empty'],
		['../wallet_balance', '"../wallet_balance" is not a link\'s Ref ID'],
	])('Get and Disable refuse the Ref ID %p with nothing sent', async (refId, message) => {
		for (const operation of ['get', 'disable']) {
			const { error } = await run({ operation, refId });
			expect(error?.message).toBe(message);
		}
		expect(sandbox().requests()).toEqual([]);
	});

	it('accepts an http callback URL to this machine (a local test)', async () => {
		const { error } = await create({ callbackUrl: 'http://127.0.0.1:5678/webhook/smile-result' });
		expect(error).toBeUndefined();
	});

	it('refuses an ID type this account has not enabled (products_config)', async () => {
		const { error } = await create(
			{
				idTypes: {
					offered: [{ verificationMethod: 'enhanced_kyc', country: 'KE', idType: 'NATIONAL_ID' }],
				},
			},
			1,
		);
		expect(error?.message).toBe(
			'NATIONAL_ID (KE) is not enabled for enhanced_kyc on your Smile ID account',
		);
		expect(linkRequests()).toEqual([]);
	});

	it("creates the link when Smile ID's lists cannot be read (Smile ID checks the ID types)", async () => {
		sandbox().addDrill({ kind: 'html', status: 502, paths: ['/v1/services'] });
		const { items, error } = await create();
		expect(error).toBeUndefined();
		expect(items[0].refId).toBe('sl-000001');
	});

	it('reads /v1/services once for many links (cached)', async () => {
		await create();
		await create({ userId: 'crm-18' });
		const reads = sandbox()
			.requests()
			.filter((r) => r.path === '/v1/services');
		expect(reads).toHaveLength(1);
	});
});

describe('a GET signed in its query keeps its signature out of outputs, errors and logs', () => {
	const sandbox = useSandbox();
	it.each([
		['a success', undefined, 'sl-000001'],
		['an unknown link', undefined, 'sl-424242'],
		['an HTML error page', { kind: 'html' as const, status: 502 }, 'sl-000001'],
		['a reset connection', { kind: 'reset' as const }, 'sl-000001'],
	])('%s', async (_, drill, refId) => {
		const credentials = sandboxCredentials(sandbox());
		await runSmileIdNode({
			credentials,
			parameters: {
				resource: 'link',
				operation: 'create',
				linkName: 'n',
				companyName: 'c',
				idTypes: {
					offered: [{ verificationMethod: 'enhanced_kyc', country: 'NG', idType: 'BVN' }],
				},
				userId: 'crm-1',
			},
		});
		sandbox().clearRequests();
		if (drill) sandbox().addDrill(drill);
		const run = await runSmileIdNode({
			credentials,
			parameters: {
				resource: 'link',
				operation: 'get',
				refId,
				options: { ...FAST_RETRIES, maxAttempts: 2 },
			},
		});
		const shown = [
			JSON.stringify(run.items),
			JSON.stringify(run.error ?? null),
			JSON.stringify(run.run),
			await loggedText(),
		].join('\n');
		expect(shown).toContain(refId);
		expect(sandbox().requests().length).toBeGreaterThan(0);
		expect(shown).not.toContain(String(credentials.apiKey));
		for (const request of sandbox().requests()) {
			const { timestamp, partner_id } = request.body as { timestamp: string; partner_id: string };
			const signature = sdkSignature(partner_id, String(credentials.apiKey), timestamp);
			expect(shown).not.toContain(signature);
			expect(shown).not.toContain(encodeURIComponent(signature));
		}
	});
});

describe('Account > List Supported ID Types and the dropdowns, from /v1/services', () => {
	const sandbox = useSandbox();
	beforeEach(() => clearReferenceCache());
	const credentials = () => sandboxCredentials(sandbox());

	it('lists the ID types of a country and method, with what each needs', async () => {
		const { items, error } = await runSmileIdNode({
			credentials: credentials(),
			parameters: {
				resource: 'account',
				operation: 'listIdTypes',
				product: 'enhanced_kyc',
				country: 'ng',
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].count).toBe(4);
		expect(items[0].idTypes).toContainEqual({
			product: 'enhanced_kyc',
			country: 'NG',
			countryName: 'Nigeria',
			idType: 'BVN',
			label: 'Bank Verification Number',
			requiredFields: ['country', 'id_type', 'id_number', 'user_id', 'job_id'],
			idNumberPattern: '^[0-9]{11}$',
			enabledForAccount: true,
		});
	});

	it('fills the Country and ID Type dropdowns of a link’s ID type from Smile ID', async () => {
		const parameters = {
			resource: 'link',
			operation: 'create',
			idTypes: { offered: [{ verificationMethod: 'doc_verification', country: 'GH', idType: '' }] },
		};
		const countries = await loadOptions({
			credentials: credentials(),
			method: 'countries',
			parameters,
			path: 'parameters.idTypes.offered[0].country',
		});
		expect(countries.map((c) => c.value)).toEqual(['GH', 'KE', 'NG', 'ZA']);
		expect(countries[0].name).toBe('Ghana (GH)');
		const idTypes = await loadOptions({
			credentials: credentials(),
			method: 'idTypes',
			parameters,
			path: 'parameters.idTypes.offered[0].idType',
		});
		expect(idTypes.map((t) => t.value)).toEqual(['DRIVERS_LICENSE', 'GHANA_CARD', 'PASSPORT']);
		expect(
			sandbox()
				.requests()
				.map((r) => `${r.method} ${r.path}`),
		).toEqual(['GET /v1/services', 'POST /v1/products_config']);
	});

	it('says clearly when Smile ID cannot be reached, and that an expression still works', async () => {
		sandbox().addDrill({ kind: 'status', status: 503, paths: ['/v1/services'] });
		const failed = loadOptions({
			credentials: credentials(),
			method: 'countries',
			parameters: { resource: 'link', operation: 'create' },
			path: 'parameters.idTypes.offered[0].country',
		});
		await expect(failed).rejects.toThrow(
			"Smile ID's list of countries and ID types could not be loaded, so it cannot be shown or checked",
		);
		await expect(failed).rejects.toMatchObject({
			description: expect.stringContaining('You can still type a value with an expression'),
		});
		// a failure is not cached: the next opening of the list asks again
		sandbox().clearDrills();
		const countries = await loadOptions({
			credentials: credentials(),
			method: 'countries',
			parameters: { resource: 'link', operation: 'create' },
			path: 'parameters.idTypes.offered[0].country',
		});
		expect(countries).toHaveLength(4);
	});
});

describe('the result of a link comes back through the Smile ID Trigger', () => {
	const sandbox = useSandbox();
	const receiver = useCallbackReceiver();

	it("names the link's user and job, and carries its partner params", async () => {
		clearReferenceCache();
		const credentials = sandboxCredentials(sandbox());
		const created = await runSmileIdNode({
			credentials,
			parameters: {
				resource: 'link',
				operation: 'create',
				linkName: 'Verify your identity',
				companyName: 'Acme Bank',
				idTypes: {
					offered: [{ verificationMethod: 'biometric_kyc', country: 'NG', idType: 'BVN' }],
				},
				userId: 'crm-17',
				callbackUrl: receiver.url(),
				additionalFields: { partnerParams: { parameter: [{ name: 'crm_id', value: '17' }] } },
				options: FAST_RETRIES,
			},
		});
		const { url, refId } = created.items[0] as { url: string; refId: string };
		const completed = await post(url, '/complete', { verdict: 'rejected' });
		expect(completed.status).toBe(201);
		expect(receiver.raw).toHaveLength(1);

		const trigger = new TriggerWorkflow(credentials);
		const answer = await trigger.post(receiver.raw[0]);
		expect(answer.started).toBe(true);
		expect(answer.items).toHaveLength(1);
		const [item] = answer.items;
		expect(item).toMatchObject({
			userId: 'crm-17',
			jobId: `${refId}-job-1`,
			jobType: 1,
			resultCode: '1022',
			verdict: 'rejected',
		});
		expect((item.callback as IDataObject).PartnerParams).toEqual({
			crm_id: '17',
			ref_id: refId,
			user_id: 'crm-17',
			job_id: `${refId}-job-1`,
			job_type: 1,
		});
	});
});
