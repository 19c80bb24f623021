import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The Ref ID field of Get and Disable: the `refId` Create output. */
export const refIdProperty: INodeProperties = {
	displayName: 'Ref ID',
	name: 'refId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. sl-000001',
	description: "The link's ref_id, as Link > Create output it (refId)",
};

const REF_ID = /^[\w.-]{1,128}$/;

/** The item's Ref ID, or an error before anything is sent. */
export function refIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('refId', itemIndex, '');
	const refId = typeof value === 'string' ? value.trim() : '';
	if (!REF_ID.test(refId))
		throw new NodeOperationError(
			context.getNode(),
			refId ? `"${refId}" is not a link's Ref ID` : 'The Ref ID is empty',
			{
				itemIndex,
				description:
					"Set Ref ID to the link's refId from Link > Create (letters, digits, '-', '_' and '.'). Nothing was sent.",
			},
		);
	return refId;
}
