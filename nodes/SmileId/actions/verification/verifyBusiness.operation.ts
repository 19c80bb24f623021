import type { INodeProperties } from 'n8n-workflow';

import type { SmileIdOperation } from '../node.type';
import { runIdCheck } from './paidCheck';
import { countryProperty, idTypeProperty } from './properties';
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
		return await runIdCheck(this, itemIndex, run, {
			product: 'business_verification',
			jobType: 7,
			endpoints: { sync: 'businessVerification', async: 'asyncBusinessVerification' },
			detailsField: 'business',
			read: businessResult,
		});
	},
};
