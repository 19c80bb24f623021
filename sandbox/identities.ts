/**
 * The sandbox's made-up test identities for the checks without a camera: people an ID number
 * lookup finds, companies a business lookup finds, and people on watch lists. Every name,
 * number and address here is invented for the sandbox: none is a real person or company.
 * The outcomes are deterministic: the same input always gives the same answer.
 *
 * - Enhanced KYC: a number in PEOPLE is found (1012); given names or a date of birth that differ
 *   from the record answer "No Match" (1022); any other number is not found (1013).
 * - Business verification: a number in COMPANIES is found (1012, with directors and owners); any
 *   other is not found (1013, guess).
 * - AML: a full name in LISTED is listed (1030, with the reason); any other name is not (guess).
 */
import { FAKE_ID_PHOTO } from './history';

export interface TestPerson {
	country: string;
	idType: string;
	idNumber: string;
	firstName: string;
	middleName: string;
	lastName: string;
	dob: string;
	expirationDate: string;
	gender: string;
	phoneNumber: string;
	address: string;
}

export const PEOPLE: TestPerson[] = [
	{
		country: 'NG',
		idType: 'BVN',
		idNumber: '00000000001',
		firstName: 'ADA',
		middleName: 'SANDBOX',
		lastName: 'TESTPERSON',
		dob: '1990-01-01',
		expirationDate: 'Not Available',
		gender: 'Female',
		phoneNumber: '08000000001',
		address: '1 Sandbox Street, Testville',
	},
	{
		country: 'NG',
		idType: 'NIN_V2',
		idNumber: '00000000002',
		firstName: 'BAYO',
		middleName: '',
		lastName: 'SAMPLEMAN',
		dob: '1985-06-15',
		expirationDate: 'Not Available',
		gender: 'Male',
		phoneNumber: '08000000002',
		address: '2 Sandbox Street, Testville',
	},
	{
		country: 'GH',
		idType: 'GHANA_CARD',
		idNumber: 'GHA-000000001-0',
		firstName: 'EFUA',
		middleName: '',
		lastName: 'EXAMPLE',
		dob: '1992-03-30',
		expirationDate: '2031-03-29',
		gender: 'Female',
		phoneNumber: 'Not Available',
		address: 'Not Available',
	},
	{
		country: 'KE',
		idType: 'NATIONAL_ID',
		idNumber: '00000001',
		firstName: 'JUMA',
		middleName: '',
		lastName: 'PLACEHOLDER',
		dob: '1978-11-02',
		expirationDate: 'Not Available',
		gender: 'Male',
		phoneNumber: 'Not Available',
		address: 'Box 00000, Sandbox Town',
	},
];

export interface TestCompany {
	country: string;
	idType: string;
	idNumber: string;
	companyInformation: Record<string, unknown>;
	directors: Array<Record<string, unknown>>;
	beneficialOwners: Array<Record<string, unknown>>;
	fiduciaries: Array<Record<string, unknown>>;
}

const COMPANY_ADDRESS = '10 Sandbox Close, Testville';

export const COMPANIES: TestCompany[] = [
	{
		country: 'NG',
		idType: 'BUSINESS_REGISTRATION',
		idNumber: 'RC0000001',
		companyInformation: {
			company_type: 'PRIVATE_COMPANY_LIMITED_BY_SHARES',
			country: 'Nigeria',
			address: COMPANY_ADDRESS,
			registration_number: 'RC0000001',
			search_number: 'RC0000001',
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
	},
];

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

export function findPerson(country: string, idType: string, idNumber: string) {
	return PEOPLE.find(
		(p) => p.country === country && p.idType === idType && p.idNumber === idNumber.trim(),
	);
}

export function findCompany(country: string, idType: string, idNumber: string) {
	return COMPANIES.find(
		(c) => c.country === country && c.idType === idType && c.idNumber === idNumber.trim(),
	);
}

/** Listed people with this name (and this birth year, when one is given). */
export function findListed(fullName: string, birthYear?: string): ListedPerson[] {
	return LISTED.filter(
		(l) => same(l.fullName, fullName) && (birthYear === undefined || l.birthYear === birthYear),
	);
}

/** Whether given names agree with a record (names that were not given are not compared). */
export function namesAgree(
	person: TestPerson,
	given: { first_name?: string; last_name?: string; dob?: string },
): boolean {
	if (given.first_name !== undefined && !same(given.first_name, person.firstName)) return false;
	if (given.last_name !== undefined && !same(given.last_name, person.lastName)) return false;
	return given.dob === undefined || given.dob === person.dob;
}
