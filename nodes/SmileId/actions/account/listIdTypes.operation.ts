import { offeredIdTypes } from '../../helpers/referenceData';
import { referenceDataOf } from '../../helpers/referenceSource';
import type { SmileIdOperation } from '../node.type';
import { LINK_METHODS } from '../link/linkInput';

const ANY = 'any';

const readFilters = (country: unknown, product: unknown) => ({
	country: typeof country === 'string' ? country.trim().toUpperCase() : '',
	product: typeof product === 'string' && product !== ANY ? product : undefined,
});

/** Account > List Supported ID Types: what Smile ID offers this account, from /v1/services and /v1/products_config. */
export const listIdTypesOperation: SmileIdOperation = {
	name: 'List Supported ID Types',
	action: 'List supported ID types',
	description:
		'List the countries and ID types Smile ID offers your account, per verification method, in one item',
	forAgents:
		'Lists the ID types Smile ID supports for this account: for each, country (two-letter code), idType (the value to use, e.g. BVN), label, product (the verification method, e.g. biometric_kyc), requiredFields and idNumberPattern. Changes nothing and costs nothing. Call it before creating a verification link or running a verification, to pick a valid country and ID type.',
	properties: [
		{
			displayName: 'Verification Method',
			name: 'product',
			type: 'options',
			options: [
				{ name: 'Any', value: ANY },
				...LINK_METHODS,
				{ name: 'Basic KYC', value: 'basic_kyc', description: 'An ID number checked by name' },
				{
					name: 'Business Verification',
					value: 'business_verification',
					description: 'A business registration or tax number',
				},
			],
			default: ANY,
		},
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: '',
			placeholder: 'e.g. NG',
			description: 'A two-letter country code; empty: every country',
		},
	],
	sharedBy(itemIndex) {
		const { country, product } = readFilters(
			this.getNodeParameter('country', itemIndex, ''),
			this.getNodeParameter('product', itemIndex, ANY),
		);
		return `${product ?? ANY} ${country}`;
	},
	async execute(itemIndex) {
		const { country, product } = readFilters(
			this.getNodeParameter('country', itemIndex, ''),
			this.getNodeParameter('product', itemIndex, ANY),
		);
		const data = await referenceDataOf(this);
		const idTypes = offeredIdTypes(data, product)
			.filter((t) => !country || t.country === country)
			.map(({ enabled, ...type }) => ({ ...type, enabledForAccount: enabled }));
		return { count: idTypes.length, idTypes };
	},
};
