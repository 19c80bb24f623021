import { readReferenceData } from '../../nodes/SmileId/helpers/referenceData';
import {
	amlFieldProblems,
	callbackProblems,
	idFieldProblems,
	isCalendarDate,
} from '../../nodes/SmileId/actions/verification/checks';
import { productsConfigFor, servicesAnswer } from '../../sandbox';

describe("the checks before a paid check is sent, against Smile ID's lists", () => {
	const lists = readReferenceData(servicesAnswer(), productsConfigFor('085'));
	const otherPartner = readReferenceData(servicesAnswer(), productsConfigFor('2100'));
	const kyc = (country: string, idType: string, fields: Record<string, string>) =>
		idFieldProblems(lists, 'enhanced_kyc', country, idType, fields);

	it('passes an ID number that fits its type, with the fields the type needs', () => {
		expect(kyc('NG', 'BVN', { id_number: '00000000000' })).toEqual([]);
		expect(kyc('NG', 'BANK_ACCOUNT', { id_number: '0000000000', bank_code: '901' })).toEqual([]);
		expect(
			kyc('GH', 'VOTER_ID', {
				id_number: '0000000006',
				first_name: 'Kwame',
				last_name: 'Testperson',
				dob: '1990-01-01',
			}),
		).toEqual([]);
	});

	it('names each problem without repeating the ID number', () => {
		const problems = kyc('NG', 'BVN', { id_number: '12-34', dob: '1990-02-30' });
		expect(problems).toEqual([
			"The ID Number does not have the form of a Bank Verification Number (BVN); Smile ID's pattern is ^[0-9]{11}$",
			'The Date of Birth must be a date written yyyy-mm-dd, e.g. 1990-01-31',
		]);
		expect(problems.join(' ')).not.toContain('12-34');
		expect(kyc('GH', 'VOTER_ID', { id_number: '0000000006' })).toEqual([
			'Voter ID (VOTER_ID) needs the First Name',
			'Voter ID (VOTER_ID) needs the Last Name',
			'Voter ID (VOTER_ID) needs the Date of Birth',
		]);
		expect(kyc('NG', 'BVN', {})).toEqual(['Bank Verification Number (BVN) needs the ID Number']);
	});

	it('refuses a country or an ID type Smile ID does not offer (or this partner has not enabled)', () => {
		expect(kyc('ZZ', 'BVN', { id_number: '1' })).toEqual([
			'Smile ID offers no ID number lookups (Enhanced KYC) in the country ZZ',
		]);
		expect(kyc('NG', 'PASSPORT', { id_number: '1' })[0]).toMatch(
			/^Smile ID offers no ID type PASSPORT for ID number lookups \(Enhanced KYC\) in NG; choose one of BVN, NIN_V2, BANK_ACCOUNT, PHONE_NUMBER$/,
		);
		expect(
			idFieldProblems(otherPartner, 'business_verification', 'NG', 'BUSINESS_REGISTRATION', {
				id_number: 'RC0000009',
			}),
		).toEqual(['Smile ID offers no business verification in the country NG']);
		expect(kyc('', 'BVN', {})).toEqual(['The Country is empty']);
		expect(kyc('NG', '', {})).toEqual(['The ID Type is empty']);
	});

	it('asks a Nigerian company for its business type', () => {
		expect(
			idFieldProblems(lists, 'business_verification', 'NG', 'BUSINESS_REGISTRATION', {
				id_number: 'RC0000009',
			}),
		).toEqual(['Business Registration (CAC) (BUSINESS_REGISTRATION) needs the Business Type']);
	});

	it('AML: a full name, two-letter countries, a four-digit birth year', () => {
		expect(amlFieldProblems('Ada Lovelace', ['NG', 'KE'], '1984')).toEqual([]);
		expect(amlFieldProblems('Ada Lovelace', ['NG'], '')).toEqual([]);
		expect(amlFieldProblems('', [], '84')).toEqual([
			'The Full Name is empty',
			'Countries is empty: give at least one two-letter country code, e.g. NG',
			'The Birth Year must be four digits, e.g. 1984',
		]);
		expect(amlFieldProblems('A', ['NIGERIA', 'K1'], '')).toEqual([
			'Countries must be two-letter country codes (ISO 3166-1 alpha-2, e.g. NG, KE), not NIGERIA, K1',
		]);
	});

	it('an async check needs an https callback URL (http only to this machine)', () => {
		expect(callbackProblems(false, '')).toEqual([]);
		expect(callbackProblems(true, 'https://n8n.example.com/webhook/smile-id')).toEqual([]);
		expect(callbackProblems(true, 'http://127.0.0.1:5678/webhook/x')).toEqual([]);
		expect(callbackProblems(true, '')[0]).toContain('needs a Callback URL');
		expect(callbackProblems(true, 'http://n8n.example.com/hook')).toEqual([
			'"http://n8n.example.com/hook" is not an https URL',
		]);
	});

	it('reads dates as calendar dates', () => {
		expect(['1990-01-31', '2000-02-29'].map(isCalendarDate)).toEqual([true, true]);
		expect(['1990-02-30', '1990-1-31', '31/01/1990', '1990-13-01'].map(isCalendarDate)).toEqual([
			false,
			false,
			false,
			false,
		]);
	});
});
