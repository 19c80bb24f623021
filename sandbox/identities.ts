/**
 * The sandbox's made-up test identities for the checks without a camera, besides the people of
 * services.ts (an ID type's `test_data` and testIdentityFor): the company a business lookup finds
 * and the people on watch lists. Every name, number and address is invented for the sandbox: none
 * is a real person or company. The outcomes are deterministic: the same input, the same answer.
 *
 * - Enhanced KYC: an ID type's test_data number is found (1012, the person of testIdentityFor);
 *   given names or a date of birth that differ from that person answer "No Match" (1022); any
 *   other number that fits the type's pattern is not found (1013).
 * - Business verification: a business ID type's test_data number is found (1012, the company
 *   below, with its directors and owners); any other is not found (1013, guess).
 * - AML: a full name in LISTED is listed (1030, with the reason); any other name is not (guess).
 */
import { FAKE_ID_PHOTO } from './history';
import { idTypeFor, testIdentityFor } from './services';
import type { TestIdentity } from './services';

export interface TestCompany {
	companyInformation: Record<string, unknown>;
	directors: Array<Record<string, unknown>>;
	beneficialOwners: Array<Record<string, unknown>>;
	fiduciaries: Array<Record<string, unknown>>;
}

const COMPANY_ADDRESS = '10 Sandbox Close, Testville';

/** The one made-up company, found under every business ID type's test_data number. */
export const COMPANY: TestCompany = {
	companyInformation: {
		company_type: 'PRIVATE_COMPANY_LIMITED_BY_SHARES',
		country: 'Nigeria',
		address: COMPANY_ADDRESS,
		registration_number: 'RC0000009',
		search_number: 'RC0000009',
		authorized_shared_capital: '10000000',
		industry: 'Sandbox Test Data',
		tax_id: 'N/A',
		registration_date: '2016-01-28T16:06:22.003+00:00',
		phone: '08000000009',
		legal_name: 'SANDBOX TEST COMPANY LIMITED',
		state: 'LAGOS',
		email: 'company@example.com',
		status: 'ACTIVE',
	},
	directors: [
		{
			shareholdings: '100000',
			id_number: 'A0000001',
			address: COMPANY_ADDRESS,
			occupation: 'CEO',
			gender: 'FEMALE',
			nationality: 'Nigerian',
			date_of_birth: '1980-02-02',
			name: 'ADA SANDBOX DIRECTOR',
			id_type: 'Passport',
			phone_number: '08000000010',
		},
		{
			shareholdings: '50000',
			id_number: 'A0000002',
			address: COMPANY_ADDRESS,
			occupation: 'COO',
			gender: 'MALE',
			nationality: 'Nigerian',
			date_of_birth: '1982-03-03',
			name: 'BAYO SANDBOX DIRECTOR',
			id_type: 'Passport',
			phone_number: '08000000011',
		},
	],
	beneficialOwners: [
		{
			shareholdings: '700000',
			address: COMPANY_ADDRESS,
			gender: 'Not Applicable',
			nationality: 'N/A',
			registration_number: 'RC0000002',
			name: 'SANDBOX HOLDINGS LIMITED',
			shareholder_type: 'Corporate',
			phone_number: '08000000012',
		},
	],
	fiduciaries: [
		{
			name: 'SANDBOX SECRETARIES LIMITED',
			fiduciary_type: 'SECRETARY_COMPANY',
			address: COMPANY_ADDRESS,
			registration_number: 'RC0000003',
			status: 'N/A',
		},
	],
};

export interface ListedPerson {
	fullName: string;
	birthYear: string;
	/** As Smile ID's AML answer writes one of `people[]` (Ruby SDK test fixture shape). */
	record: Record<string, unknown>;
}

export const LISTED: ListedPerson[] = [
	{
		fullName: 'SANDBOX LISTED PERSON',
		birthYear: '1970',
		record: {
			name: 'SANDBOX LISTED PERSON',
			aliases: ['S. LISTED'],
			dates_of_birth: ['1970-07-16'],
			nationalities: ['Nigerian'],
			addresses: ['Testville'],
			sanctions: [
				{
					date_of_birth: '',
					nationality: 'Nigerian',
					source_details: {
						listed_date: '2020-01-05',
						source_link: ['https://sanctions.sandbox.invalid/list'],
						source_name: 'Sandbox Sanctions List (made up)',
						source_type: 'Sanctions',
					},
				},
			],
			pep: { pep_level: 1, political_positions: [], sources: [] },
			adverse_media: [
				{
					date_published: '2021-09-24',
					publisher: 'Sandbox Times (made up)',
					source_link: 'https://news.sandbox.invalid/article',
					title: 'Made-up article for sandbox tests',
				},
			],
			associations: [
				{
					association_type: 'PEP',
					name: 'SANDBOX ASSOCIATE',
					relationship: 'Made-up associate for sandbox tests',
				},
			],
		},
	},
];

/** The photo an ID lookup returns: the sandbox's placeholder, not a picture of anyone. */
export const ID_PHOTO = FAKE_ID_PHOTO;

const same = (a: string, b: string): boolean =>
	a.trim().replace(/\s+/g, ' ').toUpperCase() === b.trim().replace(/\s+/g, ' ').toUpperCase();

/** The test person behind an Enhanced KYC ID type's test_data number, if this is that number. */
export function findPerson(country: string, idType: string, idNumber: string) {
	const person = testIdentityFor(country, idType);
	return person && person.id_number === idNumber.trim() ? person : undefined;
}

/** The test company, if this is a business ID type's test_data number. */
export function findCompany(country: string, idType: string, idNumber: string) {
	const info = idTypeFor(country, idType, 'business_verification');
	return info && info.test_data === idNumber.trim() ? COMPANY : undefined;
}

/** Listed people with this name (and this birth year, when one is given). */
export function findListed(fullName: string, birthYear?: string): ListedPerson[] {
	return LISTED.filter(
		(l) => same(l.fullName, fullName) && (birthYear === undefined || l.birthYear === birthYear),
	);
}

/** Whether given names agree with a record (names that were not given are not compared). */
export function namesAgree(
	person: TestIdentity,
	given: { first_name?: string; last_name?: string; dob?: string },
): boolean {
	if (given.first_name !== undefined && !same(given.first_name, person.first_name)) return false;
	if (given.last_name !== undefined && !same(given.last_name, person.last_name)) return false;
	return given.dob === undefined || given.dob === person.dob;
}

/** The address an ID lookup returns for a test person: made up. */
export const TEST_ADDRESS = '1 Sandbox Street, Testville';
