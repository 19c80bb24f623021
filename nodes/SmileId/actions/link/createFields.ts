import type { INodeProperties } from 'n8n-workflow';

import { IN_TOOL, NOT_IN_TOOL } from '../../helpers/tool';
import { LINK_METHODS } from './linkInput';

/** What the model is told about a link's User ID; no quote marks, it sits inside an expression. */
const LINK_USER_ID_FOR_AGENTS =
	'The ID of the one person this link is for, in the business system (for example the CRM contact ID), exactly as given to you. Never guess it.';

/** Create's fields. Country and ID Type lists come from Smile ID (methods/loadOptions.ts); an expression works too. */
export const createFields: INodeProperties[] = [
	{
		displayName: 'Link Name',
		name: 'linkName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Verify your identity',
		description: 'The title the person sees on the verification page',
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Acme Bank',
		description: 'Your company name as the person sees it on the verification page',
	},
	{
		displayName: 'ID Types Offered',
		name: 'idTypes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add ID type',
		default: { offered: [{ verificationMethod: 'biometric_kyc', country: '', idType: '' }] },
		description: 'The IDs the person may verify with; they pick one on the page',
		options: [
			{
				displayName: 'ID Type',
				name: 'offered',
				values: [
					{
						displayName: 'Verification Method',
						name: 'verificationMethod',
						type: 'options',
						options: LINK_METHODS,
						default: 'biometric_kyc',
						description: 'What the person does; each completed verification is a paid Smile ID job',
					},
					{
						displayName: 'Country Name or ID',
						name: 'country',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'countries',
							loadOptionsDependsOn: ['&verificationMethod'],
						},
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'ID Type Name or ID',
						name: 'idType',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'idTypes',
							loadOptionsDependsOn: ['&country', '&verificationMethod'],
						},
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
				],
			},
		],
	},
	{
		displayName: 'Single Use',
		name: 'singleUse',
		type: 'boolean',
		default: true,
		description:
			'Whether the link is for one person (their User ID below) and works once; off: anyone with the link can verify, each as a new user',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'e.g. crm-contact-17',
		displayOptions: { show: NOT_IN_TOOL },
		description:
			"For a single-use link: the ID of the one person it is for, in your system (it comes back as the job's user_id). Leave empty for a multi-use link.",
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: `={{ $fromAI('userId', '${LINK_USER_ID_FOR_AGENTS}', 'string') }}`,
		displayOptions: { show: IN_TOOL },
		description: 'Filled in by the model; or set a fixed User ID',
	},
	{
		displayName: 'Expiry',
		name: 'expiry',
		type: 'options',
		options: [
			{ name: 'After a Number of Days', value: 'afterDays' },
			{ name: 'At a Date', value: 'atDate' },
		],
		default: 'afterDays',
	},
	{
		displayName: 'Expires In (Days)',
		name: 'expiresInDays',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 7,
		displayOptions: { show: { expiry: ['afterDays'] } },
		description: 'How long the link works, from now (0.5 = 12 hours)',
	},
	{
		displayName: 'Expires At',
		name: 'expiresAt',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { expiry: ['atDate'] } },
		description: 'When the link stops working',
	},
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/smile-result',
		description:
			"Where Smile ID sends the result (a Smile ID Trigger's Production URL). Empty: the callback URL set in the Smile ID portal.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Logo URL',
				name: 'logoUrl',
				type: 'string',
				default: '',
				description: 'An https URL of your logo, shown on the verification page',
			},
			{
				displayName: 'Partner Parameters',
				name: 'partnerParams',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: "Your own values, sent back with the result in the job's PartnerParams",
				options: [
					{
						displayName: 'Parameter',
						name: 'parameter',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Privacy Policy URL',
				name: 'privacyPolicyUrl',
				type: 'string',
				default: '',
				description: 'An https URL of your data privacy policy, linked from the verification page',
			},
		],
	},
];
