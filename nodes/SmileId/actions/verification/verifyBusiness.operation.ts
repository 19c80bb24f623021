import type { INodeProperties } from 'n8n-workflow';

import type { SmileIdOperation } from '../node.type';
import { callbackProblems, idFieldProblems } from './checks';
import { referenceDataFor } from './lists';
import { runPaidCheck } from './paidCheck';
import { countryProperty, idTypeProperty, jobIdsOf, textOf } from './properties';
import { businessResult } from './results';

const registrationNumberProperty: INodeProperties = {
	displayName: 'Registration or Tax Number',
	name: 'idNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. RC0000009',
	description: "The company's registration number, or its tax number for a tax ID type",
};

const businessFields: INodeProperties = {
	displayName: 'Business Details',
	name: 'business',
	type: 'collection',
	placeholder: 'Add detail',
	default: {},
	options: [
		{
			displayName: 'Business Type',
			name: 'business_type',
			type: 'options',
			default: 'co',
			description: 'Needed in Nigeria: how the business is registered',
			options: [
				{ name: 'Business Name', value: 'bn' },
				{ name: 'Private or Public Limited Company', value: 'co' },
				{ name: 'Incorporated Trustees', value: 'it' },
			],
		},
		{
			displayName: 'Postal Address',
			name: 'postal_address',
			type: 'string',
			default: '',
			description: 'Asked for in Kenya',
		},
		{
			displayName: 'Postal Code',
			name: 'postal_code',
			type: 'string',
			default: '',
			description: 'Asked for in Kenya',
		},
	],
};

/** Verification > Verify Business: the company, its directors and owners from the registry (job_type 7). */
export const verifyBusinessOperation: SmileIdOperation = {
	name: 'Verify Business',
	action: 'Verify a business and its directors',
	description:
		'Look up a company in its registry: its status, directors and owners, a paid check (KYB)',
	forAgents:
		"Verifies a company with its country's business registry through Smile ID (business verification, KYB). Each call is a paid check: call it once per company, never to retry or to test. Input: userId (your ID for the company), country (two letters, e.g. NG), idType (BUSINESS_REGISTRATION or TAX_INFORMATION), the registration or tax number, and in Nigeria the business type. Returns verdict, resultCode and resultText, the company (legal name, status, registration number and date, tax ID), the number of directors and owners, and their names and details only when Include Personal Data is on.",
	properties: [countryProperty, idTypeProperty, registrationNumberProperty, businessFields],
	options: ['validateOnly', 'includePersonalData', 'runAsync', 'callbackUrl'],
	async execute(itemIndex, run) {
		const ids = jobIdsOf(this, itemIndex);
		const country = textOf(this, 'country', itemIndex).toUpperCase();
		const idType = textOf(this, 'idType', itemIndex);
		const details = this.getNodeParameter('business', itemIndex, {}) as Record<string, unknown>;
		const fields: Record<string, string> = { id_number: textOf(this, 'idNumber', itemIndex) };
		for (const [key, value] of Object.entries(details))
			if (typeof value === 'string' && value.trim()) fields[key] = value.trim();
		const data = await referenceDataFor(this, itemIndex);
		const async = run.options.runAsync;
		return await runPaidCheck(this, itemIndex, run, {
			ids,
			problems: [
				...idFieldProblems(data, 'business_verification', country, idType, fields),
				...callbackProblems(async, run.options.callbackUrl),
			],
			endpoint: async ? 'asyncBusinessVerification' : 'businessVerification',
			body: {
				country,
				id_type: idType,
				...fields,
				partner_params: { user_id: ids.userId, job_id: ids.jobId, job_type: 7 },
				...(async ? { callback_url: run.options.callbackUrl } : {}),
			},
			async,
			read: businessResult,
		});
	},
};
