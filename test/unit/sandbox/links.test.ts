import type { SandboxLink } from '../../../sandbox';
import { useCallbackReceiver } from '../../support/callback-receiver';
import { useSandbox } from '../../support/fixtures';
import { OTHER_PARTNER, PARTNER, get, post, signed } from '../../support/sandbox-requests';

/** Job API calls carry no environment field. */
function jobApiSigned(partner = PARTNER) {
	const { environment: _omit, ...fields } = signed(partner);
	void _omit;
	return fields;
}

const IN_A_WEEK = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

const createBody = (overrides: Record<string, unknown> = {}) => ({
	...jobApiSigned(),
	name: 'Open an account',
	company_name: 'Acme Bank',
	id_types: [{ country: 'NG', id_type: 'BVN', verification_method: 'biometric_kyc' }],
	is_single_use: true,
	user_id: 'crm-contact-17',
	expires_at: IN_A_WEEK(),
	partner_params: { crm_id: '17' },
	...overrides,
});

const signedQuery = (partner = PARTNER) => `?${new URLSearchParams(jobApiSigned(partner))}`;

describe('sandbox: Smile Links', () => {
	const sandbox = useSandbox();
	const receiver = useCallbackReceiver();

	const create = (overrides: Record<string, unknown> = {}) =>
		post(sandbox().url, '/v1/smile_links', createBody(overrides));

	it('creates a link and answers its URL under `link` and its ref_id', async () => {
		const reply = await create();
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({
			success: true,
			ref_id: 'sl-000001',
			link: `${sandbox().url}/links/085/sl-000001`,
		});
		const logged = sandbox().requests()[0];
		expect([logged.method, logged.path, logged.hasSignature]).toEqual([
			'POST',
			'/v1/smile_links',
			true,
		]);
	});

	it('answers `link_url` instead when told, by option or control route, until reset', async () => {
		await post(sandbox().url, '/__sandbox/link-shape', { field: 'link_url' });
		const created = (await create()).json as Record<string, unknown>;
		expect(created.link_url).toBe(`${sandbox().url}/links/085/sl-000001`);
		expect(created.link).toBeUndefined();
		const one = await get(sandbox().url, `/v1/smile_links/sl-000001${signedQuery()}`);
		expect(Object.keys(one.json as object)).toContain('link_url');
		sandbox().reset();
		expect(Object.keys((await create()).json as object)).toContain('link');
		sandbox().setLinkUrlField('link_url');
		expect(Object.keys((await create()).json as object)).toContain('link_url');
		expect((await post(sandbox().url, '/__sandbox/link-shape', { field: 'url' })).status).toBe(400);
	});

	it("reads one link and lists the partner's links, signed fields in the query", async () => {
		await create();
		await create({ is_single_use: false, user_id: undefined });
		const one = await get(sandbox().url, `/v1/smile_links/sl-000001${signedQuery()}`);
		expect(one.json).toEqual({
			ref_id: 'sl-000001',
			name: 'Open an account',
			company_name: 'Acme Bank',
			id_types: [{ country: 'NG', id_type: 'BVN', verification_method: 'biometric_kyc' }],
			is_single_use: true,
			user_id: 'crm-contact-17',
			expires_at: expect.any(String),
			partner_params: { crm_id: '17' },
			is_disabled: false,
			created_at: expect.any(String),
			link: `${sandbox().url}/links/085/sl-000001`,
		});
		const list = (await get(sandbox().url, `/v1/smile_links${signedQuery()}`)).json as {
			links: Array<Record<string, unknown>>;
		};
		expect(list.links.map((l) => [l.ref_id, l.is_single_use])).toEqual([
			['sl-000001', true],
			['sl-000002', false],
		]);
		const others = await get(sandbox().url, `/v1/smile_links${signedQuery(OTHER_PARTNER)}`);
		expect(others.json).toEqual({ links: [] });
		const log = sandbox()
			.requests()
			.map((r) => [r.method, r.path, r.hasSignature]);
		expect(log.slice(2)).toEqual([
			['GET', '/v1/smile_links/sl-000001', true],
			['GET', '/v1/smile_links', true],
			['GET', '/v1/smile_links', true],
		]);
	});

	it("an unknown or another partner's link answers 404; an unsigned read 2213", async () => {
		await create();
		const unknown = await get(sandbox().url, `/v1/smile_links/sl-999999${signedQuery()}`);
		expect([unknown.status, unknown.json]).toEqual([404, { error: 'Smile Link not found' }]);
		const theirs = await get(
			sandbox().url,
			`/v1/smile_links/sl-000001${signedQuery(OTHER_PARTNER)}`,
		);
		expect(theirs.status).toBe(404);
		const unsigned = await get(sandbox().url, '/v1/smile_links');
		expect(unsigned.json).toEqual({
			error: 'Missing required parameter: partner_id',
			code: '2213',
		});
	});

	it('disables a link with PUT {is_disabled: true}', async () => {
		await create();
		const reply = await post(
			sandbox().url,
			'/v1/smile_links/sl-000001',
			{
				...jobApiSigned(),
				is_disabled: true,
			},
			{ method: 'PUT' },
		);
		expect(reply.status).toBe(200);
		expect((reply.json as Record<string, unknown>).is_disabled).toBe(true);
		const bad = await post(
			sandbox().url,
			'/v1/smile_links/sl-000001',
			{
				...jobApiSigned(),
				is_disabled: 'true',
			},
			{ method: 'PUT' },
		);
		expect(bad.json).toEqual({ error: 'Invalid parameter type: is_disabled', code: '2204' });
		expect(
			(await post(sandbox().url, '/v1/smile_links/sl-000001', undefined, { method: 'DELETE' }))
				.status,
		).toBe(405);
	});

	it.each([
		[
			'an ID type not offered for its country',
			{ id_types: [{ country: 'KE', id_type: 'BVN', verification_method: 'enhanced_kyc' }] },
			'2204',
			'id_types[0]',
		],
		[
			'an unknown method',
			{ id_types: [{ country: 'NG', id_type: 'BVN', verification_method: 'basic_kyc' }] },
			'2204',
			'id_types[0]',
		],
		['no ID types', { id_types: [] }, '2204', 'id_types'],
		['a single-use link without user_id', { user_id: undefined }, '2213', 'user_id'],
		['a multi-use link with a user_id', { is_single_use: false }, '2204', 'user_id'],
		['an expiry in the past', { expires_at: '2020-01-01T00:00:00.000Z' }, '2204', 'expires_at'],
		['a callback URL that is not a URL', { callback_url: 'not a url' }, '2204', 'callback_url'],
		['partner_params that are not strings', { partner_params: { n: 1 } }, '2204', 'partner_params'],
		['no name', { name: undefined }, '2213', 'name'],
		['a bad signature', { signature: signed(OTHER_PARTNER).signature }, '2205', undefined],
	])('refuses %s (%s)', async (_, overrides, code, field) => {
		const reply = await create(overrides);
		expect(reply.status).toBe(400);
		const body = reply.json as { code: string; error: string };
		expect(body.code).toBe(code);
		if (field) expect(body.error).toContain(field);
		expect(sandbox().links()).toEqual([]);
	});

	it("the page completes a link: a job for the link's user, its callback signed to the link's callback URL", async () => {
		const created = (await create({ callback_url: receiver.url() })).json as { link: string };
		const page = await fetch(created.link);
		const text = await page.text();
		expect(page.headers.get('content-type')).toContain('text/html');
		for (const selector of [
			'id="link-page" data-state="ready"',
			'id="verdict"',
			'id="complete"',
			'id="result-code"',
			'id="smile-job-id"',
		])
			expect(text).toContain(selector);
		expect(text).toContain('Acme Bank');

		const done = await post(created.link, '/complete', { verdict: 'approved' });
		expect(done.status).toBe(201);
		const { job, deliveries } = done.json as {
			job: Record<string, unknown>;
			deliveries: Array<{ status: number }>;
		};
		expect(job).toEqual(
			expect.objectContaining({
				userId: 'crm-contact-17',
				jobId: 'sl-000001-job-1',
				jobType: 1,
				resultCode: '1020',
			}),
		);
		expect(deliveries.map((d) => d.status)).toEqual([200]);
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0]).toEqual(
			expect.objectContaining({
				ResultCode: '1020',
				SmileJobID: job.smileJobId,
				PartnerParams: {
					crm_id: '17',
					ref_id: 'sl-000001',
					user_id: 'crm-contact-17',
					job_id: 'sl-000001-job-1',
					job_type: 1,
				},
				signature: expect.any(String),
			}),
		);
		// single use: the page now opens in the error state and a second completion is refused
		expect(await (await fetch(created.link)).text()).toContain('data-state="error"');
		const again = await post(created.link, '/complete', { verdict: 'approved' });
		expect([again.status, again.json]).toEqual([410, { error: 'This link has already been used' }]);
		const shown = (await get(sandbox().url, '/__sandbox/links')).json as SandboxLink[];
		expect(shown[0].smileJobIds).toEqual([job.smileJobId]);
		expect(
			sandbox()
				.jobs('085', 'crm-contact-17')
				.map((j) => j.resultCode),
		).toEqual(['1020']);
	});

	it.each([
		['provisional', 'biometric_kyc', '0814'],
		['rejected', 'biometric_kyc', '1022'],
		['approved', 'enhanced_kyc', '1012'],
		['rejected', 'enhanced_kyc', '1013'],
		['approved', 'doc_verification', '1020'],
	])('the verdict %s on a %s link gives result code %s', async (verdict, method, code) => {
		const idType = method === 'doc_verification' ? 'PASSPORT' : 'BVN';
		const created = (
			await create({ id_types: [{ country: 'NG', id_type: idType, verification_method: method }] })
		).json as { link: string };
		const done = await post(created.link, '/complete', { verdict });
		expect((done.json as { job: { resultCode: string } }).job.resultCode).toBe(code);
	});

	it("a multi-use link runs one job per user, to the partner's callback URL", async () => {
		await post(sandbox().url, '/__sandbox/callback-url', { url: receiver.url() });
		const created = (await create({ is_single_use: false, user_id: undefined })).json as {
			link: string;
		};
		await post(created.link, '/complete', { verdict: 'approved' });
		await post(created.link, '/complete', { verdict: 'rejected' });
		expect(
			receiver.received.map((c) => (c.PartnerParams as Record<string, unknown>).user_id),
		).toEqual(['sl-000001-user-1', 'sl-000001-user-2']);
	});

	it('a disabled link cannot be completed; a callback to another host is noted, not sent', async () => {
		const created = (await create()).json as { link: string };
		await post(
			sandbox().url,
			'/v1/smile_links/sl-000001',
			{
				...jobApiSigned(),
				is_disabled: true,
			},
			{ method: 'PUT' },
		);
		expect(await (await fetch(created.link)).text()).toContain('This link has been disabled');
		expect((await post(created.link, '/complete', { verdict: 'approved' })).status).toBe(410);

		const remote = (await create({ callback_url: 'http://crm.example.com/hook' })).json as {
			link: string;
		};
		const done = (await post(remote.link, '/complete', { verdict: 'approved' })).json as Record<
			string,
			unknown
		>;
		expect(done.deliveries).toEqual([]);
		expect(done.callbackNotSent).toBe('the sandbox sends callbacks to 127.0.0.1 or localhost only');
		expect((await post(remote.link, '/complete', { verdict: 'maybe' })).status).toBe(400);
		expect((await fetch(`${sandbox().url}/links/085/sl-424242`)).status).toBe(404);
	});
});

describe('sandbox: an expired Smile Link', () => {
	let clock = Date.now();
	const sandbox = useSandbox({ now: () => clock });
	it('opens in the error state and cannot be completed once its expiry has passed', async () => {
		const created = (await post(sandbox().url, '/v1/smile_links', createBody())).json as {
			link: string;
		};
		clock += 8 * 86_400_000;
		expect(await (await fetch(created.link)).text()).toContain('This link has expired');
		const done = await post(created.link, '/complete', { verdict: 'approved' });
		expect([done.status, done.json]).toEqual([410, { error: 'This link has expired' }]);
	});
});

describe('sandbox: Smile Links answered under link_url by option', () => {
	const sandbox = useSandbox({ linkUrlField: 'link_url' });
	it('answers link_url from the start', async () => {
		const reply = await post(sandbox().url, '/v1/smile_links', createBody());
		expect(Object.keys(reply.json as object).sort()).toEqual(['link_url', 'ref_id', 'success']);
	});
});
