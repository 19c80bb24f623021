import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * n8n adds a "Custom API Call" choice to Resource and Operation of any node whose credential can
 * sign other requests, unless the list already ends with one. This node sends only its own
 * operations, so its own entry says where custom calls are made instead.
 */
export const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

export const customApiCallOption: INodePropertyOptions = {
	name: 'Custom API Call',
	value: CUSTOM_API_CALL,
	action: 'Call another Smile ID endpoint with the HTTP Request node',
	description:
		'For Smile ID endpoints this node does not cover, use the HTTP Request node with the Smile ID API credential: it signs the request the same way',
};

export function unsupportedOperationError(
	context: IExecuteFunctions,
	operation: unknown,
	choices: string[],
	itemIndex: number,
) {
	const name = operation === CUSTOM_API_CALL ? 'Custom API Call' : `"${String(operation)}"`;
	return new NodeOperationError(
		context.getNode(),
		`The operation ${name} is not supported by the Smile ID node`,
		{
			itemIndex,
			description: `Choose one of: ${choices.join(', ')}. To call another Smile ID endpoint, use the HTTP Request node with the Smile ID API credential.`,
		},
	);
}
