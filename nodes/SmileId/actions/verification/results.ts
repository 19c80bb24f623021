import type { IDataObject } from 'n8n-workflow';

import { readJobResult } from '../../common/jobResult';
import { asObject, isObject } from '../../common/objects';

/**
 * The answers of the checks without a camera, as output fields in plain names. Personal data
 * (names, dates of birth, photos, addresses, phone numbers, ID numbers) goes in only with Include
 * Personal Data: without it, what a workflow decides on stays (verdict, code, what was found).
 * A field Smile ID did not send, or sent as "Not Available", is left out, never guessed.
 */

const list = (value: unknown): IDataObject[] =>
	Array.isArray(value) ? value.filter(isObject) : [];

const given = (value: unknown): IDataObject[string] | undefined =>
	value === undefined || value === null || value === '' || value === 'Not Available'
		? undefined
		: (value as IDataObject[string]);

/** Only the fields that have a value: {a: 1, b: undefined} -> {a: 1}. */
function present(fields: Record<string, unknown>): IDataObject {
	return Object.fromEntries(
		Object.entries(fields).filter(([, value]) => given(value) !== undefined),
	) as IDataObject;
}

/** What every check's answer shares: the job's ids, its verdict and result. */
function jobFields(answer: IDataObject): IDataObject {
	const result = readJobResult(answer);
	return {
		smileJobId: result.smileJobId,
		verdict: result.verdict,
		resultCode: result.resultCode,
		resultText: result.resultText,
		actions: result.actions,
	};
}

/** Enhanced KYC (/v1/id_verification, or its result in job_status or a callback). */
export function idNumberResult(answer: IDataObject, includePersonalData: boolean): IDataObject {
	const fullData = asObject(answer.FullData);
	return {
		...jobFields(answer),
		idNumberVerified: asObject(answer.Actions).Verify_ID_Number === 'Verified',
		...present({
			country: answer.Country,
			idType: answer.IDType,
			idExpiry: answer.ExpirationDate,
		}),
		...(includePersonalData
			? present({
					fullName: answer.FullName,
					firstName: fullData.FirstName ?? fullData.first_name,
					middleName: fullData.MiddleName ?? fullData.middle_name,
					lastName: fullData.LastName ?? fullData.last_name,
					dateOfBirth: answer.DOB,
					gender: answer.Gender,
					phoneNumber: answer.PhoneNumber,
					address: answer.Address,
					idNumber: answer.IDNumber,
					photo: answer.Photo,
				})
			: {}),
	};
}

const director = (d: IDataObject) =>
	present({
		name: d.name,
		occupation: d.occupation,
		nationality: d.nationality,
		dateOfBirth: d.date_of_birth,
		gender: d.gender,
		idType: d.id_type,
		idNumber: d.id_number,
		address: d.address,
		phoneNumber: d.phone_number,
		shareholdings: d.shareholdings,
	});

const owner = (o: IDataObject) =>
	present({
		name: o.name,
		type: o.shareholder_type,
		shareholdings: o.shareholdings,
		nationality: o.nationality,
		registrationNumber: o.registration_number,
		address: o.address,
		phoneNumber: o.phone_number,
		gender: o.gender,
	});

/** Business verification: the company always; its people (directors, owners) with the option only. */
export function businessResult(answer: IDataObject, includePersonalData: boolean): IDataObject {
	const company = asObject(answer.company_information);
	const directors = list(answer.directors);
	const owners = list(answer.beneficial_owners);
	const fiduciaries = list(answer.fiduciaries);
	return {
		...jobFields(answer),
		businessVerified: asObject(answer.Actions).Verify_Business === 'Verified',
		company: present({
			legalName: company.legal_name,
			registrationNumber: company.registration_number,
			status: company.status,
			type: company.company_type,
			registrationDate: company.registration_date,
			taxId: company.tax_id,
			industry: company.industry,
			country: company.country,
			state: company.state,
			address: company.address,
			email: company.email,
			phone: company.phone,
		}),
		directorCount: directors.length,
		beneficialOwnerCount: owners.length,
		fiduciaryCount: fiduciaries.length,
		...(includePersonalData
			? {
					directors: directors.map(director),
					beneficialOwners: owners.map(owner),
					fiduciaries: fiduciaries.map((f) =>
						present({ name: f.name, type: f.fiduciary_type, status: f.status, address: f.address }),
					),
				}
			: {}),
	};
}

/** Why a person is listed, without who they are: sanctions lists, PEP level, adverse media. */
function listedFor(person: IDataObject): IDataObject {
	const sanctions = list(person.sanctions).map((s) => asObject(s.source_details).source_name);
	const pep = asObject(person.pep);
	return present({
		sanctions: sanctions.filter((name) => typeof name === 'string'),
		pepLevel: pep.pep_level,
		adverseMediaCount: list(person.adverse_media).length,
		associationCount: list(person.associations).length,
	});
}

/** AML screening: listed or not, and why; the persons found (names, birth dates...) with the option only. */
export function amlResult(answer: IDataObject, includePersonalData: boolean): IDataObject {
	const people = list(answer.people);
	const found = Number(answer.no_of_persons_found);
	const listed = asObject(answer.Actions).Listed;
	return {
		...jobFields(answer),
		listed: listed === 'Listed' || (listed === undefined && people.length > 0),
		personsFound: Number.isFinite(found) ? found : people.length,
		reasons: people.map(listedFor),
		...(includePersonalData
			? {
					people: people.map((p) => ({
						...present({
							name: p.name,
							aliases: p.aliases,
							datesOfBirth: p.dates_of_birth,
							nationalities: p.nationalities,
							addresses: p.addresses,
						}),
						sanctions: list(p.sanctions),
						pep: asObject(p.pep),
						adverseMedia: list(p.adverse_media),
						associations: list(p.associations),
					})),
				}
			: {}),
	};
}
