import {
	MAX_ID_TYPES,
	ReferenceDataUnreadable,
	countryOptions,
	findIdType,
	idNumberFits,
	idTypeOptions,
	readReferenceData,
} from '../../nodes/SmileId/helpers/referenceData';
import { productsConfigFor, servicesAnswer } from '../../sandbox';

describe('reference data read from /v1/services and /v1/products_config', () => {
	const all = readReferenceData(servicesAnswer(), productsConfigFor('085'));

	it('lists the countries of a product for a dropdown, by name', () => {
		expect(countryOptions(all, 'biometric_kyc')).toEqual([
			{ name: 'Ghana (GH)', value: 'GH' },
			{ name: 'Kenya (KE)', value: 'KE' },
			{ name: 'Nigeria (NG)', value: 'NG' },
			{ name: 'South Africa (ZA)', value: 'ZA' },
		]);
	});

	it("lists a country's ID types for a product, with what each needs", () => {
		expect(idTypeOptions(all, 'NG', 'enhanced_kyc')).toEqual([
			{
				name: 'Bank Account (BANK_ACCOUNT)',
				value: 'BANK_ACCOUNT',
				description: 'Needs: country, id_type, id_number, user_id, job_id, bank_code',
			},
			expect.objectContaining({ value: 'BVN', name: 'Bank Verification Number (BVN)' }),
			expect.objectContaining({ value: 'NIN_V2' }),
			expect.objectContaining({ value: 'PHONE_NUMBER' }),
		]);
		expect(idTypeOptions(all, 'NG', 'doc_verification').map((o) => o.value)).toContain('PASSPORT');
		expect(idTypeOptions(all, 'NG', 'doc_verification')[0]).toEqual({
			name: "Driver's License (DRIVERS_LICENSE)",
			value: 'DRIVERS_LICENSE',
			description: 'Needs: country, id_type, user_id, job_id',
		});
		expect(all.bankCodes).toContainEqual({ name: 'Sandbox Bank One', code: '901' });
	});

	it('leaves out the ID types products_config says this partner has not enabled', () => {
		const other = readReferenceData(servicesAnswer(), productsConfigFor('2100'));
		expect(countryOptions(other, 'enhanced_kyc').map((o) => o.value)).toEqual(['GH', 'NG', 'ZA']);
		expect(findIdType(other, 'KE', 'NATIONAL_ID', 'enhanced_kyc')?.enabled).toBe(false);
		const unknown = readReferenceData(servicesAnswer());
		expect(findIdType(unknown, 'KE', 'NATIONAL_ID', 'enhanced_kyc')?.enabled).toBeNull();
		expect(countryOptions(unknown, 'enhanced_kyc')).toHaveLength(4);
	});

	it('checks an ID number against its pattern', () => {
		const bvn = findIdType(all, 'NG', 'BVN', 'enhanced_kyc')!;
		expect(idNumberFits(bvn, '12345678901')).toBe(true);
		expect(idNumberFits(bvn, '1234')).toBe(false);
		expect(idNumberFits(findIdType(all, 'NG', 'PASSPORT', 'doc_verification')!, 'A1')).toBeNull();
	});

	it.each([null, 'text', [], { bank_codes: [] }, { hosted_web: 'x' }])(
		'refuses an answer without hosted_web (%p)',
		(body) => {
			expect(() => readReferenceData(body)).toThrow(ReferenceDataUnreadable);
		},
	);

	it('skips what is not of the documented shape, and bounds what it keeps', () => {
		const hostile = {
			bank_codes: [{ name: 'A', code: '1' }, 'junk', { name: 7, code: '2' }],
			hosted_web: {
				enhanced_kyc: {
					NG: {
						name: 'N'.repeat(5000),
						id_types: {
							BVN: { label: ['not text'], required_fields: 'nope', id_number_regex: '(a+)+$' },
							'bad key!': { label: 'x' },
							NIN: { id_number_regex: '[unclosed' },
						},
					},
					'<script>': { name: 'x', id_types: { A: {} } },
					KE: 'junk',
				},
				'../x': { NG: { id_types: { A: {} } } },
			},
		};
		const read = readReferenceData(hostile);
		expect(read.bankCodes).toEqual([{ name: 'A', code: '1' }]);
		expect(read.idTypes.map((t) => [t.country, t.idType, t.label, t.idNumberPattern])).toEqual([
			['NG', 'BVN', 'BVN', null],
			['NG', 'NIN', 'NIN', null],
		]);
		expect(read.idTypes[0].countryName).toHaveLength(200);
		const many = {
			hosted_web: {
				p: Object.fromEntries(
					Array.from({ length: 60 }, (_, c) => [
						`C${c}`,
						{ id_types: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`T${i}`, {}])) },
					]),
				),
			},
		};
		expect(readReferenceData(many).idTypes).toHaveLength(MAX_ID_TYPES);
	});
});
