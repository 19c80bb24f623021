import {
	SERVICES,
	bankCodeKnown,
	idNumberMatches,
	idTypeFor,
	testIdentityFor,
} from '../../../sandbox';
import { useSandbox } from '../../support/fixtures';
import { OTHER_PARTNER, PARTNER, get, post, signed } from '../../support/sandbox-requests';

/** Job API calls carry no environment field. */
const jobApiSigned = (partner = PARTNER) => {
	const { environment: _omit, ...fields } = signed(partner);
	void _omit;
	return fields;
};

describe('sandbox: reference data (GET /v1/services, POST /v1/products_config)', () => {
	const sandbox = useSandbox();

	it('answers /v1/services unsigned, in the documented shape, for NG, KE, GH and ZA', async () => {
		const reply = await get(sandbox().url, '/v1/services');
		expect(reply.status).toBe(200);
		const body = reply.json as typeof SERVICES;
		expect(body.bank_codes[0]).toEqual({ name: 'Sandbox Bank One', code: '901' });
		for (const country of ['NG', 'KE', 'GH', 'ZA'])
			expect(Object.keys(body.hosted_web.enhanced_kyc)).toContain(country);
		expect(body.hosted_web.enhanced_kyc.NG).toEqual(expect.objectContaining({ name: 'Nigeria' }));
		expect(body.hosted_web.enhanced_kyc.NG.id_types.BVN).toEqual({
			label: 'Bank Verification Number',
			required_fields: ['country', 'id_type', 'id_number', 'user_id', 'job_id'],
			test_data: '00000000000',
			id_number_regex: '^[0-9]{11}$',
		});
		expect(body.hosted_web.doc_verification.GH.id_types.PASSPORT.id_number_regex).toBeNull();
		expect(
			sandbox()
				.requests()
				.map((r) => `${r.method} ${r.path} ${r.status}`),
		).toEqual(['GET /v1/services 200']);
	});

	it('answers products_config to a signed request, per partner', async () => {
		const all = await post(sandbox().url, '/v1/products_config', jobApiSigned());
		expect(all.status).toBe(200);
		const config = all.json as {
			idSelection: Record<string, Record<string, string[]>>;
			consentRequired: Record<string, string[]>;
		};
		expect(config.idSelection.enhanced_kyc.NG).toEqual([
			'BVN',
			'NIN_V2',
			'BANK_ACCOUNT',
			'PHONE_NUMBER',
		]);
		expect(config.consentRequired.NG).toContain('NIN_V2');
		const other = await post(sandbox().url, '/v1/products_config', jobApiSigned(OTHER_PARTNER));
		const otherConfig = other.json as typeof config;
		expect(otherConfig.idSelection.enhanced_kyc.KE).toBeUndefined();
		expect(otherConfig.idSelection.business_verification).toBeUndefined();
	});

	it('refuses products_config with a bad signature (2205) or without one (2213)', async () => {
		const forged = { ...jobApiSigned(), signature: signed(OTHER_PARTNER).signature };
		const bad = await post(sandbox().url, '/v1/products_config', forged);
		expect([bad.status, bad.json]).toEqual([
			400,
			{ error: 'You are not authorized to do that', code: '2205' },
		]);
		const { signature: _s, ...unsigned } = jobApiSigned();
		void _s;
		const missing = await post(sandbox().url, '/v1/products_config', unsigned);
		expect(missing.json).toEqual({
			error: 'Missing required parameter: signature',
			code: '2213',
		});
	});

	it('helpers: ID types per country and product, number patterns, test identities, banks', () => {
		expect(idTypeFor('NG', 'BVN')?.label).toBe('Bank Verification Number');
		expect(idTypeFor('NG', 'PASSPORT', 'enhanced_kyc')).toBeUndefined();
		expect(idTypeFor('NG', 'PASSPORT', 'doc_verification')?.label).toBe('Passport');
		expect(idTypeFor('XX', 'BVN')).toBeUndefined();
		expect(idTypeFor('NG', 'toString')).toBeUndefined();
		expect(idNumberMatches('NG', 'BVN', '12345678901')).toBe(true);
		expect(idNumberMatches('NG', 'BVN', '1234')).toBe(false);
		expect(idNumberMatches('GH', 'GHANA_CARD', 'GHA-000000004-0')).toBe(true);
		expect(idNumberMatches('NG', 'UNKNOWN', '1')).toBe(false);
		expect(testIdentityFor('KE', 'NATIONAL_ID')).toEqual(
			expect.objectContaining({ id_number: '00000001', full_name: 'Wanjiru Testperson' }),
		);
		expect(testIdentityFor('KE', 'NATIONAL_ID')).toEqual(testIdentityFor('KE', 'NATIONAL_ID'));
		expect(testIdentityFor('NG', 'PASSPORT')).toBeUndefined();
		expect(bankCodeKnown('901')).toBe(true);
		expect(bankCodeKnown('044')).toBe(false);
	});

	it('every test_data fits its own pattern', () => {
		for (const byCountry of Object.values(SERVICES.hosted_web))
			for (const entry of Object.values(byCountry))
				for (const info of Object.values(entry.id_types))
					if (info.test_data !== null)
						expect(new RegExp(info.id_number_regex ?? '').test(info.test_data)).toBe(true);
	});
});
