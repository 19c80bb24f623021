import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readOptions, sendSettings } from '../helpers/options';
import { incompleteCredentialError } from '../helpers/validation';
import { isCredentialRefusal } from '../transport/errors';
import { runWithLimit } from '../transport/limiter';
import { unsupportedOperationError } from './customApiCall';
import type { RunContext, SmileIdOperation } from './node.type';
import { choicesFor, operationOf } from './resources';

type NodeError = NodeApiError | NodeOperationError;

/**
 * An error item holds one key, `error`: n8n routes an item to the error output ("Continue
 * (using error output)") only when its JSON has no other keys (n8n 1.x: none at all).
 */
function errorItem(error: NodeError): IDataObject {
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

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(context.getNode(), error as Error, {
		itemIndex,
		description:
			(error as { description?: string }).description ??
			'Check the expressions in the fields of this node. Nothing was sent.',
	});
}

/** The input items each execute serves: one per item, or one per key the operation shares by. */
function groupItems(
	context: IExecuteFunctions,
	operation: SmileIdOperation | undefined,
	count: number,
): number[][] {
	const indexes = Array.from({ length: count }, (_, itemIndex) => itemIndex);
	if (!operation?.sharedBy) return indexes.map((itemIndex) => [itemIndex]);
	const groups = new Map<string, number[]>();
	for (const itemIndex of indexes) {
		const key = operation.sharedBy.call(context, itemIndex);
		groups.set(key, [...(groups.get(key) ?? []), itemIndex]);
	}
	return [...groups.values()];
}

/**
 * Runs the chosen operation for every input item, within the adaptive limit: one output item per
 * item (or per shared group), paired, in input order. A failed item stops the run, or with On Error
 * "Continue" becomes an error item; once Smile ID refuses the credential, later items are not sent.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0);
	const operationName = this.getNodeParameter('operation', 0);
	const operation = operationOf(resource, operationName);
	const options = readOptions(this);
	const run: RunContext = { options, settings: sendSettings(options) };
	const continueOnFail = this.continueOnFail();
	const groups = groupItems(this, operation, this.getInputData().length);
	const outcomes: Array<{ json: IDataObject; error?: NodeError }> = new Array(groups.length);

	const incomplete = await incompleteCredentialError(this);
	let haltedBy: { error: NodeError; description: string } | undefined = incomplete && {
		error: incomplete,
		description: incomplete.description ?? '',
	};
	let failed = false;

	const executeGroup = async (groupIndex: number) => {
		const itemIndex = groups[groupIndex][0];
		let error: NodeError;
		if (haltedBy) {
			error = new NodeOperationError(this.getNode(), haltedBy.error.message, {
				itemIndex,
				description: haltedBy.description,
			});
			error.context.smileIdCode = haltedBy.error.context.smileIdCode;
		} else {
			try {
				if (!operation)
					throw unsupportedOperationError(this, operationName, choicesFor(resource), itemIndex);
				outcomes[groupIndex] = { json: await operation.execute.call(this, itemIndex, run) };
				return;
			} catch (thrown) {
				error = asNodeError(this, thrown, itemIndex);
			}
			if (isCredentialRefusal(error.context.smileIdCode) && !haltedBy) {
				haltedBy = {
					error,
					description:
						`Not sent: Smile ID refused the credential for an earlier item. ${error.description ?? ''}`.trim(),
				};
			}
		}
		outcomes[groupIndex] = { error, json: errorItem(error) };
		failed = true;
	};

	await runWithLimit(
		groups.length,
		run.settings.limit,
		executeGroup,
		() => this.getExecutionCancelSignal()?.aborted === true || (failed && !continueOnFail),
	);

	// A stopped run shows what was done before the stop, without failing: n8n marks it cancelled.
	const stopped = this.getExecutionCancelSignal()?.aborted === true;
	const output = groups.flatMap((itemIndexes, groupIndex) => {
		const outcome = outcomes[groupIndex];
		if (stopped && !outcome) return [];
		if (!outcome) {
			throw new NodeOperationError(
				this.getNode(),
				'The execution was stopped before all items were sent',
				{
					itemIndex: itemIndexes[0],
				},
			);
		}
		if (outcome.error && !continueOnFail && !stopped) throw outcome.error;
		const pairedItem = itemIndexes.map((item) => ({ item }));
		return [
			{ json: outcome.json, pairedItem: pairedItem.length === 1 ? pairedItem[0] : pairedItem },
		];
	});
	const previews = output.filter(({ json }) => json.dryRun === true);
	if (previews.length > 0) {
		const wouldChange = previews.filter(({ json }) => json.wouldChange === true).length;
		this.addExecutionHints({
			message: `Preview only (Dry Run): nothing was changed in Smile ID. ${wouldChange} of ${previews.length} users would change.`,
			location: 'outputPane',
		});
	}
	return [output];
}
