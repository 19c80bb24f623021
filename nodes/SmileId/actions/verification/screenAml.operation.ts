import type { INodeProperties } from 'n8n-workflow';

import type { SmileIdOperation } from '../node.type';
import { amlFieldProblems } from './checks';
import { runPaidCheck } from './paidCheck';
import { jobIdsOf, textOf } from './properties';
import { amlResult } from './results';

const fullNameProperty: INodeProperties = {
	displayName: 'Full Name',
	name: 'fullName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. John Leo Doe',
	description: "The person's full name, as on their ID",
};

const countriesProperty: INodeProperties = {
	displayName: 'Countries',
	name: 'countries',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. NG, KE',
	description:
		"The person's known nationalities, as two-letter country codes (ISO 3166-1 alpha-2) separated by commas",
};

const screeningFields: INodeProperties = {
	displayName: 'Screening Details',
	name: 'screening',
	type: 'collection',
	placeholder: 'Add detail',
	default: {},
	options: [
		{
			displayName: 'Birth Year',
			name: 'birthYear',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1984',
			description: 'Four digits; recommended by Smile ID, it narrows the matches',
		},
		{
			displayName: 'Strict Match',
			name: 'strictMatch',
			type: 'boolean',
			default: false,
			description: 'Whether only exact name matches count',
		},
		{
			displayName: 'Search Existing User',
			name: 'searchExistingUser',
			type: 'boolean',
			default: false,
			description:
				"Whether Smile ID should reuse the name and birth year of this User ID's earlier ID check",
		},
	],
};

/** Verification > Screen for AML: sanctions, PEP and adverse-media lists (job_type 10). */
export const screenAmlOperation: SmileIdOperation = {
	name: 'Screen for AML',
	action: 'Screen a person for AML',
	description:
		'Screen a person against sanctions, politically exposed persons and adverse-media lists, a paid check',
	forAgents:
		'Screens a person against sanctions, politically exposed persons (PEP) and adverse-media lists through Smile ID (AML check). Each call is a paid check: call it once per person, never to retry or to test. Input: userId (your ID for the person), fullName, countries (two-letter codes, comma separated) and if known birthYear (four digits). Returns verdict, resultCode and resultText, listed (true or false), personsFound and the reasons (sanctions lists, PEP level, adverse media count); the names and details of the persons found only when Include Personal Data is on.',
	properties: [fullNameProperty, countriesProperty, screeningFields],
	options: ['validateOnly', 'includePersonalData'],
	async execute(itemIndex, run) {
		const ids = jobIdsOf(this, itemIndex);
		const fullName = textOf(this, 'fullName', itemIndex);
		const countries = textOf(this, 'countries', itemIndex)
			.split(',')
			.map((c) => c.trim().toUpperCase())
			.filter(Boolean);
		const screening = this.getNodeParameter('screening', itemIndex, {}) as Record<string, unknown>;
		const birthYear = typeof screening.birthYear === 'string' ? screening.birthYear.trim() : '';
		return await runPaidCheck(this, itemIndex, run, {
			ids,
			problems: amlFieldProblems(fullName, countries, birthYear),
			endpoint: 'aml',
			body: {
				user_id: ids.userId,
				job_id: ids.jobId,
				full_name: fullName,
				countries,
				...(birthYear ? { birth_year: birthYear } : {}),
				search_existing_user: screening.searchExistingUser === true,
				strict_match: screening.strictMatch === true,
				partner_params: { user_id: ids.userId, job_id: ids.jobId, job_type: 10 },
			},
			async: false,
			read: amlResult,
		});
	},
};
