/**
 * Runs the Smile ID node inside n8n-core's own WorkflowExecute, the engine n8n itself uses,
 * with the real credential class doing the signing. Only the credential store and a trigger
 * that emits the test's items are stand-ins. n8n's settings come from test/support/n8n-env.ts.
 */
import { dirname } from 'path';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	Logger,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	LoggerProxy,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { SmileIdApi } from '../../credentials/SmileIdApi.credentials';
import { SmileId } from '../../nodes/SmileId/SmileId.node';

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

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_type: string,
		requestOptions: IHttpRequestOptions,
	) {
		const authenticate = new SmileIdApi().authenticate;
		if (typeof authenticate !== 'function')
			throw new Error('SmileIdApi.authenticate must be a function');
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async getDecrypted() {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return new SmileIdApi().properties;
	}
}

const loggedLines: string[] = [];

/**
 * n8n-core logs through the Logger in its own dependency container (at the level N8N_LOG_LEVEL set in
 * n8n-env.ts); its lines come here instead of the console. The packages are resolved as n8n-core
 * resolves them, so that this is the very Logger it uses.
 */
function captureN8nLogger(): void {
	const resolveFrom = (id: string, from: string) => require.resolve(id, { paths: [dirname(from)] });
	const n8nCore = require.resolve('n8n-core');
	const backendCommon = resolveFrom('@n8n/backend-common', n8nCore);
	const { Container } = require(resolveFrom('@n8n/di', n8nCore));
	const { Logger: N8nLogger } = require(backendCommon);
	const Transport = require(resolveFrom('winston-transport', backendCommon));
	const winston = Container.get(N8nLogger).getInternalLogger();
	winston.clear();
	winston.add(
		new Transport({
			log: (info: Record<string | symbol, unknown>, next: () => void) => {
				loggedLines.push(String(info[Symbol.for('message')] ?? info.message));
				next();
			},
		}),
	);
}
captureN8nLogger();

/**
 * Everything logged so far: through n8n's LoggerProxy, by n8n's own logger, and to stdout or stderr
 * during runs. n8n's logger passes lines on in later ticks of the event loop: this lets them through first.
 */
export async function loggedText(): Promise<string> {
	await new Promise((resolve) => setImmediate(resolve));
	return loggedLines.join('\n');
}

const capture =
	(level: string) =>
	(message: string, meta?: object): void => {
		loggedLines.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	};
LoggerProxy.init({
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped: () => LoggerProxy as unknown as Logger,
} as unknown as Logger);

/**
 * Raw writes to stdout and stderr during a run are captured too; outside runs they belong to jest.
 * A run that outlives its test (a timeout) gives them back after that test, or jest's report is lost.
 */
let restoreProcessOutput: (() => void) | undefined;
afterEach(() => restoreProcessOutput?.());

function captureProcessOutput(): () => void {
	const streams = [process.stdout, process.stderr];
	const originalWrites = streams.map((stream) => stream.write);
	for (const stream of streams) {
		stream.write = ((chunk: string | Uint8Array) => {
			loggedLines.push(String(chunk));
			return true;
		}) as typeof stream.write;
	}
	restoreProcessOutput = () => {
		streams.forEach((stream, i) => (stream.write = originalWrites[i]));
		restoreProcessOutput = undefined;
	};
	return restoreProcessOutput;
}

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
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
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
