import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { enrolleeProperties } from './actions/enrollee/description';
import { executeEnrollee } from './actions/enrollee/execute';
import { requestOptions } from './helpers/options';

export class SmileId implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smile ID',
		name: 'smileId',
		icon: { light: 'file:smileId.svg', dark: 'file:smileId.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Re-enroll, deactivate, reactivate, flag as fraudulent or delete users enrolled with Smile ID',
		defaults: { name: 'Smile ID' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smileIdApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Enrollee', value: 'enrollee' }],
				default: 'enrollee',
			},
			...enrolleeProperties,
			{ ...requestOptions, displayOptions: { show: { resource: ['enrollee'] } } },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0);
		if (resource !== 'enrollee') {
			throw new NodeOperationError(this.getNode(), `The resource "${String(resource)}" is not supported`, {
				description: 'Choose the Enrollee resource. Nothing was sent.',
			});
		}
		return [await executeEnrollee.call(this)];
	}
}
