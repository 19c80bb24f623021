import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export type NodeError = NodeApiError | NodeOperationError;

/**
 * An error item holds one key, `error`: n8n routes an item to the error output ("Continue
 * (using error output)") only when its JSON has no other keys (n8n 1.x: none at all).
 */
export function errorItem(error: NodeError): IDataObject {
	return {
		error: {
			message: error.message,
			description: error.description ?? null,
			...((error.context.itemFields as IDataObject | undefined) ?? {}),
			...(error.context.httpStatus ? { httpCode: error.context.httpStatus as string } : {}),
			...(error.context.smileIdCode ? { smileIdCode: error.context.smileIdCode as string } : {}),
		},
	};
}

/** Anything an operation threw, as an error n8n shows with the item: an expression's error says what to check. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(context.getNode(), error as Error, {
		itemIndex,
		description:
			(error as { description?: string }).description ??
			'Check the expressions in the fields of this node. Nothing was sent.',
	});
}
