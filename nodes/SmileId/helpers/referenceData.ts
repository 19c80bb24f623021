import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Smile ID's reference data, read as untrusted input: GET /v1/services (countries and ID types per
 * product, with their required fields and ID number patterns, and bank codes) and, when it could be
 * read, POST /v1/products_config (which ID types this partner has enabled). The editor's dropdowns,
 * List Supported ID Types and the checks before a link or a verification is sent all read it here.
 *
 * Bounded: at most MAX_ID_TYPES entries and MAX_BANKS banks are kept, texts are cut at MAX_TEXT
 * characters, and anything not of the documented shape is skipped, never guessed at.
 */

export const MAX_ID_TYPES = 5000;
export const MAX_BANKS = 2000;
const MAX_TEXT = 200;

export interface SupportedIdType {
	/** Smile ID's product, e.g. biometric_kyc (a link's verification method is one of them). */
	product: string;
	country: string;
	countryName: string;
	idType: string;
	label: string;
	requiredFields: string[];
	/** The pattern an ID number of this type must match, as Smile ID gives it; null when none. */
	idNumberPattern: string | null;
	/** Enabled for this partner per products_config; null when products_config could not be read. */
	enabled: boolean | null;
}

export interface ReferenceData {
	idTypes: SupportedIdType[];
	bankCodes: Array<{ name: string; code: string }>;
}

/** Smile ID's answer does not have the documented shape: nothing can be listed from it. */
export class ReferenceDataUnreadable extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const entries = (value: unknown): Array<[string, unknown]> =>
	isObject(value) ? Object.entries(value) : [];

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_TEXT) : undefined;

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

/** products_config's `idSelection`: product -> country -> enabled ID types; undefined when unreadable. */
function enabledTypes(productsConfig: unknown): Map<string, Set<string>> | undefined {
	if (!isObject(productsConfig) || !isObject(productsConfig.idSelection)) return undefined;
	const enabled = new Map<string, Set<string>>();
	for (const [product, byCountry] of entries(productsConfig.idSelection))
		for (const [country, types] of entries(byCountry))
			if (Array.isArray(types))
				enabled.set(`${product}/${country}`, new Set(types.filter((t) => typeof t === 'string')));
	return enabled;
}

/** Reads /v1/services (and products_config, if given); throws ReferenceDataUnreadable when it has no `hosted_web`. */
export function readReferenceData(services: unknown, productsConfig?: unknown): ReferenceData {
	if (!isObject(services) || !isObject(services.hosted_web))
		throw new ReferenceDataUnreadable("Smile ID's list of services has no hosted_web part");
	const enabled = enabledTypes(productsConfig);
	const idTypes: SupportedIdType[] = [];
	for (const [product, byCountry] of entries(services.hosted_web)) {
		if (!CODE.test(product)) continue;
		for (const [country, entry] of entries(byCountry)) {
			if (!CODE.test(country) || !isObject(entry)) continue;
			for (const [idType, info] of entries(entry.id_types)) {
				if (!CODE.test(idType) || idTypes.length >= MAX_ID_TYPES) continue;
				const details = isObject(info) ? info : {};
				const fields = Array.isArray(details.required_fields) ? details.required_fields : [];
				const pattern = text(details.id_number_regex);
				idTypes.push({
					product,
					country,
					countryName: text(entry.name) ?? country,
					idType,
					label: text(details.label) ?? idType,
					requiredFields: fields.flatMap((f) => text(f) ?? []).slice(0, 50),
					idNumberPattern: pattern && isValidPattern(pattern) ? pattern : null,
					enabled: enabled ? (enabled.get(`${product}/${country}`)?.has(idType) ?? false) : null,
				});
			}
		}
	}
	const banks = Array.isArray(services.bank_codes) ? services.bank_codes : [];
	const bankCodes = banks.slice(0, MAX_BANKS).flatMap((bank) => {
		const name = isObject(bank) ? text(bank.name) : undefined;
		const code = isObject(bank) ? text(bank.code) : undefined;
		return name && code ? [{ name, code }] : [];
	});
	return { idTypes, bankCodes };
}

/** Nested quantifiers such as (a+)+ can take exponential time on a short input: not used. */
const NESTED_QUANTIFIER = /\([^)]*[+*}][^)]*\)\s*[+*{]/;
const MAX_ID_NUMBER = 100;

function isValidPattern(pattern: string): boolean {
	if (NESTED_QUANTIFIER.test(pattern)) return false;
	try {
		new RegExp(pattern);
		return true;
	} catch {
		return false;
	}
}

/** Whether an ID number fits its type's pattern; null when Smile ID gives no (usable) pattern. */
export function idNumberFits(type: SupportedIdType, idNumber: string): boolean | null {
	if (!type.idNumberPattern) return null;
	return idNumber.length <= MAX_ID_NUMBER && new RegExp(type.idNumberPattern).test(idNumber);
}

/** The ID types a form may offer: those of `product` (any, when absent) not disabled for this partner. */
export function offeredIdTypes(data: ReferenceData, product?: string): SupportedIdType[] {
	return data.idTypes.filter((t) => t.enabled !== false && (!product || t.product === product));
}

/** The entry for one ID type of one country in one product, whether enabled or not. */
export function findIdType(
	data: ReferenceData,
	country: string,
	idType: string,
	product: string,
): SupportedIdType | undefined {
	return data.idTypes.find(
		(t) => t.product === product && t.country === country && t.idType === idType,
	);
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The countries with at least one offered ID type (of `product`), for a dropdown. */
export function countryOptions(data: ReferenceData, product?: string): INodePropertyOptions[] {
	const countries = new Map<string, string>();
	for (const t of offeredIdTypes(data, product)) countries.set(t.country, t.countryName);
	return [...countries]
		.map(([value, name]) => ({ name: `${name} (${value})`, value }))
		.sort(byName);
}

/** The offered ID types of one country (of `product`), for a dropdown. */
export function idTypeOptions(
	data: ReferenceData,
	country: string,
	product?: string,
): INodePropertyOptions[] {
	const types = new Map<string, SupportedIdType>();
	for (const t of offeredIdTypes(data, product))
		if (t.country === country && !types.has(t.idType)) types.set(t.idType, t);
	return [...types.values()]
		.map((t) => ({
			name: t.label === t.idType ? t.idType : `${t.label} (${t.idType})`,
			value: t.idType,
			...(t.requiredFields.length ? { description: `Needs: ${t.requiredFields.join(', ')}` } : {}),
		}))
		.sort(byName);
}
