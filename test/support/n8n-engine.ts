/**
 * Runs the Smile ID node inside n8n-core's own WorkflowExecute, the engine n8n itself uses,
 * with the real credential class doing the signing. Only the credential store (credentials-helper.ts)
 * and a trigger that emits the test's items are stand-ins. n8n's settings come from n8n-env.ts;
 * what n8n logs meanwhile is kept by n8n-log.ts.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { SmileId } from '../../nodes/SmileId/SmileId.node';
import { TestCredentialsHelper } from './credentials-helper';
import { captureProcessOutput } from './n8n-log';

export const SMILE_ID_NODE_TYPE = 'n8n-nodes-smile-id.smileId';
const ITEMS_NODE_TYPE = 'test.emitItems';

/** Stands in for a trigger: outputs the items a test gives it. */
class EmitItems implements INodeType {
	description = {
		displayName: 'Emit Items',
		name: ITEMS_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: '',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json' as const, default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getNodeParameter('items', 0) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

const nodeTypes: INodeTypes = {
	getByName: (type) => (type === SMILE_ID_NODE_TYPE ? new SmileId() : new EmitItems()),
	getByNameAndVersion: (type, version) =>
		NodeHelpers.getVersionedNodeType(
			type === SMILE_ID_NODE_TYPE ? new SmileId() : new EmitItems(),
			version,
		),
	getKnownTypes: () => ({}),
};

export interface SmileIdRun {
	/** The JSON of each item the Smile ID node output, in order. */
	items: IDataObject[];
	/** With On Error "Continue (using error output)": the items of the error output. */
	errorOutput: IDataObject[];
	/** Which input item each output item is paired with. */
	pairedWith: number[];
	/** The error the node stopped with, when it did. */
	error?: {
		message: string;
		description?: string | null;
		httpCode?: string | null;
		itemIndex?: number;
		smileIdCode?: string;
	};
	run: IRun;
}

export interface RunSmileIdOptions {
	credentials: ICredentialDataDecryptedObject;
	parameters: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** On Error: "Continue (using error output)" instead of "Continue". */
	errorOutput?: boolean;
	/** Aborts the execution, as n8n's Stop button does. */
	cancelSignal?: AbortSignal;
	/** The node's setting Retry On Fail. */
	retryOnFail?: boolean;
}

/** What n8n hands a node's run besides its data: the credential store and n8n's URLs. */
export function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		executeWorkflow: async () => ({ data: [], executionId: '' }),
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function runSmileIdNode(options: RunSmileIdOptions): Promise<SmileIdRun> {
	const itemsNode: INode = {
		id: 'items',
		name: 'Items',
		type: ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: (options.items ?? [{}]) as unknown as INodeParameters[] },
	};
	const smileIdNode: INode = {
		id: 'smile',
		name: 'Smile ID',
		type: SMILE_ID_NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: { resource: 'enrollee', ...options.parameters } as INodeParameters,
		credentials: { smileIdApi: { id: '1', name: 'Smile ID account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.errorOutput ? { onError: 'continueErrorOutput' as const } : {}),
		...(options.retryOnFail ? { retryOnFail: true } : {}),
	};
	const workflow = new Workflow({
		id: 'wf',
		name: 'Smile ID test',
		nodes: [itemsNode, smileIdNode],
		connections: { Items: { main: [[{ node: 'Smile ID', type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'wf',
		name: 'Smile ID test',
		active: false,
		isArchived: false,
		nodes: workflow.nodes ? Object.values(workflow.nodes) : [],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as unknown as ConstructorParameters<typeof ExecutionLifecycleHooks>[2]);
	const additionalData = additionalDataFor(options.credentials, hooks);

	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: itemsNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const restoreOutput = captureProcessOutput();
	let run: IRun;
	try {
		const execution = new WorkflowExecute(
			additionalData,
			'manual',
			runExecutionData,
		).processRunExecutionData(workflow);
		options.cancelSignal?.addEventListener('abort', () => execution.cancel());
		run = await execution;
	} finally {
		restoreOutput();
	}

	const runData = run.data.resultData.runData['Smile ID']?.[0];
	const output = runData?.data?.main?.[0] ?? [];
	const nodeError = runData?.error ?? run.data.resultData.error;
	return {
		items: output.map((item) => item.json),
		errorOutput: (runData?.data?.main?.[1] ?? []).map((item) => item.json),
		pairedWith: output.map((item) =>
			Array.isArray(item.pairedItem)
				? -1
				: typeof item.pairedItem === 'object'
					? item.pairedItem.item
					: -1,
		),
		error: nodeError
			? {
					message: nodeError.message,
					description: nodeError.description,
					httpCode: (nodeError as { httpCode?: string | null }).httpCode,
					itemIndex: nodeError.context?.itemIndex as number | undefined,
					smileIdCode: nodeError.context?.smileIdCode as string | undefined,
				}
			: undefined,
		run,
	};
}
