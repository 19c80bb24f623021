import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemWork } from '../helpers/itemRun';
import { runItems } from '../helpers/itemRun';
import { addPreviewHint } from '../helpers/previewHint';
import { addRetryOnFailHint } from '../helpers/retryOnFailHint';
import { unsupportedOperationError } from './customApiCall';
import { choicesFor, operationOf } from './resources';

/** Routes the chosen resource and operation to its work; helpers/itemRun.ts runs it for every item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0);
	const operationName = this.getNodeParameter('operation', 0);
	const unsupported: ItemWork = {
		async execute(itemIndex) {
			throw unsupportedOperationError(this, operationName, choicesFor(resource), itemIndex);
		},
	};
	const operation = operationOf(resource, operationName);
	const output = await runItems(this, operation ?? unsupported);
	if (operation?.options?.includes('dryRun')) addPreviewHint(this, output);
	addRetryOnFailHint(this);
	return [output];
}
