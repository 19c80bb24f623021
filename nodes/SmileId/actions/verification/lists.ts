import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ReferenceData } from '../../helpers/referenceData';
import { referenceDataOf } from '../../helpers/referenceSource';

/**
 * Smile ID's lists (GET /v1/services, cached per credential by helpers/referenceSource.ts), which
 * every item of a paid check is checked against. Without them nothing is sent: an unchecked item
 * could be billed for a check that cannot succeed.
 */
export async function referenceDataFor(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<ReferenceData> {
	try {
		return await referenceDataOf(context);
	} catch (error) {
		const { message, description } = error as NodeOperationError;
		throw new NodeOperationError(context.getNode(), `Not sent: ${message}`, {
			itemIndex,
			description:
				`${description ?? ''} Nothing was sent to Smile ID and nothing was billed: each item is checked against these lists first.`.trim(),
		});
	}
}
