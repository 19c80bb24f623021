import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { countryOptions, idTypeOptions } from '../helpers/referenceData';
import { referenceDataOf } from '../helpers/referenceSource';

/**
 * The editor's dropdowns filled from Smile ID's /v1/services and /v1/products_config (cached,
 * helpers/referenceSource.ts). Each reads its sibling fields in the same entry of a list of
 * fields (`&country`), or else the node's own field of that name: `verificationMethod` (the
 * product; absent: any) and `country`.
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

export async function countries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const data = await referenceDataOf(this);
	return countryOptions(data, currentText(this, 'verificationMethod'));
}

export async function idTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const country = currentText(this, 'country');
	if (!country) return [];
	const data = await referenceDataOf(this);
	return idTypeOptions(data, country, currentText(this, 'verificationMethod'));
}
