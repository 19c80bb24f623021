import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties, operationSubtitle } from './actions/properties';
import { router } from './actions/router';
import { countries, idTypes } from './methods/loadOptions';

export class SmileId implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smile ID',
		name: 'smileId',
		icon: { light: 'file:smileId.svg', dark: 'file:smileId.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle,
		description:
			'Read, re-enroll, deactivate, reactivate, flag as fraudulent or delete users enrolled with Smile ID, and read job results and the wallet balance',
		defaults: { name: 'Smile ID' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smileIdApi', required: true }],
		properties: nodeProperties,
	};

	methods = { loadOptions: { countries, idTypes } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
