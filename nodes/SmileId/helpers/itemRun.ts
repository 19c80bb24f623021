import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ExecutionLimit } from '../transport/limiter';
import type { SendSettings } from '../transport/send';
import { CredentialHalt } from './credentialHalt';
import type { NodeError } from './errorItems';
import { asNodeError, errorItem } from './errorItems';
import type { Options } from './options';
import { readOptions } from './options';
import { runWithLimit } from './runWithLimit';

/** What every item of one execution shares: the options as chosen and the sending settings (one adaptive limit). */
export interface RunContext {
	options: Options;
	settings: SendSettings;
}

/** What an operation does per input item; `sharedBy` groups items that share one execute and one output item. */
export interface ItemWork {
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject>;
	sharedBy?(this: IExecuteFunctions, itemIndex: number): string;
}

/** The input items each execute serves: one per item, or one per key the operation shares by. */
function groupItems(context: IExecuteFunctions, work: ItemWork, count: number): number[][] {
	const indexes = Array.from({ length: count }, (_, itemIndex) => itemIndex);
	if (!work.sharedBy) return indexes.map((itemIndex) => [itemIndex]);
	const groups = new Map<string, number[]>();
	for (const itemIndex of indexes) {
		const key = work.sharedBy.call(context, itemIndex);
		groups.set(key, [...(groups.get(key) ?? []), itemIndex]);
	}
	return [...groups.values()];
}

/**
 * Runs the work for every input item, within the adaptive limit: one output item per item (or
 * per shared group), paired, in input order. A failed item stops the run, or with On Error
 * "Continue" becomes an error item; a credential that fails stops what is not sent yet
 * (credentialHalt.ts). A stopped run shows what was done before the stop, without failing.
 */
export async function runItems(
	context: IExecuteFunctions,
	work: ItemWork,
): Promise<INodeExecutionData[]> {
	const options = readOptions(context);
	const run: RunContext = { options, settings: sendSettings(options) };
	const continueOnFail = context.continueOnFail();
	const groups = groupItems(context, work, context.getInputData().length);
	const outcomes: Array<{ json: IDataObject; error?: NodeError }> = new Array(groups.length);
	const halt = await CredentialHalt.check(context);
	const isStopped = () => context.getExecutionCancelSignal()?.aborted === true;
	let failed = false;

	const executeGroup = async (groupIndex: number) => {
		const itemIndex = groups[groupIndex][0];
		let error: NodeError | undefined = halt.errorFor(itemIndex);
		if (!error) {
			try {
				outcomes[groupIndex] = { json: await work.execute.call(context, itemIndex, run) };
				return;
			} catch (thrown) {
				error = asNodeError(context, thrown, itemIndex);
			}
			halt.noteFailure(error);
		}
		outcomes[groupIndex] = { error, json: errorItem(error) };
		failed = true;
	};

	await runWithLimit(
		groups.length,
		run.settings.limit,
		executeGroup,
		() => isStopped() || (failed && !continueOnFail),
	);

	// n8n marks a stopped run cancelled; the items done before the stop are its output.
	const stopped = isStopped();
	return groups.flatMap((itemIndexes, groupIndex) => {
		const outcome = outcomes[groupIndex];
		if (stopped && !outcome) return [];
		if (!outcome) {
			throw new NodeOperationError(
				context.getNode(),
				'The execution was stopped before all items were sent',
				{ itemIndex: itemIndexes[0] },
			);
		}
		if (outcome.error && !continueOnFail && !stopped) throw outcome.error;
		const pairedItem = itemIndexes.map((item) => ({ item }));
		return [
			{ json: outcome.json, pairedItem: pairedItem.length === 1 ? pairedItem[0] : pairedItem },
		];
	});
}

/** What the network door needs of the options: the bound on requests in flight, the timeout and the retries. */
function sendSettings(options: Options): SendSettings {
	return {
		limit: new ExecutionLimit(Math.max(1, Math.floor(options.maxRequestsInFlight))),
		timeoutMs: options.timeout * 1000,
		retry: {
			maxAttempts: Math.max(1, Math.floor(options.maxAttempts)),
			firstDelayMs: options.firstRetryDelay,
			maxTotalWaitMs: options.maxRetryWait * 1000,
		},
	};
}
