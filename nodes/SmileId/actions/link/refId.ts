import type { IExecuteFunctions, INodeProperties, NodeApiError } from 'n8n-workflow';
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

/** Smile ID's refusal of a request about one link, said about that link when it answers 404 (an unknown ref_id). */
export function linkRefusal(error: NodeApiError, refId: string): NodeApiError {
	error.context.itemFields = { refId };
	if (error.context.httpStatus === '404') {
		error.message = `No Smile Link with Ref ID ${refId}`;
		error.description =
			"Check the Ref ID (Link > Create's refId) and that the credential is for the environment and partner the link was created with.";
	}
	return error;
}
