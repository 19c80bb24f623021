import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemWork, RunContext } from '../helpers/itemRun';
import type { OptionName } from '../helpers/options';

/** One operation of one resource: the fields it shows and what it does for one input item. */
export interface SmileIdOperation extends ItemWork {
	/** Shown in the Operation list and, unless `subtitle` says more, as the node's subtitle. */
	name: string;
	/** The canvas subtitle where the name alone does not say what the node acts on, e.g. "Get User". */
	subtitle?: string;
	/** The node creator's and AI tools' one-line action, e.g. "Deactivate a user". */
	action: string;
	description: string;
	/** The tool's description for a model: what it does, its input, what comes back. Absent: `description`. */
	forAgents?: string;
	/** Fields this operation shows besides Resource, Operation and Options. */
	properties: INodeProperties[];
	/** The options (helpers/options.ts) only some operations show, that this one shows. */
	options?: OptionName[];
	/**
	 * The output item's JSON for one input item. To fail the item, throw a NodeApiError or
	 * NodeOperationError; fields in its `context.itemFields` (e.g. userId) go into the error item.
	 */
	execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<IDataObject>;
	/**
	 * Items whose key is equal share one execute and one output item, paired with all of them
	 * (e.g. the wallet balance: once per currency, not once per item). Absent: one per item.
	 */
	sharedBy?(this: IExecuteFunctions, itemIndex: number): string;
}

export interface SmileIdResource<Operation extends string> {
	name: string;
	defaultOperation: Operation;
	/** Fields every operation of this resource shows. */
	properties: INodeProperties[];
	operations: Record<Operation, SmileIdOperation>;
}
