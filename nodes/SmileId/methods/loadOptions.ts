import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { countryOptions, idTypeOptions } from '../helpers/referenceData';
import { referenceDataOf } from '../helpers/referenceSource';

/**
 * The editor's dropdowns filled from Smile ID's /v1/services and /v1/products_config (cached,
 * helpers/referenceSource.ts). Each reads its sibling fields in the same entry of a list of
 * fields (`&country`), or else the node's own field of that name: `verificationMethod` (the
 * product; absent: the Verification operation's product, else any) and `country`.
 */
function currentText(context: ILoadOptionsFunctions, name: string): string | undefined {
	for (const path of [`&${name}`, name]) {
		try {
			const value = context.getCurrentNodeParameter(path);
			if (typeof value === 'string' && value !== '' && !value.startsWith('=')) return value;
		} catch {
			// not a field here: try the next place
		}
	}
	return undefined;
}

/** The product each Verification operation checks, so its dropdowns list only what it can send. */
const OPERATION_PRODUCTS: Record<string, string> = {
	verifyIdNumber: 'enhanced_kyc',
	verifyBusiness: 'business_verification',
};

function productOf(context: ILoadOptionsFunctions): string | undefined {
	const operation = currentText(context, 'operation') ?? '';
	return currentText(context, 'verificationMethod') ?? OPERATION_PRODUCTS[operation];
}

export async function countries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const data = await referenceDataOf(this);
	return countryOptions(data, productOf(this));
}

export async function idTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const country = currentText(this, 'country');
	if (!country) return [];
	const data = await referenceDataOf(this);
	return idTypeOptions(data, country, productOf(this));
}
