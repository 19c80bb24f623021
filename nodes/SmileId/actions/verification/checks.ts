import type { ReferenceData } from '../../helpers/referenceData';
import { findIdType, idNumberFits, offeredIdTypes } from '../../helpers/referenceData';
import { callbackUrlProblem } from '../link/linkInput';

/**
 * What is checked before a paid check is sent, against Smile ID's own lists (GET /v1/services,
 * read by helpers/referenceData.ts): the ID type is offered in the country for the product, the
 * fields it requires are there, the ID number fits its pattern, a date of birth is yyyy-mm-dd and
 * a birth year four digits. Each problem is one sentence; none repeats a value the user gave (an ID
 * number is personal data).
 */

export type IdProduct = 'enhanced_kyc' | 'business_verification';

const PRODUCT_NAMES: Record<IdProduct, string> = {
	enhanced_kyc: 'ID number lookups (Enhanced KYC)',
	business_verification: 'business verification',
};

/** Smile ID's required_fields, as the node's fields are called. */
const FIELD_NAMES: Record<string, string> = {
	id_number: 'ID Number',
	first_name: 'First Name',
	middle_name: 'Middle Name',
	last_name: 'Last Name',
	dob: 'Date of Birth',
	phone_number: 'Phone Number',
	bank_code: 'Bank Code',
	business_type: 'Business Type',
	postal_address: 'Postal Address',
	postal_code: 'Postal Code',
};

/** Fields the node always sends itself (or checks on its own), never asked for by required_fields. */
const SENT_BY_THE_NODE = new Set(['country', 'id_type', 'user_id', 'job_id']);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(text: string): boolean {
	const parts = DATE.exec(text);
	if (!parts) return false;
	const date = new Date(`${text}T00:00:00.000Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * The problems with one ID check's fields, empty when it may be sent. `fields` holds Smile ID's
 * body keys (id_number, first_name, dob, bank_code, business_type...), empty strings left out.
 */
export function idFieldProblems(
	data: ReferenceData,
	product: IdProduct,
	country: string,
	idType: string,
	fields: Record<string, string>,
): string[] {
	if (!country) return ['The Country is empty'];
	if (!idType) return ['The ID Type is empty'];
	const offered = offeredIdTypes(data, product).filter((t) => t.country === country);
	if (offered.length === 0)
		return [`Smile ID offers no ${PRODUCT_NAMES[product]} in the country ${country}`];
	const type = findIdType(data, country, idType, product);
	if (!type || type.enabled === false) {
		const choices = offered.map((t) => t.idType).join(', ');
		return [
			`Smile ID offers no ID type ${idType} for ${PRODUCT_NAMES[product]} in ${country}; choose one of ${choices}`,
		];
	}
	const problems: string[] = [];
	const required = new Set(['id_number', ...type.requiredFields]);
	for (const field of required) {
		if (SENT_BY_THE_NODE.has(field) || fields[field]) continue;
		problems.push(`${type.label} (${idType}) needs the ${FIELD_NAMES[field] ?? field}`);
	}
	if (fields.id_number && idNumberFits(type, fields.id_number) === false)
		problems.push(
			`The ID Number does not have the form of a ${type.label} (${idType}); Smile ID's pattern is ${type.idNumberPattern}`,
		);
	if (fields.dob && !isCalendarDate(fields.dob))
		problems.push('The Date of Birth must be a date written yyyy-mm-dd, e.g. 1990-01-31');
	return problems;
}

/** The problems with an AML screening's fields. `countries` are ISO-2 codes, `birthYear` may be empty. */
export function amlFieldProblems(
	fullName: string,
	countries: string[],
	birthYear: string,
): string[] {
	const problems: string[] = [];
	if (!fullName) problems.push('The Full Name is empty');
	if (countries.length === 0)
		problems.push('Countries is empty: give at least one two-letter country code, e.g. NG');
	const malformed = countries.filter((c) => !/^[A-Z]{2}$/.test(c));
	if (malformed.length)
		problems.push(
			`Countries must be two-letter country codes (ISO 3166-1 alpha-2, e.g. NG, KE), not ${malformed.join(', ')}`,
		);
	if (birthYear && !/^\d{4}$/.test(birthYear))
		problems.push('The Birth Year must be four digits, e.g. 1984');
	return problems;
}

/** An async check needs the URL its result is sent to (the Smile ID Trigger's). */
export function callbackProblems(async: boolean, url: string): string[] {
	if (!async) return [];
	if (!url)
		return [
			"Run Asynchronously needs a Callback URL: the Smile ID Trigger's Production URL, where the result will arrive",
		];
	const problem = callbackUrlProblem(url);
	return problem ? [problem] : [];
}
