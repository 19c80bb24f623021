/**
 * The sandbox's reference data: what GET /v1/services answers (countries, ID types per country and
 * product, required fields, ID number patterns, test data, bank codes) and what POST
 * /v1/products_config says a partner has enabled. The SHAPE is Smile ID's documented one (see
 * shared/reference/smile-id-api.md, "Reference data"); every VALUE here is made up for the sandbox:
 * the labels, patterns, test identities and bank codes are not Smile ID's and not real people's.
 *
 * Exports, for the other parts of the sandbox (links, verifications):
 * - SERVICES: the whole GET /v1/services answer ({bank_codes, hosted_web}); servicesAnswer() a copy.
 * - PRODUCTS, SmileProduct: the products of hosted_web (basic_kyc, enhanced_kyc, biometric_kyc,
 *   doc_verification, enhanced_document_verification, business_verification).
 * - LINK_METHODS: the products a Smile Link may offer (its `verification_method` values).
 * - idTypeFor(country, idType, product?): the ID type's entry (label, required_fields,
 *   test_data, id_number_regex), in `product` or else in the first product that offers it.
 * - idNumberMatches(country, idType, idNumber): whether the number fits the type's pattern
 *   (true for a type without one, false for a type the sandbox does not know).
 * - testIdentityFor(country, idType): the one made-up person behind the type's test_data.
 * - bankCodeKnown(code): whether `code` is in bank_codes.
 * - productsConfigFor(partnerId): the POST /v1/products_config answer for a partner.
 */
import { clone } from './answer';

export const PRODUCTS = [
	'basic_kyc',
	'enhanced_kyc',
	'biometric_kyc',
	'doc_verification',
	'enhanced_document_verification',
	'business_verification',
] as const;
export type SmileProduct = (typeof PRODUCTS)[number];

/** A Smile Link's `verification_method` is one of these products. */
export const LINK_METHODS: SmileProduct[] = [
	'biometric_kyc',
	'doc_verification',
	'enhanced_document_verification',
	'enhanced_kyc',
];

export interface IdTypeInfo {
	label: string;
	required_fields: string[];
	test_data: string | null;
	id_number_regex: string | null;
}

export interface CountryServices {
	name: string;
	id_types: Record<string, IdTypeInfo>;
}

const LOOKUP_FIELDS = ['country', 'id_type', 'id_number', 'user_id', 'job_id'];
const NAME_FIELDS = [...LOOKUP_FIELDS, 'first_name', 'last_name', 'dob'];

const lookup = (label: string, regex: string, testData: string, named = false): IdTypeInfo => ({
	label,
	required_fields: named ? NAME_FIELDS : LOOKUP_FIELDS,
	test_data: testData,
	id_number_regex: regex,
});
/** A document type read from a photo: no number to look up. */
const documentType = (label: string): IdTypeInfo => ({
	label,
	required_fields: ['country', 'id_type', 'user_id', 'job_id'],
	test_data: null,
	id_number_regex: null,
});

/** ID types looked up by number (enhanced_kyc, and with a selfie biometric_kyc), per country. */
const LOOKUPS: Record<string, CountryServices> = {
	NG: {
		name: 'Nigeria',
		id_types: {
			BVN: lookup('Bank Verification Number', '^[0-9]{11}$', '00000000000'),
			NIN_V2: lookup('National ID Number', '^[0-9]{11}$', '00000000001'),
			BANK_ACCOUNT: {
				...lookup('Bank Account', '^[0-9]{10}$', '0000000000'),
				required_fields: [...LOOKUP_FIELDS, 'bank_code'],
			},
			PHONE_NUMBER: lookup('Phone Number', '^(0|234)?[0-9]{10}$', '08000000000'),
		},
	},
	KE: {
		name: 'Kenya',
		id_types: {
			NATIONAL_ID: lookup('National ID', '^[0-9]{1,9}$', '00000001'),
			ALIEN_CARD: lookup('Alien Card', '^[0-9]{6,9}$', '000002'),
			KRA_PIN: lookup('KRA PIN', '^[A-Z][0-9]{9}[A-Z]$', 'A000000003Z'),
		},
	},
	GH: {
		name: 'Ghana',
		id_types: {
			GHANA_CARD: lookup('Ghana Card', '^GHA-[0-9]{9}-[0-9]$', 'GHA-000000004-0'),
			SSNIT: lookup('SSNIT Number', '^[A-Z][0-9]{12}$', 'C000000000005'),
			VOTER_ID: lookup('Voter ID', '^[0-9]{10}$', '0000000006', true),
		},
	},
	ZA: {
		name: 'South Africa',
		id_types: {
			NATIONAL_ID: lookup('National ID', '^[0-9]{13}$', '0000000000007'),
			NATIONAL_ID_NO_PHOTO: lookup('National ID (no photo)', '^[0-9]{13}$', '0000000000008'),
		},
	},
};

/** Document types read from a photo (doc_verification), per country. */
const DOCUMENTS: Record<string, CountryServices> = {
	NG: {
		name: 'Nigeria',
		id_types: {
			PASSPORT: documentType('Passport'),
			DRIVERS_LICENSE: documentType("Driver's License"),
			VOTER_ID: documentType('Voter ID'),
			NIN_SLIP: documentType('NIN Slip'),
		},
	},
	KE: {
		name: 'Kenya',
		id_types: { PASSPORT: documentType('Passport'), NATIONAL_ID: documentType('National ID') },
	},
	GH: {
		name: 'Ghana',
		id_types: {
			PASSPORT: documentType('Passport'),
			GHANA_CARD: documentType('Ghana Card'),
			DRIVERS_LICENSE: documentType("Driver's License"),
		},
	},
	ZA: {
		name: 'South Africa',
		id_types: { PASSPORT: documentType('Passport'), NATIONAL_ID: documentType('Green ID Book') },
	},
};

/** Businesses (business_verification): registration and tax numbers, made-up patterns. */
const BUSINESSES: Record<string, CountryServices> = {
	NG: {
		name: 'Nigeria',
		id_types: {
			BUSINESS_REGISTRATION: {
				...lookup('Business Registration (CAC)', '^(RC|BN|IT)?[0-9]{5,8}$', 'RC0000009'),
				required_fields: [...LOOKUP_FIELDS, 'business_type'],
			},
			TAX_INFORMATION: lookup('Tax Identification Number', '^[0-9]{8}-[0-9]{4}$', '00000000-0010'),
		},
	},
	KE: {
		name: 'Kenya',
		id_types: {
			BUSINESS_REGISTRATION: lookup(
				'Business Registration',
				'^[A-Z]{2,3}-[A-Z0-9]{6,8}$',
				'PVT-0000011A',
			),
			TAX_INFORMATION: lookup('KRA PIN', '^[A-Z][0-9]{9}[A-Z]$', 'P000000012Z'),
		},
	},
};

/** Only the countries of `from` whose ID types pass `keep`. */
function subset(
	from: Record<string, CountryServices>,
	keep: (country: string, idType: string) => boolean,
): Record<string, CountryServices> {
	const out: Record<string, CountryServices> = {};
	for (const [country, entry] of Object.entries(from)) {
		const types = Object.entries(entry.id_types).filter(([idType]) => keep(country, idType));
		if (types.length) out[country] = { name: entry.name, id_types: Object.fromEntries(types) };
	}
	return out;
}

/** Basic KYC: name-matching lookups; the sandbox offers it for the ID-number types without a bank. */
const BASIC = subset(LOOKUPS, (_, idType) => idType !== 'BANK_ACCOUNT');

export const SERVICES: {
	bank_codes: Array<{ name: string; code: string }>;
	hosted_web: Record<SmileProduct, Record<string, CountryServices>>;
} = {
	bank_codes: [
		{ name: 'Sandbox Bank One', code: '901' },
		{ name: 'Sandbox Bank Two', code: '902' },
		{ name: 'Sandbox Microfinance Bank', code: '903' },
	],
	hosted_web: {
		basic_kyc: BASIC,
		enhanced_kyc: LOOKUPS,
		biometric_kyc: subset(LOOKUPS, (_, idType) => idType !== 'PHONE_NUMBER'),
		doc_verification: DOCUMENTS,
		enhanced_document_verification: subset(
			DOCUMENTS,
			(country, idType) => ['NG', 'KE', 'GH'].includes(country) && idType !== 'NIN_SLIP',
		),
		business_verification: BUSINESSES,
	},
};

export function servicesAnswer(): typeof SERVICES {
	return clone(SERVICES);
}

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

export function idTypeFor(
	country: string,
	idType: string,
	product?: SmileProduct,
): IdTypeInfo | undefined {
	for (const name of product ? [product] : PRODUCTS) {
		const byCountry = SERVICES.hosted_web[name];
		if (!has(byCountry, country)) continue;
		const types = byCountry[country].id_types;
		if (has(types, idType)) return types[idType];
	}
	return undefined;
}

export function idNumberMatches(country: string, idType: string, idNumber: string): boolean {
	const info = idTypeFor(country, idType);
	if (!info) return false;
	return info.id_number_regex === null || new RegExp(info.id_number_regex).test(idNumber);
}

export interface TestIdentity {
	country: string;
	id_type: string;
	id_number: string;
	first_name: string;
	last_name: string;
	full_name: string;
	dob: string;
	gender: string;
	phone_number: string;
}

/** First names per country; every test person's last name is "Testperson". Made up. */
const FIRST_NAMES: Record<string, string> = {
	NG: 'Adaeze',
	KE: 'Wanjiru',
	GH: 'Kwame',
	ZA: 'Thandiwe',
};

/** The made-up person whose ID number is the type's test_data; the same person on every call. */
export function testIdentityFor(country: string, idType: string): TestIdentity | undefined {
	const info = idTypeFor(country, idType);
	if (!info || info.test_data === null) return undefined;
	const firstName = FIRST_NAMES[country] ?? 'Sandbox';
	return {
		country,
		id_type: idType,
		id_number: info.test_data,
		first_name: firstName,
		last_name: 'Testperson',
		full_name: `${firstName} Testperson`,
		dob: '1990-01-01',
		gender: 'Female',
		phone_number: 'Not Available',
	};
}

export function bankCodeKnown(code: string): boolean {
	return SERVICES.bank_codes.some((bank) => bank.code === code);
}

/**
 * POST /v1/products_config: which ID types a partner has enabled per product, and which need the
 * user's consent. The key names (idSelection, consentRequired) are a guess: the reference says only
 * what the answer means. Partner 085 has everything; any other partner has no business
 * verification and no Kenyan lookups, so tests can tell the two lists apart.
 */
export function productsConfigFor(partnerId: string): {
	idSelection: Record<string, Record<string, string[]>>;
	consentRequired: Record<string, string[]>;
} {
	const everything = partnerId === '085';
	const idSelection: Record<string, Record<string, string[]>> = {};
	for (const product of PRODUCTS) {
		if (!everything && product === 'business_verification') continue;
		const countries: Record<string, string[]> = {};
		for (const [country, entry] of Object.entries(SERVICES.hosted_web[product])) {
			if (!everything && country === 'KE' && product !== 'doc_verification') continue;
			countries[country] = Object.keys(entry.id_types);
		}
		idSelection[product] = countries;
	}
	return { idSelection, consentRequired: { NG: ['NIN_V2', 'BVN'] } };
}
