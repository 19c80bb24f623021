import type { INodeProperties } from 'n8n-workflow';

import type { SmileIdOperation } from '../node.type';
import { runIdCheck } from './paidCheck';
import { countryProperty, idNumberProperty, idTypeProperty } from './properties';
import { idNumberResult } from './results';

const detail = (displayName: string, name: string, description: string, placeholder = '') => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	placeholder,
	description,
});

/** The person's details some ID types need (the ID type's list says which); sent only when given. */
const personFields: INodeProperties = {
	displayName: 'Person Details',
	name: 'person',
	type: 'collection',
	placeholder: 'Add detail',
	default: {},
	options: [
		detail('First Name', 'first_name', 'As on the ID'),
		detail('Middle Name', 'middle_name', 'As on the ID'),
		detail('Last Name', 'last_name', 'As on the ID'),
		detail('Date of Birth', 'dob', 'Written yyyy-mm-dd', 'e.g. 1990-01-31'),
		detail('Phone Number', 'phone_number', 'For ID types looked up by phone number'),
		detail(
			'Bank Code',
			'bank_code',
			"For bank account numbers: the bank's code from Smile ID's list",
		),
	],
};

/** Verification > Verify ID Number: Enhanced KYC, the ID number looked up with the issuer (job_type 5). */
export const verifyIdNumberOperation: SmileIdOperation = {
	name: 'Verify ID Number',
	action: 'Verify an ID number with the issuing authority',
	description:
		'Look up an ID number (BVN, NIN, Ghana Card, national ID...) with the issuer, a paid check (Enhanced KYC)',
	forAgents:
		"Looks up a person's ID number with the issuing authority through Smile ID (Enhanced KYC). Each call is a paid check: call it once per person, never to retry or to test. Input: userId (your ID for the person), country (two letters, e.g. NG), idType (e.g. BVN), idNumber, and the person details the ID type needs. Returns verdict (approved, rejected, provisional, error or unknown), resultCode and resultText, idNumberVerified, and the name, date of birth and photo only when Include Personal Data is on.",
	properties: [countryProperty, idTypeProperty, idNumberProperty, personFields],
	options: ['validateOnly', 'includePersonalData', 'runAsync', 'callbackUrl'],
	async execute(itemIndex, run) {
		return await runIdCheck(this, itemIndex, run, {
			product: 'enhanced_kyc',
			jobType: 5,
			endpoints: { sync: 'idVerification', async: 'asyncIdVerification' },
			detailsField: 'person',
			read: idNumberResult,
		});
	},
};
